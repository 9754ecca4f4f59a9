import test from 'ava';
import { createTally, type RejectExample } from '../../src/ingest/index.ts';
import { FileTally } from '../../src/ingest/tally.ts';
import { readPlainJsonConn } from '../../src/ingest/zeek-json-conn.ts';
import { JSON_FORMAT, jsonRowFields } from '../../src/ingest/zeek-json.ts';
import { createZeekRowParser, KIND_COLUMNS } from '../../src/ingest/zeek-rows.ts';
import { mulberry32 } from '../../src/util/mulberry32.ts';

// The fast JSON conn reader must give what the general path gives, or leave the row to it. The
// general path is the row parser on field text, which test/ingest/zeek-json.test.ts checks
// against values read off fixture lines by hand.

// Values per key: first the plain form Zeek writes, then other forms, valid or not.
const VALUES: Record<string, unknown[]> = {
  ts: [1709510400.281834, 0, -0, 8.64e12, 8.64e12 + 1, -1, '1709510400.5', '2024-03-04T10:00:00Z', null, true, Number.MAX_VALUE],
  uid: ['CgUH89HGATaczqZgRn', '', null, 7, '\u0000unset', ['C1']],
  'id.orig_h': ['198.51.100.7', '2001:DB8::1', '::ffff:192.0.2.1', '01.2.3.4', 'host', 17, null, '\u0000unset'],
  'id.orig_p': [443, 0, -0, 65535, 65536, 80.5, -1, '443', null],
  proto: ['tcp', 'udp', '', null, 6, '\u0000empty'],
  service: ['ssl', '', null, ['dns', 'http'], 3],
  duration: [0.000269, 3, 0, -0, -0.5, '1.5', null, true],
  orig_bytes: [135, 0, 9007199254740993, 1e21, -1, '12', null],
  conn_state: ['SF', 'REJ', '', null, 0],
  local_orig: [true, false, null, 'T', 1],
  history: ['ShADadFf', '', null, ['S']],
  orig_pkts: [7, 0, 2.5, null, 'seven'],
};
VALUES['id.resp_h'] = VALUES['id.orig_h'];
VALUES['id.resp_p'] = VALUES['id.orig_p'];
VALUES.resp_bytes = VALUES.orig_bytes;
VALUES.resp_pkts = VALUES.orig_pkts;
VALUES.local_resp = VALUES.local_orig;

// Plain values most of the time, so that many rows are in the plain form; a key is sometimes left out.
function randomRow(random: () => number): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (const [key, options] of Object.entries(VALUES)) {
    const draw = random();
    if (draw < 0.03) continue;
    row[key] = draw < 0.8 ? options[0] : options[Math.floor(random() * options.length)];
  }
  return row;
}

function generalRead(row: Record<string, unknown>) {
  const examples: RejectExample[] = [];
  const tally = new FileTally('conn.json', createTally(), (example) => examples.push(example));
  const record = createZeekRowParser('conn', KIND_COLUMNS.conn, JSON_FORMAT, tally, 0)(jsonRowFields(row, 'conn'), 9);
  return { record, tally: tally.tally, examples };
}

test('fast JSON conn reader matches general reader', (t) => {
  // 20,000 random rows from a fixed seed, so that a failure repeats.
  const random = mulberry32(4);
  let fast = 0;
  let left = 0;
  for (let i = 0; i < 20_000; i++) {
    const row = randomRow(random);
    const record = readPlainJsonConn(row, 'conn.json', 9);
    if (record === undefined) {
      left++;
      continue;
    }
    fast++;
    const general = generalRead(row);
    // deepEqual distinguishes -0 from 0, which JSON output hides, so a -0 must not get through.
    t.deepEqual(record, general.record, JSON.stringify(row));
    t.deepEqual(general.tally.rejected, {}, JSON.stringify(row));
  }

  // Both paths must be well represented, or the comparison proves little.
  t.true(fast > 1_000, `${fast} rows read by the fast path`);
  t.true(left > 1_000, `${left} rows left to the general path`);
});

test('fast JSON conn reader leaves nested rows', (t) => {
  const nested = { ts: 1709510400.5, id: { orig_h: '198.51.100.7', orig_p: 5000, resp_h: '192.0.2.1', resp_p: 443 }, proto: 'tcp' };
  t.is(readPlainJsonConn(nested, 'conn.json', 1), undefined);
  t.like(generalRead(nested).record, { origHost: '198.51.100.7', respPort: 443 });
});
