import path from 'node:path';
import test from 'ava';
import { FIXTURES, readAll } from './read-all.ts';

// Epoch values from GNU date, for example `date -u -d '2022-06-14T08:30:00Z' +%s` gives 1655195400.

test('JSON flat keys', async (t) => {
  const file = path.join(FIXTURES, 'ssl-flat.jsonl');
  const { records, tally } = await readAll({ path: file, format: 'zeek-json', kind: 'ssl' });

  // Seven lines: one blank (not counted), two valid, one without server_name,
  // two that are not JSON objects and one with the port "https".
  t.deepEqual(tally, {
    read: 6,
    used: 2,
    rejected: { 'invalid JSON': 2, 'invalid port': 1 },
    ignored: { 'ssl row without server_name': 1 },
  });
  t.deepEqual(records[0], {
    kind: 'ssl',
    ts: 1655192644.071455,
    uid: 'CD81wd21HILZoH5hz3',
    origHost: '147.32.83.234',
    respHost: '20.199.120.85',
    respPort: 443,
    serverName: 'client.wns.windows.com',
    source: { file, line: 1 },
  });
});

test('JSON ISO timestamp keeps microseconds', async (t) => {
  const file = path.join(FIXTURES, 'ssl-flat.jsonl');
  const { records } = await readAll({ path: file, format: 'zeek-json', kind: 'ssl' });
  // 2022-06-14T08:30:00.123456Z = 1655195400 + 0.123456.
  t.true(Math.abs(records[1].ts - 1655195400.123456) < 1e-6, String(records[1].ts));
  t.like(records[1], { serverName: 'www.cvut.cz', source: { line: 2 } });
});

test('JSON rejection examples', async (t) => {
  const file = path.join(FIXTURES, 'ssl-flat.jsonl');
  const { examples } = await readAll({ path: file, format: 'zeek-json', kind: 'ssl' });
  t.deepEqual(
    examples.map((example) => [example.reason, example.line]),
    [
      ['invalid JSON', 5],
      ['invalid JSON', 6],
      ['invalid port', 7],
    ],
  );
  t.is(examples[2].value, 'https');
});

test('JSON nested id and host ports', async (t) => {
  const file = path.join(FIXTURES, 'http-nested.jsonl');
  const { records, tally } = await readAll({ path: file, format: 'zeek-json', kind: 'http' });

  t.deepEqual(tally, {
    read: 4,
    used: 2,
    rejected: {},
    ignored: { 'http row without host': 1, 'unsupported log kind weird': 1 },
  });
  // 2022-06-14T10:00:00+02:00 is 08:00:00 UTC = 1655193600.
  t.deepEqual(records[0], {
    kind: 'http',
    ts: 1655193600,
    uid: 'Chttp1',
    origHost: '147.32.83.234',
    respHost: '13.107.4.52',
    respPort: 80,
    host: 'www.msftconnecttest.com',
    source: { file, line: 1 },
  });
  // The IPv4-mapped originator becomes IPv4; the bracketed IPv6 host loses brackets and port.
  t.like(records[1], { origHost: '147.32.83.234', respHost: '2001:db8::80', respPort: 8080, host: '2001:db8::80' });
});
