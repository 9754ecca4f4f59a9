// `footprint assess` as a function: aggregate the logs, compare with the baseline, score and
// return the assessment. Prints nothing; the command line decides what to show.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Aggregate } from '../aggregate/aggregate.ts';
import { loadWorldPrior } from '../baseline/load-world-prior.ts';
import { referenceBaseline, worldPriorBaseline, type Baseline } from '../baseline/create-baseline.ts';
import { loadWeights, type Weights } from '../score/load-weights.ts';
import { measurePlaces } from '../score/measure-places.ts';
import { scorePlaces } from '../score/score-places.ts';
import { ASSESSMENT_SCHEMA, buildFindings, type Assessment } from '../report/assessment.ts';
import { DataError, InputError } from '../errors.ts';
import { aggregateLogs, type AggregateOptions, type RunContext } from './aggregate-logs.ts';

export interface AssessOptions extends AggregateOptions {
  /** Weights file; default heuristics/default.yaml. */
  weightsPath?: string;
  /** Reference aggregate written by `footprint aggregate`; default: the world prior alone. */
  baselinePath?: string;
  /** Resources and peers listed per place (Infinity for all). */
  resourceLimit?: number;
}

export async function assess(options: AssessOptions): Promise<Assessment> {
  const weights = loadWeights(options.weightsPath);
  const baseline = createBaseline(options.baselinePath, weights);
  const { aggregate, context } = await aggregateLogs({ ...options, failedWeight: weights.counting.failed_weight });
  return scoreAggregate(aggregate, context, baseline, weights, options);
}

export function createBaseline(baselinePath: string | undefined, weights: Weights): Baseline {
  const settings = { minPriorShare: weights.test.min_prior_share, referencePseudoCount: weights.test.reference_pseudo_count };
  const prior = worldPriorBaseline(loadWorldPrior(), settings);
  if (!baselinePath) return prior;

  const reference = readAggregate(baselinePath);
  return referenceBaseline(measurePlaces(reference, weights), prior, {
    ...settings,
    description: `reference aggregate ${baselinePath} (${reference.totals.connections} connections), shrunk towards the world prior with pseudo-count ${settings.referencePseudoCount}`,
  });
}

export function readAggregate(file: string): Aggregate {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new InputError(`cannot read aggregate file ${file}: ${(error as Error).message}`, 'Check the path, or write an aggregate with `footprint aggregate LOGS --population CIDRS --out FILE`.');
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new DataError(`aggregate file ${file} is not valid JSON: ${(error as Error).message}`, 'Write it again with `footprint aggregate`.');
  }
  return Aggregate.fromJSON(data, file);
}

export function scoreAggregate(aggregate: Aggregate, context: RunContext, baseline: Baseline, weights: Weights, options: AssessOptions): Assessment {
  const places = measurePlaces(aggregate, weights);
  const scores = scorePlaces(places, baseline, weights);
  const countries = buildFindings(scores, { resourceLimit: options.resourceLimit ?? 10, workingHours: weights.score.working_hours });

  const totals = aggregate.totals;
  const share = (value: number | undefined) => (totals.connections > 0 ? Math.round(((value ?? 0) / totals.connections) * 1e6) / 1e6 : 0);
  const roundRecord = (record: Record<string, number | undefined>) =>
    Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : 1)).map(([key, value]) => [key, Math.round((value ?? 0) * 1000) / 1000]));
  const iso = (ts: number | null) => (ts === null ? null : new Date(ts * 1000).toISOString());
  const databases = {
    geoip: { ...context.databases.geoip, paths: context.databases.geoip.paths.map(displayPath) },
    asn: { ...context.databases.asn, paths: context.databases.asn.paths.map(displayPath) },
  };

  return {
    schema: ASSESSMENT_SCHEMA,
    run: {
      inputs: options.inputs,
      population: context.populationDescription,
      weights: options.weightsPath ?? 'heuristics/default.yaml (built in)',
      baseline: baseline.description,
      databases,
    },
    window: { first: iso(aggregate.firstTs), last: iso(aggregate.lastTs) },
    dataQuality: {
      records: context.tally,
      rejectExamples: context.rejectExamples.map((example) => ({ ...example, file: displayPath(example.file) })),
      files: context.files.map((file) => ({
        path: displayPath(file.path),
        format: file.format,
        kind: file.kind,
        read: file.tally.read,
        used: file.tally.used,
        rejected: Object.values(file.tally.rejected).reduce((sum, count) => sum + count, 0),
        ignored: Object.values(file.tally.ignored).reduce((sum, count) => sum + count, 0),
      })),
      skippedFiles: context.skippedFiles.map((skipped) => ({ ...skipped, path: displayPath(skipped.path) })),
      connections: totals.connections,
      globalServiceShare: share(totals.byCategory['global-service']),
      cdnCloudShare: share(totals.byCategory['cdn-cloud']),
      opsecShare: share(totals.byCategory.opsec),
      unattributedShare: share(totals.connections - totals.attributed),
      unlocatedShare: share(totals.unlocated),
      byCategory: roundRecord(totals.byCategory),
      byNetworkClass: roundRecord(totals.byNetworkClass),
      distinctRemoteAddresses: context.distinctRemoteAddresses,
    },
    countries,
  };
}

/**
 * Shows a path relative to the working directory when it lies below it, so that reports of the
 * same run from two clones are identical. Installed databases show their package path.
 */
export function displayPath(file: string): string {
  const packageIndex = file.lastIndexOf(`${path.sep}node_modules${path.sep}`);
  if (packageIndex >= 0) return file.slice(packageIndex + 1);
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}
