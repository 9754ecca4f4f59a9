// `footprint evaluate` as a function: aggregate each scenario once, score it under each weights
// variant, and compare the findings with the truth. Prints nothing; the command line does.

import { createBaseline, scoreAggregate } from '../assess/assess.ts';
import { ConfigError } from '../errors.ts';
import { loadWeights, type Weights } from '../score/load-weights.ts';
import { aggregateScenario, type PreparedScenario, type ScenarioAggregateOptions } from './aggregate-scenario.ts';
import { computeMetrics, type EvaluationMetrics } from './compute-metrics.ts';
import { loadScenarios, type Scenario } from './load-scenarios.ts';
import { scoreOutcome, type ScenarioOutcome } from './score-outcome.ts';

export const EVALUATION_SCHEMA = 'footprint-evaluation/1';

export interface WeightsVariant {
  /** Names the variant in reports: the weights file, or a description of the change. */
  label: string;
  weights: Weights;
}

export interface VariantResult {
  weights: string;
  outcomes: ScenarioOutcome[];
  metrics: EvaluationMetrics;
}

export interface Evaluation {
  schema: typeof EVALUATION_SCHEMA;
  scenarioFile: string;
  scenarios: { name: string; inputs: string[]; population: string; truth: Scenario['truth']; absent: string[] }[];
  variants: VariantResult[];
}

export interface EvaluateOptions extends ScenarioAggregateOptions {
  /** Weights files, one variant each; none means the built-in defaults alone. */
  weightsPaths?: string[];
}

export const DEFAULT_WEIGHTS_LABEL = 'heuristics/default.yaml (built in)';

/** Loads one variant per weights file, or the defaults alone when no file is given. */
export function loadWeightsVariants(paths: readonly string[] = []): WeightsVariant[] {
  if (paths.length === 0) return [{ label: DEFAULT_WEIGHTS_LABEL, weights: loadWeights() }];
  return paths.map((file) => ({ label: file, weights: loadWeights(file) }));
}

/** Evaluates every scenario of `scenarioFile` under every weights file of the options. */
export async function evaluate(scenarioFile: string, options: EvaluateOptions = {}): Promise<Evaluation> {
  const scenarios = loadScenarios(scenarioFile);
  const variants = loadWeightsVariants(options.weightsPaths);
  const results = await evaluateScenarios(scenarios, variants, options);
  return {
    schema: EVALUATION_SCHEMA,
    scenarioFile,
    scenarios: scenarios.map((scenario) => ({
      name: scenario.name,
      inputs: scenario.inputs,
      population: scenario.population,
      truth: scenario.truth,
      absent: scenario.absent,
    })),
    variants: results,
  };
}

/**
 * Scores each scenario under each variant. Aggregation depends on the weights only through
 * `counting.failed_weight`, so each scenario is aggregated once per distinct value of it.
 */
export async function evaluateScenarios(scenarios: readonly Scenario[], variants: readonly WeightsVariant[], options: ScenarioAggregateOptions = {}): Promise<VariantResult[]> {
  const byFailedWeight = new Map<number, PreparedScenario[]>();
  for (const variant of variants) {
    const failedWeight = variant.weights.counting.failed_weight;
    if (byFailedWeight.has(failedWeight)) continue;
    byFailedWeight.set(failedWeight, await prepareScenarios(scenarios, failedWeight, options));
  }

  return variants.map((variant) => {
    const outcomes = scoreScenarios(byFailedWeight.get(variant.weights.counting.failed_weight)!, variant.weights);
    return { weights: variant.label, outcomes, metrics: computeMetrics(outcomes) };
  });
}

/** Aggregates each scenario in turn (one at a time, to bound memory). */
export async function prepareScenarios(scenarios: readonly Scenario[], failedWeight: number, options: ScenarioAggregateOptions = {}): Promise<PreparedScenario[]> {
  const prepared: PreparedScenario[] = [];
  for (const scenario of scenarios) {
    options.onProgress?.(`aggregating scenario ${scenario.name}`);
    prepared.push(await aggregateScenario(scenario, failedWeight, options));
  }
  return prepared;
}

/** Scores prepared scenarios under one set of weights; fast, so a sweep can call it many times. */
export function scoreScenarios(prepared: readonly PreparedScenario[], weights: Weights): ScenarioOutcome[] {
  const baseline = createBaseline(undefined, weights);
  return prepared.map((entry): ScenarioOutcome => {
    const { scenario } = entry;
    if (entry.status === 'skipped') return { status: 'skipped', scenario: scenario.name, truth: scenario.truth, reason: entry.reason };
    if (entry.failedWeight !== weights.counting.failed_weight) {
      throw new ConfigError(
        `scenario "${scenario.name}" was aggregated with counting.failed_weight ${entry.failedWeight}, but the weights set ${weights.counting.failed_weight}`,
        'Call prepareScenarios once for each value of counting.failed_weight, or use evaluateScenarios, which does.',
      );
    }
    // Resources are not read by the outcome, so none are listed (resourceLimit 0).
    const assessment = scoreAggregate(entry.aggregate, entry.context, baseline, weights, { inputs: scenario.resolvedInputs, resourceLimit: 0 });
    return scoreOutcome(scenario, assessment);
  });
}
