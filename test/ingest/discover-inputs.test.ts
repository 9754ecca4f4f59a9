import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import test from 'ava';
import { ConfigError, InputError } from '../../src/errors.ts';
import { discoverInputs, parseInputFormat } from '../../src/ingest/index.ts';
import { FIXTURES } from './read-all.ts';

const fixture = (name: string) => path.join(FIXTURES, name);

test('discover fixture folder', async (t) => {
  const { inputs, skipped } = await discoverInputs([FIXTURES]);
  // Formats and kinds come from the content: no file name contains "conn" for nfdump.csv.
  t.deepEqual(inputs, [
    { path: fixture('conn-extra-columns.tsv'), format: 'zeek-tsv', kind: 'conn' },
    { path: fixture('conn-rotated.tsv'), format: 'zeek-tsv', kind: 'conn' },
    { path: fixture('dns-pipe-separator.tsv'), format: 'zeek-tsv', kind: 'dns' },
    { path: fixture('http-nested.jsonl'), format: 'zeek-json', kind: 'http' },
    { path: fixture('ipfix.csv'), format: 'flow-csv', kind: 'conn' },
    { path: fixture('nfdump.csv'), format: 'flow-csv', kind: 'conn' },
    { path: fixture('ssl-flat.jsonl'), format: 'zeek-json', kind: 'ssl' },
    { path: fixture('ssl-no-path.tsv'), format: 'zeek-tsv', kind: 'ssl' },
  ]);
  t.deepEqual(skipped, [
    { path: fixture('notes.txt'), reason: 'not a recognised log (the first line starts with "Meeting notes")' },
    { path: fixture('weird.tsv'), reason: 'unsupported log kind weird' },
  ]);
});

test('discover skips subfolders and hidden files', async (t) => {
  const folder = mkdtempSync(path.join(tmpdir(), 'footprint-discover-'));
  mkdirSync(path.join(folder, '2022-06-14'));
  copyFileSync(fixture('ssl-flat.jsonl'), path.join(folder, '.ssl.jsonl'));
  copyFileSync(fixture('ssl-flat.jsonl'), path.join(folder, 'b'));
  writeFileSync(path.join(folder, 'empty'), '');

  const { inputs, skipped } = await discoverInputs([folder, path.join(folder, 'b')]);
  t.deepEqual(inputs, [{ path: path.join(folder, 'b'), format: 'zeek-json', kind: 'ssl' }]);
  t.deepEqual(skipped, [
    { path: path.join(folder, '.ssl.jsonl'), reason: 'hidden file' },
    { path: path.join(folder, '2022-06-14'), reason: 'subfolder (name it as an input to read it)' },
    { path: path.join(folder, 'empty'), reason: 'empty file' },
  ]);
});

test('discover named non-log file', async (t) => {
  const error = await t.throwsAsync(discoverInputs([fixture('notes.txt')]), { instanceOf: InputError });
  t.is(error?.message, `Input file ${fixture('notes.txt')} is not a recognised log: the first line starts with "Meeting notes".`);
  t.regex((error as InputError).hint ?? '', /--input-format/);
});

test('discover missing path', async (t) => {
  const missing = path.join(FIXTURES, 'no-such-file.log');
  const error = await t.throwsAsync(discoverInputs([missing]), { instanceOf: InputError });
  t.is(error?.message, `Input ${missing} not found.`);
});

test('discover with forced format', async (t) => {
  const { inputs } = await discoverInputs([fixture('ssl-flat.jsonl')], { inputFormat: 'zeek-json:ssl' });
  t.deepEqual(inputs, [{ path: fixture('ssl-flat.jsonl'), format: 'zeek-json', kind: 'ssl', kindForced: true }]);
});

test('input format values', (t) => {
  t.deepEqual(parseInputFormat('zeek-tsv'), { format: 'zeek-tsv', kind: undefined });
  t.deepEqual(parseInputFormat('zeek-json:dns'), { format: 'zeek-json', kind: 'dns' });
  t.deepEqual(parseInputFormat('flow-csv'), { format: 'flow-csv', kind: 'conn' });
  const expected = 'Use one of zeek-tsv, zeek-json, flow-csv, optionally followed by :conn, :dns, :ssl or :http (for example zeek-json:ssl).';
  t.is(t.throws(() => parseInputFormat('pcap'), { instanceOf: ConfigError })?.message, `Invalid input format "pcap". ${expected}`);
  t.is(
    t.throws(() => parseInputFormat('flow-csv:ssl'), { instanceOf: ConfigError })?.message,
    `Invalid input format "flow-csv:ssl": unknown or impossible log kind "ssl". ${expected}`,
  );
});
