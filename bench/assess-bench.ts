// Benchmark of `footprint assess` on synthetic Zeek logs: records per second and peak memory.
//
// Usage: npm run bench -- [--records N] [--seed S] [--pool P] [--json] [--keep] [--no-pin] [--cpu-prof DIR]
//
// Writes a conn log (plus an ssl log) into a temporary folder and assesses it in a child process,
// three times: N/4 records, N records, and the N/4 log read as four files (N records that meet
// no aggregate key the N/4 run lacks). Prints the throughput and the peak RSS of each run.
// Peak RSS comes from /usr/bin/time -v when it exists, else from sampling
// process.memoryUsage.rss() in the child. The child is pinned to one CPU with taskset when it
// exists, so the figures are those of one core (garbage collector threads included).

import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, linkSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generateZeekLogs, type GeneratedLogs } from './generate-zeek-logs.ts';
import type { RunTimes } from './run-assess.ts';

const TIME = '/usr/bin/time';
// Old-space limit of the capped run, in MiB: about three times the live heap of a 1,000,000-record run.
const HEAP_CAP_MIB = 512;
const TASKSET = '/usr/bin/taskset';
const REPO_DIR = fileURLToPath(new URL('..', import.meta.url));
const RUNNER = fileURLToPath(new URL('./run-assess.ts', import.meta.url));

interface RunResult {
  logs: GeneratedLogs;
  /** How many times the conn log is read (as that many files), so records = logs.records * copies. */
  copies: number;
  /** V8 old-space limit of the child in MiB (--max-old-space-size), when set. */
  heapCapMiB?: number;
  generateMs: number;
  /** Wall time of the child process, from spawn to exit. */
  wallMs: number;
  times: RunTimes;
  /** Peak RSS in bytes and how it was measured. */
  peakRss: number;
  rssSource: string;
}

function parseOptions() {
  const { values } = parseArgs({
    options: {
      records: { type: 'string', default: '1000000' },
      seed: { type: 'string', default: '20240304' },
      pool: { type: 'string', default: '4000' },
      json: { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
      'no-pin': { type: 'boolean', default: false },
      'cpu-prof': { type: 'string' },
    },
  });
  const records = wholeNumber(values.records, '--records', 4);
  return {
    records,
    seed: wholeNumber(values.seed, '--seed', 0),
    pool: wholeNumber(values.pool, '--pool', 1),
    connFormat: values.json ? ('json' as const) : ('tsv' as const),
    keep: values.keep,
    pin: !values['no-pin'] && existsSync(TASKSET),
    cpuProfDir: values['cpu-prof'],
  };
}

function wholeNumber(text: string, option: string, minimum: number): number {
  const value = Number(text.replaceAll('_', ''));
  if (!Number.isInteger(value) || value < minimum) {
    throw new Error(`${option} must be a whole number of at least ${minimum}, got "${text}"`);
  }
  return value;
}

function runChild(logs: GeneratedLogs, options: ReturnType<typeof parseOptions>, heapCapMiB?: number): Omit<RunResult, 'logs' | 'generateMs' | 'copies' | 'heapCapMiB'> {
  const nodeArgs = ['--import=tsx', '--expose-gc'];
  if (heapCapMiB) nodeArgs.push(`--max-old-space-size=${heapCapMiB}`);
  if (options.cpuProfDir) nodeArgs.push('--cpu-prof', `--cpu-prof-dir=${options.cpuProfDir}`);
  let command = [process.execPath, ...nodeArgs, RUNNER, join(logs.connPath, '..'), logs.population];
  const useTime = existsSync(TIME);
  if (useTime) command = [TIME, '-v', ...command];
  if (options.pin) command = [TASKSET, '-c', '0', ...command];

  const start = performance.now();
  const child = spawnSync(command[0], command.slice(1), { cwd: REPO_DIR, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const wallMs = performance.now() - start;
  if (child.status !== 0) {
    throw new Error(`assess run failed (exit ${child.status ?? child.signal}):\n${child.stderr}`);
  }

  const times = JSON.parse(child.stdout.trim().split('\n').pop()!) as RunTimes;
  const timeRss = useTime ? /Maximum resident set size \(kbytes\): (\d+)/.exec(child.stderr) : null;
  return timeRss
    ? { wallMs, times, peakRss: Number(timeRss[1]) * 1024, rssSource: '/usr/bin/time -v (Maximum resident set size)' }
    : { wallMs, times, peakRss: times.maxRssSampled, rssSource: 'process.memoryUsage.rss() sampled every 20 ms' };
}

/**
 * Generates a conn log of `records` records and assesses it. With copies > 1 the folder holds that
 * many hard links to the same log, so the run reads copies * records records but meets no key
 * (place, category, hour) that one copy lacks: its peak RSS shows what the record count alone costs.
 */
async function benchmarkSize(records: number, copies: number, options: ReturnType<typeof parseOptions>, heapCapMiB?: number): Promise<RunResult> {
  const dir = mkdtempSync(join(tmpdir(), 'footprint-bench-'));
  try {
    const start = performance.now();
    const logs = await generateZeekLogs(dir, { records, seed: options.seed, poolSize: options.pool, connFormat: options.connFormat });
    for (let copy = 2; copy <= copies; copy++) linkOrCopy(logs.connPath, join(dir, `conn-copy${copy}${extname(logs.connPath)}`));
    const generateMs = performance.now() - start;
    const described = copies > 1 ? `${records} conn records, read ${copies} times,` : `${records} conn records`;
    process.stderr.write(`generated ${described} (${mib(logs.bytes)} MiB) in ${dir} in ${seconds(generateMs)} s; running assess\n`);
    return { logs, copies, heapCapMiB, generateMs, ...runChild(logs, options, heapCapMiB) };
  } finally {
    if (options.keep) process.stderr.write(`kept ${dir}\n`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

function linkOrCopy(from: string, to: string): void {
  try {
    linkSync(from, to);
  } catch {
    copyFileSync(from, to);
  }
}

function mib(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(1);
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(2);
}

function perSecond(records: number, ms: number): string {
  return Math.round(records / (ms / 1000)).toLocaleString('en-US');
}

function report(results: RunResult[], options: ReturnType<typeof parseOptions>): string {
  const cpuModel = cpus()[0]?.model ?? 'unknown';
  const lines = [
    `footprint assess benchmark: Node ${process.version}, ${cpus().length} CPUs (${cpuModel}), ${options.pin ? 'pinned to CPU 0 with taskset' : 'not pinned'}`,
    `seed ${options.seed}, remote address pool ${options.pool}, ssl records ${results[0].logs.sslRecords}, conn log in Zeek ${options.connFormat === 'json' ? 'JSON' : 'TSV'}`,
    `pool countries (top 10): ${results[0].logs.poolCountries.slice(0, 10).map(([country, count]) => `${country} ${count}`).join(', ')}, ${results[0].logs.poolCountries.length} countries in all`,
    '',
  ];
  const header = ['conn records', 'files', 'heap cap', 'run wall s', 'records/s (run)', 'load s', 'conn pass s', 'conn pass CPU s', 'records/s (conn pass)', 'cells', 'live heap MiB', 'peak RSS MiB'];
  const rows = results.map((result) => {
    const records = result.logs.records * result.copies;
    return [
      records.toLocaleString('en-US'),
      result.copies === 1 ? '1' : `${result.copies} x ${result.logs.records.toLocaleString('en-US')}`,
      result.heapCapMiB ? `${result.heapCapMiB} MiB` : 'none',
      seconds(result.wallMs),
      perSecond(records, result.wallMs),
      seconds(result.times.loadMs),
      seconds(result.times.connectionsMs),
      seconds(result.times.connectionsCpuMs),
      perSecond(records, result.times.connectionsMs),
      result.times.cells.toLocaleString('en-US'),
      mib(result.times.liveHeapBytes),
      mib(result.peakRss),
    ];
  });
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
  const format = (row: string[]) => row.map((cell, column) => cell.padStart(widths[column])).join('  ');
  lines.push(format(header), ...rows.map(format), '');

  // Both single-file runs enrich the same pool of addresses once each (GeoIP, ASN, zones), so the
  // difference between them is the cost of the extra records with every address already enriched.
  const [small, large] = results;
  const extraRecords = large.logs.records - small.logs.records;
  lines.push(
    `conn pass with enrichment cached (the ${extraRecords.toLocaleString('en-US')} records the larger run adds): ` +
      `${perSecond(extraRecords, large.times.connectionsMs - small.times.connectionsMs)} records/s by wall time, ` +
      `${perSecond(extraRecords, large.times.connectionsCpuMs - small.times.connectionsCpuMs)} records/s by CPU time`,
    '',
  );
  for (const result of results) {
    const { times } = result;
    lines.push(
      `${result.logs.records * result.copies} records${result.heapCapMiB ? ` (heap cap ${result.heapCapMiB} MiB)` : ''}: start-up and imports ${seconds(times.importMs)} s, assessment ${seconds(times.assessMs)} s ` +
        `(load ${seconds(times.loadMs)} s, ssl pass ${seconds(times.namesMs)} s, conn pass ${seconds(times.connectionsMs)} s, ` +
        `scoring ${seconds(times.assessMs - times.loadMs - times.namesMs - times.connectionsMs)} s), ${times.connections} connections kept of ${times.read} records read, ` +
        `${times.cells} cells, ${times.resources} resources, ${times.inboundPeers} inbound peers`,
    );
  }
  lines.push(`peak RSS measured with ${results[0].rssSource}`);
  return lines.join('\n') + '\n';
}

async function main(): Promise<void> {
  const options = parseOptions();
  const quarter = Math.floor(options.records / 4);
  const results: RunResult[] = [];
  results.push(await benchmarkSize(quarter, 1, options));
  results.push(await benchmarkSize(options.records, 1, options));
  results.push(await benchmarkSize(quarter, 4, options));
  // V8 lets garbage pile up while memory is plentiful, so peak RSS also grows with the records
  // read. The same run with the old space capped shows that the data kept does not.
  results.push(await benchmarkSize(quarter, 4, options, HEAP_CAP_MIB));
  process.stdout.write(report(results, options));
}

const USAGE = `Usage: npm run bench -- [options]

Generates synthetic Zeek logs and times \`footprint assess\` on them (see docs/benchmarks.md).

  --records N     conn records of the largest run (default 1000000, at least 4)
  --seed S        seed of the generator (default 20240304)
  --pool P        distinct remote addresses (default 4000)
  --json          write the conn log as Zeek JSON lines instead of TSV
  --keep          keep the generated logs
  --no-pin        do not pin the runs to CPU 0 with taskset
  --cpu-prof DIR  write V8 CPU profiles of the runs into DIR
  --help          print this help
`;

if (process.argv.includes('--help') || process.argv.includes('-h')) {
  process.stdout.write(USAGE);
} else {
  try {
    await main();
  } catch (error) {
    // Option mistakes and failed runs are reported in one line each, without a stack trace.
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`bench: ${message}\n`);
    if ((error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS') === true) process.stderr.write('Run `npm run bench -- --help` for the options.\n');
    process.exitCode = 1;
  }
}
