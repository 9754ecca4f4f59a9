// Fuzz-style robustness: 200 seeded cases of random bytes and of mutated valid logs (Zeek TSV,
// Zeek JSON, nfdump CSV, gzip), and 150 with one nasty value each, must never cause an internal
// error. Every failure must be a FootprintError, which the command line prints as
// "footprint: error:" with exit 1 or 2.
//
// A full assess() call loads the GeoIP, ASN and world-prior data each time (about 2 s on a
// 2-core runner). So each case is first read on its own through the ingest stage that assess()
// uses (discoverInputs, readLogFile). All cases that read without error then go through one
// assess() call together, and a few go through the real command line.
import { readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import test from 'ava';
import { assess } from '../../src/assess/assess.ts';
import { FootprintError } from '../../src/errors.ts';
import { createRejectSampler, createTally, discoverInputs, readLogFile } from '../../src/ingest/index.ts';
import { CLI_FIXTURES, REPO_ROOT, runCli, temporaryFolder } from './run-cli.ts';
import { mulberry32 } from '../../src/util/mulberry32.ts';

const CASES = 200;
const SEED = 20240304;
const POPULATION = '192.0.2.0/24';


const fixture = (name: string) => readFileSync(path.join(REPO_ROOT, CLI_FIXTURES, name));
const SEEDS: { name: string; bytes: Buffer }[] = [
  { name: 'conn.log', bytes: fixture('london/conn.log') },
  { name: 'conn.log', bytes: fixture('malformed/conn.log') },
  { name: 'ssl.log', bytes: fixture('london/ssl.log') },
  { name: 'conn.json', bytes: fixture('zeek-json/conn.json') },
  { name: 'flows.csv', bytes: fixture('nfdump/flows.csv') },
];

// Field values that parsers often get wrong: unset and empty markers, non-numbers, numbers
// out of range, addresses that are almost valid, control bytes and a very long token.
const NASTY_VALUES = [
  '-', '(empty)', '', 'NaN', 'Infinity', '-1', '1e400', '1e20', '0x10', '99999999999999999999', '65536',
  '::', '::ffff:999.1.1.1', '256.256.256.256', '1.2.3', 'fe80::1%eth0', '[2001:db8::1]', 'null', 'true',
  '{}', '[]', '"', '\\x09', '\u0000', '\u202e', 'é', 'x'.repeat(5000), '2024-13-45T25:61:61Z', '1709546400,5',
];

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)];
}

function randomBytes(random: () => number, length: number): Buffer {
  const bytes = Buffer.alloc(length);
  for (let i = 0; i < length; i++) bytes[i] = Math.floor(random() * 256);
  return bytes;
}

/** Applies 1 to 8 random edits: byte flips, inserted or deleted bytes, nasty field values, line cuts. */
function mutate(random: () => number, source: Buffer): Buffer {
  let text = source.toString('latin1');
  // Mostly few edits, so that many cases stay close to valid and reach the later stages.
  const edits = 1 + Math.floor(random() ** 2 * 8);
  for (let edit = 0; edit < edits; edit++) {
    const position = Math.floor(random() * (text.length + 1));
    const kind = Math.floor(random() * 9);
    if (kind === 0) {
      text = text.slice(0, position) + String.fromCharCode(Math.floor(random() * 256)) + text.slice(position + 1);
    } else if (kind === 1) {
      text = text.slice(0, position) + randomBytes(random, 1 + Math.floor(random() * 20)).toString('latin1') + text.slice(position);
    } else if (kind === 2) {
      text = text.slice(0, position) + text.slice(position + Math.floor(random() * 40));
    } else if (kind === 3) {
      // Replace one tab-, comma- or quote-delimited field with a nasty value.
      const fields = text.split(/(\t|,|")/);
      const index = Math.floor(random() * fields.length);
      if (!/^(\t|,|")$/.test(fields[index])) fields[index] = pick(random, NASTY_VALUES);
      text = fields.join('');
    } else if (kind === 4) {
      const lines = text.split('\n');
      lines.splice(Math.floor(random() * lines.length), 1);
      text = lines.join('\n');
    } else if (kind === 5) {
      const lines = text.split('\n');
      const index = Math.floor(random() * lines.length);
      lines.splice(index, 0, lines[index]);
      text = lines.join('\n');
    } else if (kind === 6) {
      // Replace the first field of a data line, the timestamp in Zeek TSV and nfdump CSV.
      const lines = text.split('\n');
      const data = lines.map((line, index) => index).filter((index) => index > 0 && !lines[index].startsWith('#') && lines[index].length > 0);
      if (data.length > 0) {
        const index = pick(random, data);
        lines[index] = lines[index].replace(/^[^\t,]*/, pick(random, NASTY_VALUES));
      }
      text = lines.join('\n');
    } else if (kind === 7) {
      // Replace one JSON value with a nasty literal.
      const values = [...text.matchAll(/":(?:"[^"]*"|[^,}]*)/g)];
      if (values.length > 0) {
        const match = pick(random, values);
        const literal = pick(random, ['null', 'true', '[]', '{}', '-1', '1e20', '1e400', '"x"', '"::"', '""', '[1,2]', '{"a":1}']);
        text = text.slice(0, match.index) + '":' + literal + text.slice(match.index + match[0].length);
      }
    } else {
      text = text.slice(0, position);
    }
  }
  return Buffer.from(text, 'latin1');
}

interface FuzzCase {
  index: number;
  name: string;
  bytes: Buffer;
}

function makeCases(): FuzzCase[] {
  const random = mulberry32(SEED);
  const cases: FuzzCase[] = [];
  for (let index = 0; index < CASES; index++) {
    const kind = index % 10;
    let name: string;
    let bytes: Buffer;
    if (kind === 0) {
      name = 'random.log';
      bytes = randomBytes(random, Math.floor(random() * 3000));
    } else if (kind === 1) {
      // Random rows under a valid Zeek header reach the row parser.
      const seed = SEEDS[0];
      const header = seed.bytes.toString('latin1').split('\n').slice(0, 8).join('\n') + '\n';
      name = seed.name;
      bytes = Buffer.concat([Buffer.from(header, 'latin1'), randomBytes(random, Math.floor(random() * 2000))]);
    } else if (kind === 2) {
      const seed = pick(random, SEEDS);
      const gzipped = gzipSync(mutate(random, seed.bytes));
      // Half whole, half cut short.
      name = `${seed.name}.gz`;
      bytes = random() < 0.5 ? gzipped : gzipped.subarray(0, Math.floor(random() * gzipped.length));
    } else {
      const seed = pick(random, SEEDS);
      name = seed.name;
      bytes = mutate(random, seed.bytes);
    }
    cases.push({ index, name, bytes });
  }

  // Systematic cases: each nasty value as the first field of the first data line of each seed,
  // where the random edits would reach some values only by chance.
  for (const seed of SEEDS) {
    const lines = seed.bytes.toString('latin1').split('\n');
    const first = lines.findIndex((line, index) => index > 0 && line.length > 0 && !line.startsWith('#'));
    for (const value of NASTY_VALUES) {
      const edited = [...lines];
      edited[first] = edited[first].replace(/^[^\t,]*/, value);
      cases.push({ index: cases.length, name: seed.name, bytes: Buffer.from(edited.join('\n'), 'latin1') });
    }
  }
  return cases;
}

/** Reads one file as assess() does; resolves with the FootprintError it raised, or undefined. */
async function readCase(file: string): Promise<FootprintError | undefined> {
  try {
    const { inputs } = await discoverInputs([file]);
    const tally = createTally();
    const sampler = createRejectSampler();
    for (const input of inputs) {
      for await (const batch of readLogFile(input, { tally, onReject: sampler.add })) batch.toArray();
    }
    return undefined;
  } catch (error) {
    if (error instanceof FootprintError) return error;
    throw error;
  }
}

test(`${CASES} random and systematic fuzz cases`, async (t) => {
  const folder = await temporaryFolder();
  const cases = makeCases();
  const readable: string[] = [];
  let stopped = 0;

  for (const fuzzCase of cases) {
    const caseFolder = path.join(folder, String(fuzzCase.index).padStart(3, '0'));
    await mkdir(caseFolder);
    const file = path.join(caseFolder, fuzzCase.name);
    await writeFile(file, fuzzCase.bytes);

    let error: FootprintError | undefined;
    try {
      error = await readCase(file);
    } catch (unexpected) {
      t.fail(`case ${fuzzCase.index} (${file}): ${(unexpected as Error).stack}`);
      continue;
    }
    if (error) {
      stopped += 1;
      t.true(error.message.length > 0, `case ${fuzzCase.index}: empty message`);
    } else {
      readable.push(file);
    }
  }
  t.log(`${readable.length} cases read, ${stopped} stopped with a FootprintError`);
  // A fuzzer whose every case stops at the first line would test nothing beyond it.
  t.true(readable.length >= CASES / 2, `${readable.length} readable cases`);

  // All readable cases in one run through the later stages.
  try {
    const assessment = await assess({ inputs: readable, population: POPULATION });
    t.is(assessment.schema, 'footprint-assessment/1');
    t.true(assessment.dataQuality.records.read > 0);
  } catch (error) {
    if (!(error instanceof FootprintError)) t.fail(`assess() on all readable cases: ${(error as Error).stack}`);
    else t.log(`assess() on all readable cases stopped: ${error.message}`);
  }

  // The first cases of each kind also through the real command line.
  const cliCases = [0, 1, 2, 3, 4, 5].map((index) => path.join(folder, String(index).padStart(3, '0'), cases[index].name));
  const results = await Promise.all(cliCases.map((file) => runCli(['assess', file, '--population', POPULATION, '--quiet', '--format', 'json'])));
  results.forEach((result, index) => {
    t.true(result.code === 0 || result.code === 1, `case ${index}: exit ${result.code}, stderr ${result.stderr}`);
    t.false(result.stderr.includes('    at '), `case ${index}: stack trace in ${result.stderr}`);
    if (result.code === 1) t.true(result.stderr.startsWith('footprint: error:'), `case ${index}: ${result.stderr}`);
  });
});
