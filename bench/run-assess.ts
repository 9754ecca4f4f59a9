// Child process of the assess benchmark: assesses the given logs once, as assess() does, and
// prints one JSON line with the stage times and the size of the aggregate. It runs apart from the generator, so that its peak RSS is that of
// an assess run alone.
//
// Usage: node --import=tsx bench/run-assess.ts LOG_DIR POPULATION

import { performance } from 'node:perf_hooks';
import { aggregateLogs, type AggregateStage } from '../src/assess/aggregate-logs.ts';
import { createBaseline, scoreAggregate } from '../src/assess/assess.ts';
import { loadWeights } from '../src/score/load-weights.ts';

/** Stage times in milliseconds, and RSS samples in bytes when /usr/bin/time is not available. */
export interface RunTimes {
  /** Time from process start until main() runs: Node start-up and importing the modules, which tsx compiles. */
  importMs: number;
  /** The whole assessment, as assess() runs it. */
  assessMs: number;
  /** Opening GeoIP and ASN databases, network lists and geodata (inside aggregateLogs). */
  loadMs: number;
  /** Reading the ssl log (pass 1). */
  namesMs: number;
  /** Reading and aggregating the conn log (pass 2). */
  connectionsMs: number;
  /** CPU time (user and system, all threads) of pass 2; unlike wall time, other load on the machine barely changes it. */
  connectionsCpuMs: number;
  connections: number;
  read: number;
  /** Entries of the aggregate: memory grows with these, not with the records read. */
  cells: number;
  resources: number;
  inboundPeers: number;
  maxRssSampled: number;
  /** Heap in use after a full garbage collection at the end, with the aggregate still referenced: the live data. */
  liveHeapBytes: number;
}

const RSS_SAMPLE_MS = 20;

async function main(): Promise<void> {
  const [dir, population] = process.argv.slice(2);
  if (!dir || !population) throw new Error('usage: run-assess.ts LOG_DIR POPULATION');

  // Sampling is the fallback measure of peak memory; it misses peaks shorter than RSS_SAMPLE_MS.
  let maxRss = process.memoryUsage.rss();
  const sampler = setInterval(() => {
    maxRss = Math.max(maxRss, process.memoryUsage.rss());
  }, RSS_SAMPLE_MS);

  const importMs = performance.now();
  const stageEnds: Partial<Record<AggregateStage, number>> = {};
  const stageCpu: Partial<Record<AggregateStage, number>> = {};
  const start = performance.now();
  const options = {
    inputs: [dir],
    population,
    onStageEnd: (stage: AggregateStage) => {
      stageEnds[stage] = performance.now();
      const cpu = process.cpuUsage();
      stageCpu[stage] = (cpu.user + cpu.system) / 1000;
      maxRss = Math.max(maxRss, process.memoryUsage.rss());
    },
  };
  // The body of assess() (src/assess/assess.ts), with the aggregate kept to report its size.
  const weights = loadWeights();
  const baseline = createBaseline(undefined, weights);
  const { aggregate, context } = await aggregateLogs({ ...options, failedWeight: weights.counting.failed_weight });
  const assessment = scoreAggregate(aggregate, context, baseline, weights, options);
  const end = performance.now();
  clearInterval(sampler);
  maxRss = Math.max(maxRss, process.memoryUsage.rss());

  // The child runs with --expose-gc, so the heap left after a full collection is what the run keeps.
  (globalThis as { gc?: () => void }).gc?.();
  const liveHeapBytes = process.memoryUsage().heapUsed;

  const times: RunTimes = {
    importMs,
    assessMs: end - start,
    loadMs: stageEnds.load! - start,
    namesMs: stageEnds.names! - stageEnds.load!,
    connectionsMs: stageEnds.connections! - stageEnds.names!,
    connectionsCpuMs: stageCpu.connections! - stageCpu.names!,
    connections: assessment.dataQuality.connections,
    read: assessment.dataQuality.records.read,
    cells: aggregate.cells.size,
    resources: aggregate.resources.size,
    inboundPeers: aggregate.inboundPeers.size,
    maxRssSampled: maxRss,
    liveHeapBytes,
  };
  // Keeps the aggregate alive up to the measurement above.
  if (aggregate.cells.size < 0) process.stdout.write('');
  process.stdout.write(`${JSON.stringify(times)}\n`);
}

await main();
