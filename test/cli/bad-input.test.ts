// Bad input through the real command line. A malformed line is skipped and counted with its
// reason. A missing or unreadable file, an invalid population or an invalid weights file stops
// the run with exit 1 and a message that names the file, line or value, never a stack trace.
import { chmod, copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import test from 'ava';
import { CLI_FIXTURES, assertCleanError, parseJsonOutput, runCli, temporaryFolder } from './run-cli.ts';

const POPULATION = ['--population', '192.0.2.0/24', '--quiet'];
const MALFORMED = `${CLI_FIXTURES}/malformed/conn.log`;

/** Runs assess on `inputs` with the population of the fixtures. */
function assessInputs(inputs: string[], extra: string[] = []) {
  return runCli(['assess', ...inputs, ...POPULATION, ...extra]);
}

test('missing log file', async (t) => {
  assertCleanError(t, await assessInputs(['no-such-conn.log']), 1, [`${path.resolve('no-such-conn.log')} not found`, 'Check the path']);
});

test('folder without logs', async (t) => {
  const folder = await temporaryFolder();
  await writeFile(path.join(folder, 'README.txt'), 'Notes about this capture.\n');
  assertCleanError(t, await assessInputs([folder]), 1, [
    `no connection log among the inputs (${folder}); skipped: ${path.join(folder, 'README.txt')} (not a recognised log`,
    'Zeek conn log',
  ]);
});

test('DNS log without a conn log', async (t) => {
  assertCleanError(t, await assessInputs(['examples/demo/dns.log']), 1, [`found only dns log ${path.resolve('examples/demo/dns.log')}`]);
});

test('PNG named as a log', async (t) => {
  const folder = await temporaryFolder();
  const file = path.join(folder, 'picture.png');
  // The 8-byte PNG signature and the start of an IHDR chunk (PNG specification, section 5).
  await writeFile(file, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]));
  assertCleanError(t, await assessInputs([file]), 1, [`Input file ${file} is not a recognised log`, '--input-format']);
});

test('random text named as a log', async (t) => {
  const folder = await temporaryFolder();
  const file = path.join(folder, 'notes.log');
  await writeFile(file, 'Meeting notes: call the ISP on Monday.\nSecond line.\n');
  assertCleanError(t, await assessInputs([file]), 1, [`Input file ${file} is not a recognised log`, 'Meeting notes']);
});

test('empty log file', async (t) => {
  const folder = await temporaryFolder();
  const file = path.join(folder, 'conn.log');
  await writeFile(file, '');
  assertCleanError(t, await assessInputs([file]), 1, [`no connection log among the inputs (${file}); skipped: ${file} (empty file)`]);
});

test('truncated gzip log', async (t) => {
  const folder = await temporaryFolder();
  const file = path.join(folder, 'conn.log.gz');
  const whole = gzipSync(await readFile('examples/demo/conn.log'));
  await writeFile(file, whole.subarray(0, Math.floor(whole.length / 2)));
  assertCleanError(t, await assessInputs([file], ['--population', '203.0.113.0/24']), 1, [`Compressed input ${file} is truncated or corrupt`]);
});

// Root reads any file whatever its mode, so the test can only run as another user.
const isRoot = process.getuid?.() === 0;
(isRoot ? test.skip : test)(`unreadable log file${isRoot ? ' (skipped: running as root, which ignores chmod 000)' : ''}`, async (t) => {
  const folder = await temporaryFolder();
  const file = path.join(folder, 'conn.log');
  await copyFile(MALFORMED, file);
  await chmod(file, 0o000);
  const result = await assessInputs([file]);
  await chmod(file, 0o644);
  assertCleanError(t, result, 1, [file]);
});

test('population needed without local flags', async (t) => {
  // The london fixture leaves local_orig and local_resp unset ("-").
  const result = await runCli(['assess', `${CLI_FIXTURES}/london`, '--quiet']);
  assertCleanError(t, result, 1, ['Cannot tell outbound from inbound connections', 'london/conn.log line 9', 'Pass --population']);
});

test('invalid --population values', async (t) => {
  const folder = await temporaryFolder();
  const populationFile = path.join(folder, 'population.txt');
  await writeFile(populationFile, '203.0.113.0/24\n# office network\n198.51.100.0/33\n');

  const cases: [string, string[]][] = [
    ['10.0.0.0/33', ['Invalid population entry "10.0.0.0/33"', 'from 0 to 32', 'for example 192.0.2.0/24']],
    ['not-an-ip', ['Invalid population entry "not-an-ip"', 'neither an IP address or CIDR nor an existing file']],
    ['2001:db8::/129', ['Invalid population entry "2001:db8::/129"']],
    [',', ['The population is empty']],
    [populationFile, [`Invalid population entry "198.51.100.0/33" at ${populationFile}:3`]],
  ];
  const results = await Promise.all(cases.map(([value]) => runCli(['assess', 'examples/demo', '--quiet', '--population', value])));
  results.forEach((result, index) => assertCleanError(t, result, 1, cases[index][1]));
});

test('invalid weights files', async (t) => {
  const folder = await temporaryFolder();
  const files: [string, string, string[]][] = [
    ['unknown-key.yaml', 'score:\n  bogus_key: 1\n', ['unknown key "score.bogus_key"', 'Known keys at this level: bias,']],
    ['bad-yaml.yaml', 'score:\n  weights: [1, 2\n  x: :\n', ['invalid YAML', 'at line 3']],
    ['out-of-range.yaml', 'counting:\n  failed_weight: 3\n', ['"counting.failed_weight"', 'is 3, outside the valid range 0 to 1']],
    ['not-a-number.yaml', 'version: "one"\n', ['"version"', 'must be a number, got "one"']],
    ['list.yaml', '- 1\n- 2\n', ['must contain a YAML mapping']],
    ['hours.yaml', 'score:\n  working_hours: [20, 8]\n', ['"score.working_hours"', 'start < end']],
  ];
  await Promise.all(files.map(([name, text]) => writeFile(path.join(folder, name), text)));

  const results = await Promise.all(files.map(([name]) => runCli(['assess', 'examples/demo', '--population', '203.0.113.0/24', '--quiet', '--weights', path.join(folder, name)])));
  results.forEach((result, index) => {
    const [name, , fragments] = files[index];
    assertCleanError(t, result, 1, [`weights file ${path.join(folder, name)}`, ...fragments]);
  });
});

test('missing weights file', async (t) => {
  const result = await runCli(['assess', 'examples/demo', '--population', '203.0.113.0/24', '--quiet', '--weights', 'no-such-weights.yaml']);
  assertCleanError(t, result, 1, ['cannot read weights file no-such-weights.yaml', '--weights']);
});

test('malformed lines are counted', async (t) => {
  const assessment = parseJsonOutput(t, await assessInputs([MALFORMED], ['--format', 'json']));

  // test/fixtures/cli/malformed/conn.log: 6 data lines, 2 valid (lines 9 and 14), then line 10
  // with ts "yesterday", line 11 with address 77.75.77.300, line 12 with 4 of 21 fields and
  // line 13 of binary bytes.
  t.deepEqual(assessment.dataQuality.records, {
    read: 6,
    used: 2,
    rejected: { 'invalid address': 1, 'invalid ts': 1, 'wrong field count': 2 },
    ignored: {},
  });
  t.is(assessment.dataQuality.connections, 2);

  const examples = [...assessment.dataQuality.rejectExamples].sort((a: { line: number }, b: { line: number }) => a.line - b.line);
  t.deepEqual(
    examples.map((example: { reason: string; line: number; value: string }) => [example.reason, example.line]),
    [
      ['invalid ts', 10],
      ['invalid address', 11],
      ['wrong field count', 12],
      ['wrong field count', 13],
    ],
  );
  t.is(examples[0].value, 'yesterday');
  t.is(examples[1].value, '77.75.77.300');
  for (const example of examples) t.true(example.file.endsWith('test/fixtures/cli/malformed/conn.log'), example.file);
});

test('malformed lines in the table', async (t) => {
  const result = await assessInputs([MALFORMED]);
  t.is(result.code, 0, result.stderr);
  t.true(result.stdout.includes('records read 6, used 2, rejected 4, ignored 0'));
  t.true(result.stdout.includes('rejected: invalid ts: 1'));
  t.true(result.stdout.includes('malformed/conn.log:10: invalid ts: "yesterday"'));
  // The escape byte of the junk line is printed escaped, so it cannot change the terminal.
  t.false(result.stdout.includes('\u001b'));
});

test('timestamp past year 275760', async (t) => {
  // 1e20 s is past the latest time a JavaScript Date can represent (8.64e12 s). It used to end
  // the run with an internal error.
  const folder = await temporaryFolder();
  const file = path.join(folder, 'conn.log');
  const text = await readFile(MALFORMED, 'utf8');
  await writeFile(file, text.replace('\n1709546400.100000\t', '\n1e20\t'));

  const assessment = parseJsonOutput(t, await assessInputs([file], ['--format', 'json']));
  t.deepEqual(assessment.dataQuality.records.rejected, { 'invalid address': 1, 'invalid ts': 2, 'wrong field count': 2 });
  t.is(assessment.dataQuality.records.used, 1);
});

test('subfolder and hidden files are skipped', async (t) => {
  const folder = await temporaryFolder();
  await copyFile(MALFORMED, path.join(folder, 'conn.log'));
  await mkdir(path.join(folder, 'older'));
  await writeFile(path.join(folder, '.DS_Store'), 'x');
  await writeFile(path.join(folder, 'notes.txt'), 'not a log\n');

  const assessment = parseJsonOutput(t, await assessInputs([folder], ['--format', 'json']));
  t.deepEqual(
    assessment.dataQuality.skippedFiles.map((skipped: { path: string; reason: string }) => [path.basename(skipped.path), skipped.reason]),
    [
      ['.DS_Store', 'hidden file'],
      ['notes.txt', 'not a recognised log (the first line starts with "not a log")'],
      ['older', 'subfolder (name it as an input to read it)'],
    ],
  );
});

test('conn log with only a header', async (t) => {
  const folder = await temporaryFolder();
  const file = path.join(folder, 'conn.log');
  await writeFile(file, '#separator \\x09\n#path\tconn\n#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tconn_state\n#close\t2024-03-11-00-00-00\n');
  const result = await assessInputs([file]);
  t.is(result.code, 0, result.stderr);
  t.true(result.stderr.includes('footprint: warning: the connection logs hold no records, only headers or blank lines'), result.stderr);
  t.false(result.stderr.includes('check --population'), result.stderr);
});

test('--explain with csv format', async (t) => {
  assertCleanError(t, await assessInputs(['examples/demo', '--explain', 'IN', '--format', 'csv']), 2, ['--explain writes text or JSON, not csv', '--format json']);
});

test('empty folder', async (t) => {
  const folder = await temporaryFolder();
  assertCleanError(t, await assessInputs([folder]), 1, [`no connection log among the inputs (${folder}); the folders given hold no files`]);
});
