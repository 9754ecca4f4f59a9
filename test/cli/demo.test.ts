// The demo run end to end through the real command line, in every output format.
// examples/demo contains five working days of three hosts in 203.0.113.0/24 whose users live in
// Delhi (scripts/make-demo.ts writes it); README.md shows the table that these tests check.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import test from 'ava';
import { parseJsonOutput, runCli, temporaryFolder } from './run-cli.ts';

const DEMO = ['assess', 'examples/demo', '--population', '203.0.113.0/24', '--quiet'];

// Each run takes seconds, so tests share the runs of each format.
const runs = new Map<string, ReturnType<typeof runCli>>();
function runDemo(format: string) {
  if (!runs.has(format)) runs.set(format, runCli([...DEMO, '--format', format]));
  return runs.get(format)!;
}

/** Splits a table row into its columns, which are separated by two or more spaces. */
function columnsOf(row: string): string[] {
  return row.trim().split(/ {2,}/);
}

test('demo table ranks IN first', async (t) => {
  const result = await runDemo('table');
  t.is(result.code, 0, result.stderr);
  t.is(result.stderr, '', '--quiet prints no progress');

  const lines = result.stdout.split('\n');
  // Window and first rows as in README.md's "First run".
  t.is(lines[0], 'footprint assessment (2024-03-04T00:47:14.240Z to 2024-03-08T22:44:03.037Z)');
  t.deepEqual(columnsOf(lines[2]).slice(0, 6), ['rank', 'place', 'likelihood', 'p', 'confidence', 'present']);
  t.deepEqual(columnsOf(lines[3]).slice(0, 6), ['1', 'IN', 'almost certain', '1.00', 'high', 'yes']);
  t.deepEqual(columnsOf(lines[4]).slice(0, 2), ['1', 'IN/Delhi']);
  t.true(result.stdout.includes('\nData quality\n'));
  // Data lines of the three demo files (grep -vc '^#'): conn 734, ssl 646, dns 3.
  t.true(result.stdout.includes('records read 1383, used 1383, rejected 0, ignored 0'));
});

test('demo JSON has the assessment schema', async (t) => {
  const assessment = parseJsonOutput(t, await runDemo('json'));
  t.is(assessment.schema, 'footprint-assessment/1');
  t.deepEqual(assessment.run.inputs, ['examples/demo']);
  t.is(assessment.run.population, '--population 203.0.113.0/24');
  t.deepEqual(assessment.window, { first: '2024-03-04T00:47:14.240Z', last: '2024-03-08T22:44:03.037Z' });

  const [first] = assessment.countries;
  t.is(first.rank, 1);
  t.is(first.place, 'IN');
  t.true(first.present);
  t.is(first.likelihood, 'almost certain');
  t.is(first.cities[0].place, 'IN/Delhi');

  // conn.log has 734 data lines, all connections of the population.
  t.is(assessment.dataQuality.connections, 734);
  t.deepEqual(assessment.dataQuality.records, { read: 1383, used: 1383, rejected: {}, ignored: {} });
  t.deepEqual(
    assessment.dataQuality.files.map((file: { kind: string; read: number }) => [file.kind, file.read]),
    [
      ['dns', 3],
      ['ssl', 646],
      ['conn', 734],
    ],
  );
});

test('demo CSV header and first row', async (t) => {
  const result = await runDemo('csv');
  t.is(result.code, 0, result.stderr);
  const [header, first, second] = result.stdout.split('\n');
  const columns = header.split(',');
  t.deepEqual(columns.slice(0, 10), ['level', 'rank', 'place', 'country', 'city', 'status', 'present', 'probability', 'likelihood', 'confidence']);
  t.true(columns.includes('local_resources'));
  t.true(first.startsWith('country,1,IN,IN,,ranked,true,'), first);
  t.true(second.startsWith('city,1,IN/Delhi,IN,Delhi,ranked,true,'), second);
});

test('demo Markdown report', async (t) => {
  const result = await runDemo('markdown');
  t.is(result.code, 0, result.stderr);
  t.true(result.stdout.startsWith('# footprint assessment\n'));
  t.true(result.stdout.includes('## Countries'));
  t.regex(result.stdout, /\n\| 1 \| IN \| almost certain \(95-99%\) \| 1\.00 \| high \| yes \|/);
  t.true(result.stdout.includes('## Cities in IN'));
});

test('demo --explain IN', async (t) => {
  const result = await runCli([...DEMO, '--explain', 'IN']);
  t.is(result.code, 0, result.stderr);
  t.true(result.stdout.startsWith('== IN (rank 1)\n'), result.stdout.slice(0, 80));
  t.true(result.stdout.includes('activity: observed 212'));
  // The Delhi university and government domains of the demo (scripts/make-demo.ts).
  for (const resource of ['iitd.ac.in', 'du.ac.in', 'delhi.gov.in']) t.true(result.stdout.includes(resource), resource);
});

test('--explain of a country without evidence', async (t) => {
  const result = await runCli([...DEMO, '--explain', 'ZZ']);
  t.is(result.code, 1);
  t.true(result.stderr.startsWith('footprint: error: no evidence at all for country ZZ'), result.stderr);
  t.true(result.stderr.includes('Countries with evidence: IN,'));
});

test('--out writes the file', async (t) => {
  const folder = await temporaryFolder();
  const out = path.join(folder, 'assessment.json');
  const written = await runCli(['assess', 'examples/demo', '--population', '203.0.113.0/24', '--format', 'json', '--out', out]);
  t.is(written.code, 0, written.stderr);
  t.is(written.stdout, '', 'results go to the file, not to stdout');
  t.true(written.stderr.includes(`footprint: wrote ${out}`));

  const printed = await runDemo('json');
  t.is(await readFile(out, 'utf8'), printed.stdout);
});

test('--out in a missing folder', async (t) => {
  const folder = await temporaryFolder();
  const out = path.join(folder, 'missing', 'assessment.json');
  const result = await runCli([...DEMO, '--out', out]);
  t.is(result.code, 1);
  t.true(result.stderr.startsWith(`footprint: error: cannot write output file ${out}`), result.stderr);
  t.false(result.stderr.includes('    at '));
});

test('two runs give identical bytes', async (t) => {
  // Two runs of their own, started together, so that both read the same sources and data.
  const [first, second] = await Promise.all([runCli([...DEMO, '--format', 'json']), runCli([...DEMO, '--format', 'json'])]);
  t.is(first.code, 0, first.stderr);
  t.true(first.stdout.length > 1000);
  t.is(first.stdout, second.stdout);
});
