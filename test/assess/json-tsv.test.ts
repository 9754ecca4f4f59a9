// The same connections written as a Zeek TSV conn log and as a Zeek JSON conn log must give the
// same aggregate. The logs come from the benchmark generator, whose JSON form mirrors Zeek's JSON
// writer. Its conn rows take the fast TSV and JSON readers, and the ssl log the general TSV reader.

import test from 'ava';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateZeekLogs } from '../../bench/generate-zeek-logs.ts';
import { aggregateLogs } from '../../src/assess/aggregate-logs.ts';

async function aggregateOf(connFormat: 'tsv' | 'json') {
  const dir = mkdtempSync(join(tmpdir(), `footprint-${connFormat}-`));
  try {
    const logs = await generateZeekLogs(dir, { records: 5_000, seed: 11, poolSize: 300, connFormat });
    const { aggregate, context } = await aggregateLogs({ inputs: [dir], population: logs.population });
    return { json: aggregate.toJSON(), tally: context.tally, formats: context.files.map((file) => `${file.kind} ${file.format}`).sort() };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('TSV and JSON conn logs aggregate alike', async (t) => {
  const tsv = await aggregateOf('tsv');
  const json = await aggregateOf('json');

  t.deepEqual(tsv.formats, ['conn zeek-tsv', 'ssl zeek-tsv']);
  t.deepEqual(json.formats, ['conn zeek-json', 'ssl zeek-tsv']);
  // 5,000 conn records and the ssl records of a 300-address pool, none rejected.
  t.is(tsv.tally.read, json.tally.read);
  t.deepEqual(tsv.tally.rejected, {});
  t.deepEqual(json.tally, tsv.tally);
  t.true(tsv.json.cells.length > 1_000, `${tsv.json.cells.length} cells`);
  t.deepEqual(json.json, tsv.json);
});
