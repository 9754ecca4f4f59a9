// `aggregate`, `merge` and `assess --baseline` through the real command line.
// test/fixtures/cli/shard-a has three connections to Indian sites (imd.gov.in, thehindu.com) on
// 2024-03-04 and -05, shard-b three to Czech ones (cvut.cz, seznam.cz) on 2024-03-06. No remote
// address is in both shards, so reading them together attributes the same names as apart.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import test from 'ava';
import { CLI_FIXTURES, assertCleanError, parseJsonOutput, runCli, temporaryFolder } from './run-cli.ts';

const SHARD_A = `${CLI_FIXTURES}/shard-a`;
const SHARD_B = `${CLI_FIXTURES}/shard-b`;
const POPULATION = ['--population', '203.0.113.0/24', '--quiet'];

test('merge of shards equals aggregate of both', async (t) => {
  const folder = await temporaryFolder();
  const fileA = path.join(folder, 'a.json');
  const fileB = path.join(folder, 'b.json');
  const merged = path.join(folder, 'merged.json');

  const [both, a, b] = await Promise.all([
    runCli(['aggregate', SHARD_A, SHARD_B, ...POPULATION]),
    runCli(['aggregate', SHARD_A, ...POPULATION, '--out', fileA]),
    runCli(['aggregate', SHARD_B, ...POPULATION, '--out', fileB]),
  ]);
  t.is(a.code, 0, a.stderr);
  t.is(b.code, 0, b.stderr);
  const whole = parseJsonOutput(t, both);

  const merge = await runCli(['merge', fileA, fileB, '--out', merged]);
  t.is(merge.code, 0, merge.stderr);
  const combined = JSON.parse(await readFile(merged, 'utf8'));

  t.is(whole.schema, 'footprint-aggregate/1');
  // Three connections in each shard's conn.log.
  t.is(whole.totals.connections, 6);
  t.is(combined.totals.connections, 6);
  // The SNI names of both shards' ssl.log, each one resource.
  t.deepEqual(combined.resources.map((use: { resource: string }) => use.resource).sort(), ['cvut.cz', 'imd.gov.in', 'seznam.cz', 'thehindu.com']);
  // First connection of shard-a and last of shard-b.
  t.is(combined.firstTs, 1709546400.1);
  t.is(combined.lastTs, 1709726400.1);
  t.deepEqual(combined, whole);
});

test('merge order does not matter', async (t) => {
  const folder = await temporaryFolder();
  const fileA = path.join(folder, 'a.json');
  const fileB = path.join(folder, 'b.json');
  await Promise.all([runCli(['aggregate', SHARD_A, ...POPULATION, '--out', fileA]), runCli(['aggregate', SHARD_B, ...POPULATION, '--out', fileB])]);

  const [ab, ba] = await Promise.all([runCli(['merge', fileA, fileB]), runCli(['merge', fileB, fileA])]);
  t.is(ab.code, 0, ab.stderr);
  t.is(ab.stdout, ba.stdout);
});

test('assess with an aggregate as baseline', async (t) => {
  const folder = await temporaryFolder();
  const baseline = path.join(folder, 'baseline.json');
  const written = await runCli(['aggregate', SHARD_B, ...POPULATION, '--out', baseline]);
  t.is(written.code, 0, written.stderr);

  const assessment = parseJsonOutput(t, await runCli(['assess', 'examples/demo', ...POPULATION, '--format', 'json', '--baseline', baseline]));
  t.is(assessment.schema, 'footprint-assessment/1');
  // The baseline description names the file and its connection count (three in shard-b).
  t.true(assessment.run.baseline.startsWith(`reference aggregate ${baseline} (3 connections)`), assessment.run.baseline);
  t.is(assessment.countries[0].place, 'IN');
});

test('baseline that is not an aggregate', async (t) => {
  const cases: [string, string[]][] = [
    ['examples/demo/conn.log', ['aggregate file examples/demo/conn.log is not valid JSON']],
    [`${CLI_FIXTURES}/not-an-aggregate.json`, [`${CLI_FIXTURES}/not-an-aggregate.json: not a footprint aggregate`, 'footprint aggregate']],
    ['no-such-baseline.json', ['cannot read aggregate file no-such-baseline.json', 'footprint aggregate']],
  ];
  const results = await Promise.all(cases.map(([file]) => runCli(['assess', 'examples/demo', ...POPULATION, '--baseline', file])));
  results.forEach((result, index) => assertCleanError(t, result, 1, cases[index][1]));
});

test('merge of a file that is not an aggregate', async (t) => {
  assertCleanError(t, await runCli(['merge', `${CLI_FIXTURES}/not-an-aggregate.json`]), 1, [
    `${CLI_FIXTURES}/not-an-aggregate.json: not a footprint aggregate`,
  ]);
});
