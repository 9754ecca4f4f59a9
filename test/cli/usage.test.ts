// Usage errors and help of the real command line. Expected texts come from src/cli/help.ts and
// package.json; usage errors exit with 2, as README.md documents.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import test from 'ava';
import { REPO_ROOT, assertCleanError, runCli } from './run-cli.ts';

const VERSION = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')).version as string;

test('--help lists the commands', async (t) => {
  const result = await runCli(['--help']);
  t.is(result.code, 0);
  t.is(result.stderr, '');
  t.true(result.stdout.startsWith('footprint: infer where a monitored population'));
  for (const usage of ['footprint assess LOGS...', 'footprint aggregate LOGS...', 'footprint merge AGGREGATES...', 'footprint COMMAND --help']) {
    t.true(result.stdout.includes(usage), usage);
  }
});

test('assess --help lists its options', async (t) => {
  const result = await runCli(['assess', '--help']);
  t.is(result.code, 0);
  t.is(result.stderr, '');
  t.true(result.stdout.startsWith('Usage: footprint assess LOGS... [options]'));
  for (const option of ['--population SPEC', '--geoip PATH', '--asn PATH', '--weights FILE', '--baseline FILE', '--format F', '--explain CC', '--out FILE']) {
    t.true(result.stdout.includes(option), option);
  }
});

test('aggregate and merge --help', async (t) => {
  const [aggregate, merge] = await Promise.all([runCli(['aggregate', '--help']), runCli(['merge', '--help'])]);
  t.is(aggregate.code, 0);
  t.true(aggregate.stdout.startsWith('Usage: footprint aggregate LOGS... [options]'));
  t.is(merge.code, 0);
  t.true(merge.stdout.startsWith('Usage: footprint merge AGGREGATES... [--out FILE]'));
});

test('--version prints package version', async (t) => {
  const result = await runCli(['--version']);
  t.is(result.code, 0);
  t.is(result.stdout, `footprint ${VERSION}\n`);
});

test('missing command is a usage error', async (t) => {
  assertCleanError(t, await runCli([]), 2, ['missing command', 'footprint --help']);
});

test('unknown command is a usage error', async (t) => {
  assertCleanError(t, await runCli(['asses', 'examples/demo']), 2, ['unknown command "asses"', 'Commands: assess, aggregate, merge']);
});

test('unknown option is a usage error', async (t) => {
  assertCleanError(t, await runCli(['assess', 'examples/demo', '--population', '203.0.113.0/24', '--colour']), 2, [
    'unknown option --colour',
    'footprint assess --help',
  ]);
});

test('misspelt option gets a suggestion', async (t) => {
  // "populaton" is one deletion away from "population".
  assertCleanError(t, await runCli(['assess', 'examples/demo', '--populaton', '203.0.113.0/24']), 2, ['unknown option --populaton (did you mean --population?)']);
});

test('option without value is a usage error', async (t) => {
  assertCleanError(t, await runCli(['assess', 'examples/demo', '--population']), 2, ['--population', 'footprint assess --help']);
});

test('assess without LOGS is a usage error', async (t) => {
  assertCleanError(t, await runCli(['assess', '--population', '203.0.113.0/24']), 2, [
    'assess needs at least one log file or folder',
    'Example: footprint assess logs/ --population',
  ]);
});

test('aggregate and merge without inputs', async (t) => {
  const [aggregate, merge] = await Promise.all([runCli(['aggregate', '-p', '203.0.113.0/24']), runCli(['merge'])]);
  assertCleanError(t, aggregate, 2, ['aggregate needs at least one log file or folder']);
  assertCleanError(t, merge, 2, ['merge needs at least one aggregate file']);
});

test('invalid option values are usage errors', async (t) => {
  const base = ['assess', 'examples/demo', '--population', '203.0.113.0/24'];
  const cases: [string[], string][] = [
    [['--format', 'xml'], 'unknown --format "xml"'],
    [['--top', '0'], '--top must be a whole number of 1 or more, got "0"'],
    [['--top-cities', 'many'], '--top-cities must be a whole number of 1 or more, got "many"'],
    [['--dns-window=-5'], '--dns-window must be a whole number of 1 or more, got "-5"'],
    [['--population', ''], '--population is empty'],
  ];
  const results = await Promise.all(cases.map(([extra]) => runCli([...base, ...extra])));
  results.forEach((result, index) => assertCleanError(t, result, 2, [cases[index][1]]));
});
