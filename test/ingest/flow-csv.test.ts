import path from 'node:path';
import test from 'ava';
import { FIXTURES, readAll } from './read-all.ts';

// Epoch values from GNU date: `date -u -d '2022-06-14T08:30:00Z' +%s` gives 1655195400.

test('nfdump CSV flows', async (t) => {
  const file = path.join(FIXTURES, 'nfdump.csv');
  const { records, tally, examples } = await readAll({ path: file, format: 'flow-csv', kind: 'conn' });

  // Lines 2-6 are flows (one bad address, one short row); lines 7-9 are the Summary block.
  t.deepEqual(tally, { read: 5, used: 3, rejected: { 'invalid address': 1, 'wrong field count': 1 }, ignored: {} });
  t.deepEqual(records[0], {
    kind: 'conn',
    ts: 1655195400,
    uid: undefined,
    origHost: '147.32.83.234',
    origPort: 50100,
    respHost: '77.75.77.222',
    respPort: 443,
    proto: 'tcp',
    service: undefined,
    duration: 5.25,
    origBytes: 1500,
    respBytes: 0,
    origPackets: 12,
    respPackets: 0,
    connState: undefined,
    history: undefined,
    localOrig: undefined,
    localResp: undefined,
    source: { file, line: 2 },
  });
  t.like(records[1], { origHost: '2001:db8::5', respHost: '2001:4860:4860::8888', proto: 'udp', respPort: 53, origBytes: 70 });
  // ICMP type 3 code 3 appears as destination port 771 (3 * 256 + 3).
  t.like(records[2], { proto: 'icmp', origPort: 0, respPort: 771, source: { line: 4 } });
  t.deepEqual(
    examples.map((example) => [example.reason, example.line, example.value]),
    [
      ['invalid address', 5, '147.32.83.300'],
      // The row has 2 fields; the last column read is obyt, the 15th of the header.
      ['wrong field count', 6, '2 fields, expected at least 15: 2022-06-14 08:30:04,2022-06-14 08:30:05'],
    ],
  );
});

test('IPFIX CSV flows', async (t) => {
  const file = path.join(FIXTURES, 'ipfix.csv');
  const { records, tally, examples } = await readAll({ path: file, format: 'flow-csv', kind: 'conn' });

  t.deepEqual(tally, { read: 4, used: 3, rejected: { 'invalid duration': 1 }, ignored: {} });
  // flowStartMilliseconds 1655195400123 = 1655195400.123 s; the flow ends 2500 ms later.
  t.like(records[0], {
    ts: 1655195400.123,
    origHost: '192.0.2.10',
    origPort: 51000,
    respHost: '193.29.206.206',
    respPort: 443,
    proto: 'tcp',
    duration: 2.5,
    origBytes: 4200,
    origPackets: 9,
  });
  t.is(records[0].kind === 'conn' ? records[0].respBytes : 'wrong kind', undefined);
  // The second flow fills only the IPv6 columns; protocol 17 is UDP.
  t.like(records[1], { origHost: '2001:db8::10', respHost: '2a02:598:2::1', proto: 'udp', duration: 0 });
  // ISO 8601 times: 2022-06-14T08:30:03.500Z = 1655195403.5.
  t.like(records[2], { ts: 1655195403.5, duration: 0.5, respPort: 80, source: { line: 5 } });
  // Line 4 is quoted and ends before it starts.
  t.is(examples[0].line, 4);
});
