import path from 'node:path';
import test from 'ava';
import { InputError } from '../../src/errors.ts';
import { createTally, readLogFile } from '../../src/ingest/index.ts';
import { FIXTURES, readAll } from './read-all.ts';

// Expected values below are read off the fixture lines by hand; line numbers count the header lines.

test('TSV conn with extra columns', async (t) => {
  const file = path.join(FIXTURES, 'conn-extra-columns.tsv');
  const { records, tally } = await readAll({ path: file, format: 'zeek-tsv', kind: 'conn' });

  // Nine data lines (9-17): three valid, six malformed.
  t.deepEqual(tally, {
    read: 9,
    used: 3,
    rejected: { 'wrong field count': 1, 'invalid ts': 2, 'invalid address': 1, 'invalid port': 1, 'invalid orig_bytes': 1 },
    ignored: {},
  });
  t.deepEqual(records[0], {
    kind: 'conn',
    ts: 1655192644.071455,
    uid: 'CD81wd21HILZoH5hz3',
    origHost: '147.32.83.234',
    origPort: 50321,
    respHost: '20.199.120.85',
    respPort: 443,
    proto: 'tcp',
    service: 'ssl',
    duration: 1.25,
    origBytes: 1234,
    respBytes: 5678,
    origPackets: 12,
    respPackets: 10,
    connState: 'SF',
    history: 'ShADadFf',
    localOrig: true,
    localResp: false,
    source: { file, line: 9 },
  });
});

test('TSV conn unset fields', async (t) => {
  const file = path.join(FIXTURES, 'conn-extra-columns.tsv');
  const { records } = await readAll({ path: file, format: 'zeek-tsv', kind: 'conn' });

  // Line 10 writes "-" for service, duration and both byte counts.
  t.like(records[1], { uid: 'CHo14g2A86e0zO87V3', origPackets: 2, respPackets: 0, localOrig: false, localResp: true });
  t.is(records[1].kind === 'conn' ? records[1].service : 'wrong kind', undefined);
  t.is(records[1].kind === 'conn' ? records[1].duration : 'wrong kind', undefined);
  t.is(records[1].kind === 'conn' ? records[1].origBytes : 'wrong kind', undefined);

  // Line 11: upper-case IPv6 is normalised, unset local flags stay undefined.
  t.like(records[2], { origHost: '2001:db8::10', respHost: '2a00:1450:4001:80e::200e', proto: 'udp', duration: 0.5, source: { file, line: 11 } });
  t.is(records[2].kind === 'conn' ? records[2].localOrig : 'wrong kind', undefined);
});

test('TSV rejection examples', async (t) => {
  const file = path.join(FIXTURES, 'conn-extra-columns.tsv');
  const { examples } = await readAll({ path: file, format: 'zeek-tsv', kind: 'conn' });

  t.deepEqual(
    examples.map((example) => [example.reason, example.line, example.value]),
    [
      ['invalid address', 14, '147.32.83.999'],
      ['invalid orig_bytes', 16, 'many'],
      ['invalid port', 15, '70000'],
      ['invalid ts', 13, 'yesterday'],
      ['invalid ts', 17, '1655192705.0.1'],
      // The #fields line names 23 columns; this row has the 21 of a standard conn log.
      ['wrong field count', 12, '21 fields, expected 23: 1655192701.0\tCbad00000000000001\t147.32.83.234\t50322\t1.1.1.1\t53\tudp\tdns\t0.01\t40\t80\tSF\tT\tF\t0\tDd\t1\t68\t1\t108\t(empty)'],
    ],
  );
  t.true(examples.every((example) => example.file === file));
});

test('TSV header blocks re-read', async (t) => {
  const file = path.join(FIXTURES, 'conn-rotated.tsv');
  const { records, tally } = await readAll({ path: file, format: 'zeek-tsv', kind: 'conn' });

  t.deepEqual(tally, { read: 3, used: 3, rejected: {}, ignored: {} });
  t.like(records[0], { uid: 'C1', ts: 1655000000.000001, origHost: '192.0.2.10', respPort: 80, connState: 'SF', source: { line: 8 } });
  // The second block lists uid first, swaps the endpoints' column order and writes unset as NONE.
  t.like(records[1], { uid: 'C2', ts: 1655003600.25, origHost: '192.0.2.11', origPort: 40001, respHost: '203.0.113.7', respPort: 8443, source: { line: 17 } });
  t.is(records[1].kind === 'conn' ? records[1].origBytes : 'wrong kind', undefined);
  t.like(records[2], { uid: 'C3', origBytes: 99, source: { line: 18 } });
});

test('TSV custom separators and escapes', async (t) => {
  const file = path.join(FIXTURES, 'dns-pipe-separator.tsv');
  const { records, tally, examples } = await readAll({ path: file, format: 'zeek-tsv', kind: 'dns' });

  t.deepEqual(tally, { read: 4, used: 2, rejected: { 'invalid TTLs': 1 }, ignored: { 'dns row without query': 1 } });
  t.deepEqual(records[0], {
    kind: 'dns',
    ts: 1655200000.1,
    uid: 'Cdns1',
    origHost: '192.0.2.10',
    respHost: '192.0.2.1',
    query: 'www.seznam.cz',
    answers: ['77.75.77.222', '77.75.79.222'],
    ttls: [300, 300],
    source: { file, line: 8 },
  });
  // The empty_field marker EMPTY means empty vectors.
  t.like(records[1], { query: 'muni.cz', answers: [], ttls: [] });
  t.deepEqual(examples, [{ reason: 'invalid TTLs', file, line: 11, value: 'sixty' }]);
});

test('TSV kind from fields without path', async (t) => {
  const file = path.join(FIXTURES, 'ssl-no-path.tsv');
  const { records } = await readAll({ path: file, format: 'zeek-tsv', kind: 'ssl' });
  t.deepEqual(
    records.map((record) => (record.kind === 'ssl' ? record.serverName : record.kind)),
    ['www.cvut.cz'],
  );
});

test('TSV unsupported kind is ignored', async (t) => {
  // Forced through readLogFile, rows of a weird log are counted as ignored, not rejected.
  const { records, tally } = await readAll({ path: path.join(FIXTURES, 'weird.tsv'), format: 'zeek-tsv', kind: 'conn' });
  t.is(records.length, 0);
  t.deepEqual(tally, { read: 1, used: 0, rejected: {}, ignored: { 'unsupported log kind weird': 1 } });
});

test('TSV forced kind overrides path', async (t) => {
  // weird has no proto column, so forcing conn must fail on the header with the missing columns.
  const file = path.join(FIXTURES, 'weird.tsv');
  const error = await t.throwsAsync(readAll({ path: file, format: 'zeek-tsv', kind: 'conn', kindForced: true }), { instanceOf: InputError });
  t.is(error?.message, `${file} line 6: the conn log has no proto column.`);
});

test('TSV data before fields header', async (t) => {
  const file = path.join(FIXTURES, 'nfdump.csv');
  const error = await t.throwsAsync(readAll({ path: file, format: 'zeek-tsv', kind: 'conn' }), { instanceOf: InputError });
  t.is(error?.message, `${file} line 1: data row before any #fields header.`);
});

test('readLogFile leaves used to caller', async (t) => {
  // Later stages decide whether a record is used, so readLogFile counts only read, rejected and ignored.
  const tally = createTally();
  let records = 0;
  const input = { path: path.join(FIXTURES, 'conn-extra-columns.tsv'), format: 'zeek-tsv' as const, kind: 'conn' as const };
  for await (const batch of readLogFile(input, { tally })) records += batch.toArray().length;
  t.is(records, 3);
  t.is(tally.read, 9);
  t.is(tally.used, 0);
});

test('readLogFile counts lines of unread batches', async (t) => {
  // A caller that stops reading a batch early still gets every line counted before the next one.
  const tally = createTally();
  const input = { path: path.join(FIXTURES, 'conn-extra-columns.tsv'), format: 'zeek-tsv' as const, kind: 'conn' as const };
  let firstRecords = 0;
  for await (const batch of readLogFile(input, { tally })) {
    if (batch.next() !== undefined) firstRecords++;
  }
  t.is(firstRecords, 1);
  t.is(tally.read, 9);
  t.deepEqual(tally.rejected, { 'wrong field count': 1, 'invalid ts': 2, 'invalid address': 1, 'invalid port': 1, 'invalid orig_bytes': 1 });
});
