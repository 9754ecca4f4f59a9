import { existsSync } from 'node:fs';
import path from 'node:path';
import test, { type ExecutionContext } from 'ava';
import { discoverInputs } from '../../src/ingest/index.ts';
import { classifyDirection, parsePopulation } from '../../src/population/index.ts';
import type { ConnRecord, SslRecord } from '../../src/types.ts';
import { readAll } from './read-all.ts';

// Real Zeek logs of one Windows host (147.32.83.234) in Prague, with two extra label columns.
const folder = path.resolve(process.cwd(), '../shared/datasets/prague-ctu-normal-010');
const available = existsSync(folder);
// Declares a test that needs ../shared/datasets, skipped with the reason in its title without it.
const pragueTest = (title: string, implementation: (t: ExecutionContext) => unknown) =>
  (available ? test : test.skip)(available ? title : `${title} (skipped: ../shared/datasets is absent)`, implementation);
if (!available) console.warn(`Skipping the Prague log tests: ${folder} is absent.`);

pragueTest('Prague folder discovery', async (t) => {
  const { inputs, skipped } = await discoverInputs([folder]);
  t.deepEqual(
    inputs.map((input) => [path.basename(input.path), input.kind]),
    [
      ['conn.log.labeled', 'conn'],
      ['dns.log.labeled', 'dns'],
      ['http.log.labeled', 'http'],
      ['ssl.log.labeled', 'ssl'],
    ],
  );
  t.deepEqual(
    skipped.map((input) => [path.basename(input.path), input.reason]),
    [
      ['files.log.labeled', 'unsupported log kind files'],
      ['known_hosts.log.labeled', 'unsupported log kind known_hosts'],
      ['notice.log.labeled', 'unsupported log kind notice'],
      ['sip.log.labeled', 'unsupported log kind sip'],
      ['software.log.labeled', 'unsupported log kind software'],
      ['tunnel.log.labeled', 'unsupported log kind tunnel'],
      ['weird.log.labeled', 'unsupported log kind weird'],
    ],
  );
});

pragueTest('Prague conn log counts', async (t) => {
  const file = path.join(folder, 'conn.log.labeled');
  const { records, tally } = await readAll({ path: file, format: 'zeek-tsv', kind: 'conn' });
  const conns = records as ConnRecord[];

  // 5355 lines minus 8 header lines: awk '!/^#/' conn.log.labeled | wc -l gives 5347.
  t.deepEqual(tally, { read: 5347, used: 5347, rejected: {}, ignored: {} });
  // awk -F'\t' '!/^#/ {print $13 $14}' conn.log.labeled | sort | uniq -c gives 1730 TF, 3373 FT, 244 TT.
  t.is(conns.filter((conn) => conn.localOrig === true && conn.localResp === false).length, 1730);
  t.is(conns.filter((conn) => conn.localOrig === false && conn.localResp === true).length, 3373);
  t.is(conns.filter((conn) => conn.localOrig === true && conn.localResp === true).length, 244);
  // awk -F'\t' '!/^#/ {s += $10} END {printf "%d\n", s}' conn.log.labeled gives 124768686 ("-" adds 0).
  t.is(conns.reduce((sum, conn) => sum + (conn.origBytes ?? 0), 0), 124768686);
});

pragueTest('Prague directions by population', async (t) => {
  const { records } = await readAll({ path: path.join(folder, 'conn.log.labeled'), format: 'zeek-tsv', kind: 'conn' });
  const population = parsePopulation('147.32.83.234');
  const counts: Record<string, number> = {};
  for (const record of records as ConnRecord[]) {
    const key = classifyDirection(record, population);
    counts[key] = (counts[key] ?? 0) + 1;
  }
  // awk -F'\t' '!/^#/ {o = ($3 == "147.32.83.234"); r = ($5 == "147.32.83.234");
  //   if (o && !r) out++; else if (r && !o) inb++} END {print out, inb}' conn.log.labeled
  // gives 1974 3373: originated by the host and received by it. The 244 rows that Zeek flags TT
  // (both local) are outbound here, because only 147.32.83.234 is in the population.
  t.deepEqual(counts, { outbound: 1974, inbound: 3373 });
});

pragueTest('Prague ssl log counts', async (t) => {
  const file = path.join(folder, 'ssl.log.labeled');
  const { records, tally } = await readAll({ path: file, format: 'zeek-tsv', kind: 'ssl' });

  // awk -F'\t' '!/^#/ {n++; if ($10 == "-") u++} END {print n, u}' ssl.log.labeled gives 1039 18
  // (1047 lines minus 8 header lines; server_name is field 10).
  t.deepEqual(tally, { read: 1039, used: 1021, rejected: {}, ignored: { 'ssl row without server_name': 18 } });
  // awk -F'\t' '!/^#/ && $10 != "-" {print tolower($10)}' ssl.log.labeled | sort -u | wc -l gives 238.
  t.is(new Set((records as SslRecord[]).map((record) => record.serverName)).size, 238);
  t.like(records[0], { serverName: 'client.wns.windows.com', respHost: '20.199.120.85', source: { line: 11 } });
});
