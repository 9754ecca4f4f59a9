import test from 'ava';
import { createTally, type RejectExample } from '../../src/ingest/index.ts';
import { FileTally } from '../../src/ingest/tally.ts';
import { createConnLineParser, parsePlainDecimal } from '../../src/ingest/zeek-conn-line.ts';
import { createZeekRowParser, type ZeekValueFormat } from '../../src/ingest/zeek-rows.ts';
import { mulberry32 } from '../../src/util/mulberry32.ts';

// The fast conn reader must give what the general path gives on the split line: the same record,
// or the same rejection. The reference is createZeekRowParser, which test/ingest/zeek-tsv.test.ts
// checks against values read off fixture lines by hand.

const FORMAT: ZeekValueFormat = { unset: '-', empty: '(empty)', setSeparator: ',', escaped: true };

// The columns of a Zeek 6 conn log, in the order its ASCII writer uses.
const FIELDS = [
  'ts', 'uid', 'id.orig_h', 'id.orig_p', 'id.resp_h', 'id.resp_p', 'proto', 'service', 'duration',
  'orig_bytes', 'resp_bytes', 'conn_state', 'local_orig', 'local_resp', 'missed_bytes', 'history',
  'orig_pkts', 'orig_ip_bytes', 'resp_pkts', 'resp_ip_bytes', 'tunnel_parents',
];

// Values for each column: plain ones and the odd forms that the fast path hands to the general readers.
const VALUES: Record<string, string[]> = {
  ts: ['1709510400.281834', '1655192644', '1655192644.5', '0', '8640000000000', '8640000000001', '1e9', '-1', '', '-', '1.', '.5', '2024-03-04T10:00:00Z', '12345678901234567890', '1655192644.1234567890123456789012', 'abc'],
  uid: ['CgUH89HGATaczqZgRn', '-', '(empty)', '', 'C\\x41B'],
  'id.orig_h': ['198.51.100.7', '10.0.0.1', '255.255.255.255', '01.2.3.4', '256.1.1.1', '1.2.3', '2001:DB8::1', '::ffff:192.0.2.1', 'fe80::1%eth0', '-', 'host'],
  'id.orig_p': ['443', '0', '65535', '65536', '080', '80.0', '80.5', '-1', '', '1e3', '123456'],
  proto: ['tcp', 'udp', 'icmp', '-', '(empty)', ''],
  service: ['ssl', 'dns,http', '-', '(empty)', 'a\\x09b'],
  duration: ['0.000269', '1.710995', '3', '-', '', '(empty)', '1e-3', '-0.5', 'NaN', 'Infinity', ' 2', '0x10'],
  orig_bytes: ['0', '135', '9007199254740991', '9007199254740993', '-', '12.5', 'x'],
  conn_state: ['SF', 'S0', 'REJ', '-', '(empty)'],
  local_orig: ['T', 'F', '-', 't', 'TT'],
  history: ['ShADadFf', 'D', '-', '^d\\x5c'],
  orig_pkts: ['1', '7', '-', '2.0', 'seven'],
};
VALUES['id.resp_h'] = VALUES['id.orig_h'];
VALUES['id.resp_p'] = VALUES['id.orig_p'];
VALUES.resp_bytes = VALUES.orig_bytes;
VALUES.resp_pkts = VALUES.orig_pkts;
VALUES.local_resp = VALUES.local_orig;

// Plain values most of the time, so that lines also get through to the later columns.
function randomLine(random: () => number): string {
  const fields = FIELDS.map((name) => {
    const options = VALUES[name] ?? ['0', '-'];
    return random() < 0.8 ? options[0] : options[Math.floor(random() * options.length)];
  });
  const draw = random();
  if (draw < 0.02) fields.pop();
  else if (draw < 0.04) fields.push('extra');
  return fields.join('\t');
}

function parseBoth(line: string, fieldNames: string[]) {
  const results = [];
  for (const fast of [false, true]) {
    const examples: RejectExample[] = [];
    const tally = new FileTally('conn.log', createTally(), (example) => examples.push(example));
    let record;
    if (fast) {
      record = createConnLineParser(fieldNames, '\t', FORMAT, tally)!(line, 9);
    } else {
      const fields = line.split('\t');
      record = fields.length === fieldNames.length ? createZeekRowParser('conn', fieldNames, FORMAT, tally, 8)(fields, 9) : tally.rejectFieldCount(9, fields.length, fieldNames.length, line);
    }
    results.push({ record, tally: tally.tally, examples });
  }
  return results;
}

test('fast conn reader matches general reader', (t) => {
  // 20,000 random lines from a fixed seed, so that a failure repeats.
  const random = mulberry32(20261204);
  let records = 0;
  let rejected = 0;
  for (let i = 0; i < 20_000; i++) {
    const line = randomLine(random);
    const [general, fast] = parseBoth(line, FIELDS);
    // Object.is inside deepEqual would tell -0 from 0 and NaN from NaN, as a report would.
    if (!Object.is(general.record?.ts, fast.record?.ts)) t.fail(`ts differs on ${JSON.stringify(line)}`);
    t.deepEqual(fast, general, line);
    if (general.record) records++;
    else rejected++;
  }

  // Both outcomes must be well represented, or the comparison proves little.
  t.true(records > 2_000, `${records} records`);
  t.true(rejected > 2_000, `${rejected} rejected`);
});

test('fast conn reader without optional columns', (t) => {
  const minimal = ['ts', 'id.orig_h', 'id.orig_p', 'id.resp_h', 'id.resp_p', 'proto'];
  const random = mulberry32(7);
  for (let i = 0; i < 2_000; i++) {
    const line = minimal.map((name) => {
      const options = VALUES[name];
      return random() < 0.7 ? options[0] : options[Math.floor(random() * options.length)];
    }).join('\t');
    const [general, fast] = parseBoth(line, minimal);
    t.deepEqual(fast, general, line);
  }
});

test('fast conn reader skips long separators', (t) => {
  const tally = new FileTally('conn.log', createTally());
  t.is(createConnLineParser(FIELDS, '::', FORMAT, tally), undefined);
});

test('parsePlainDecimal matches Number', (t) => {
  // Expected values are those of Number() on the same text.
  const line = 'x1709510400.281834|0.000269|9007199254740991|1.7976931348623157|12|';
  const cut = (from: string) => {
    const start = line.indexOf(from);
    return parsePlainDecimal(line, start, start + from.length);
  };
  t.is(cut('1709510400.281834'), 1709510400.281834);
  t.is(cut('0.000269'), 0.000269);
  t.is(cut('9007199254740991'), 9007199254740991);
  t.is(cut('1.7976931348623157'), -1); // 17 digits: more than 2^53 as an integer, so the general reader takes it
  t.is(cut('12'), 12);
  t.is(parsePlainDecimal('5.', 0, 2), -1);
  t.is(parsePlainDecimal('.5', 0, 2), -1);
  t.is(parsePlainDecimal('1.2.3', 0, 5), -1);
  t.is(parsePlainDecimal('', 0, 0), -1);
  t.is(parsePlainDecimal('9007199254740992', 0, 16), -1);
});
