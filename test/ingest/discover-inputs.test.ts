import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import test from 'ava';
import { ConfigError, InputError } from '../../src/errors.ts';
import { discoverInputs, parseInputFormat } from '../../src/ingest/index.ts';
import { FIXTURES, readAll } from './read-all.ts';

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

// Zeek's JSON writer leaves unset fields out. These lines follow Zeek 6's ssl, dns and conn logs.
const SSL_FAILED = '{"ts":1655192644.1,"uid":"C1","id.orig_h":"167.94.146.67","id.orig_p":50321,"id.resp_h":"147.32.83.234","id.resp_p":443,"resumed":false,"established":false,"ssl_history":"C"}';
const SSL_NAMED = '{"ts":1655192645.2,"uid":"C2","id.orig_h":"147.32.83.234","id.orig_p":50322,"id.resp_h":"77.75.77.222","id.resp_p":443,"version":"TLSv13","server_name":"www.seznam.cz","resumed":false,"established":true,"ssl_history":"CsiI"}';
const DNS_NO_QUERY = '{"ts":1655192646.3,"uid":"C3","id.orig_h":"147.32.83.234","id.orig_p":53000,"id.resp_h":"147.32.80.9","id.resp_p":53,"proto":"udp","trans_id":4242,"rcode":1,"rcode_name":"FORMERR","AA":false,"TC":false,"RD":false,"RA":false,"Z":0,"rejected":false}';
const CONN = '{"ts":1655192647.4,"uid":"C4","id.orig_h":"147.32.83.234","id.orig_p":50323,"id.resp_h":"77.75.77.222","id.resp_p":443,"proto":"tcp","conn_state":"SF","orig_bytes":10,"resp_bytes":20,"orig_pkts":2,"resp_pkts":2}';

function writeInputs(files: Record<string, string>): string {
  const folder = mkdtempSync(path.join(tmpdir(), 'footprint-detect-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(folder, name), text);
  return folder;
}

test('JSON kind from keys of several lines', async (t) => {
  // The first ssl line, a failed handshake, has no server_name; the first dns line has no query.
  const folder = writeInputs({
    'a.json': `${SSL_FAILED}\n${SSL_FAILED}\n${SSL_NAMED}\n`,
    'b.json': `${SSL_FAILED}\n`,
    'c.json': `${DNS_NO_QUERY}\n`,
  });
  const { inputs, skipped } = await discoverInputs([folder]);
  t.deepEqual(inputs.map((input) => `${path.basename(input.path)} ${input.format} ${input.kind}`), ['a.json zeek-json ssl', 'b.json zeek-json ssl', 'c.json zeek-json dns']);
  t.deepEqual(skipped, []);
});

test('JSON log with damaged first line', async (t) => {
  const folder = writeInputs({ 'conn.json': `garbage first line\n${CONN}\n` });
  const { inputs } = await discoverInputs([folder]);
  t.deepEqual(inputs.map((input) => `${input.format} ${input.kind}`), ['zeek-json conn']);
  const { records, tally } = await readAll(inputs[0]);
  t.is(records.length, 1);
  t.deepEqual(tally.rejected, { 'invalid JSON': 1 });
});

test('byte order mark before first line', async (t) => {
  const folder = writeInputs({
    'conn.json': `\ufeff${CONN}\n`,
    'conn.log': '\ufeff#separator \\x09\n#fields\tts\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tconn_state\n1655192647.4\t147.32.83.234\t50323\t77.75.77.222\t443\ttcp\tSF\n',
  });
  const { inputs } = await discoverInputs([folder]);
  t.deepEqual(inputs.map((input) => `${path.basename(input.path)} ${input.format} ${input.kind}`), ['conn.json zeek-json conn', 'conn.log zeek-tsv conn']);
  for (const input of inputs) {
    const { records, tally } = await readAll(input);
    t.like(records[0], { ts: 1655192647.4, respHost: '77.75.77.222' }, input.path);
    t.deepEqual(tally.rejected, {}, input.path);
  }
});
