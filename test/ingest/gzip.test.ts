import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import test from 'ava';
import { InputError } from '../../src/errors.ts';
import { createTally, discoverInputs, readLogFile } from '../../src/ingest/index.ts';
import { FIXTURES, readAll } from './read-all.ts';

const folder = mkdtempSync(path.join(tmpdir(), 'footprint-gzip-'));

test('gzip detected by magic bytes', async (t) => {
  // The name ends in .txt, so only the bytes 1f 8b can reveal the compression.
  const file = path.join(folder, 'conn-extra-columns.txt');
  writeFileSync(file, gzipSync(readFileSync(path.join(FIXTURES, 'conn-extra-columns.tsv'))));

  const { inputs } = await discoverInputs([file]);
  t.deepEqual(inputs, [{ path: file, format: 'zeek-tsv', kind: 'conn' }]);
  const { records, tally } = await readAll(inputs[0]);
  // Same counts as the plain fixture.
  t.is(tally.read, 9);
  t.is(tally.used, 3);
  t.like(records[0], { uid: 'CD81wd21HILZoH5hz3', source: { file, line: 9 } });
});

test('truncated gzip reports line reached', async (t) => {
  // 20,000 conn rows (about 1.7 MB) so that several chunks decode before the cut.
  const plain = readFileSync(path.join(FIXTURES, 'conn-extra-columns.tsv'), 'utf8').split('\n');
  const header = plain.slice(0, 8);
  const row = plain[8];
  const rows = Array.from({ length: 20_000 }, () => row);
  const compressed = gzipSync(Buffer.from([...header, ...rows].join('\n') + '\n'));
  const file = path.join(folder, 'truncated.gz');
  writeFileSync(file, compressed.subarray(0, Math.floor(compressed.length / 2)));

  const tally = createTally();
  let records = 0;
  const error = await t.throwsAsync(
    (async () => {
      for await (const batch of readLogFile({ path: file, format: 'zeek-tsv', kind: 'conn' }, { tally })) records += batch.toArray().length;
    })(),
    { instanceOf: InputError },
  );

  const match = /^Compressed input .*truncated\.gz is truncated or corrupt after line (\d+) \(unexpected end of file\)\.$/.exec(error?.message ?? '');
  t.truthy(match, error?.message);
  const lineReached = Number(match?.[1]);
  // Every line before the cut was read: the records are those lines minus the 8 header lines.
  t.true(lineReached > 8);
  t.true(lineReached < 20_008);
  t.is(records, lineReached - 8);
  t.is(tally.read, records);
  t.deepEqual(tally.rejected, {});
});
