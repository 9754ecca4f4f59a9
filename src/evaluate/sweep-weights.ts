// Grid sweep of one or more weights over prepared (already aggregated) scenarios: every
// combination of the given values is scored and summarised by its metrics.

import { ConfigError } from '../errors.ts';
import type { Weights } from '../score/load-weights.ts';
import type { PreparedScenario } from './aggregate-scenario.ts';
import { computeMetrics, type EvaluationMetrics } from './compute-metrics.ts';
import { scoreScenarios } from './evaluate-scenarios.ts';
import type { ScenarioOutcome } from './score-outcome.ts';

export interface SweepAxis {
  /** Dotted key of a numeric weight, for example "score.weights.local_resources" or "score.bias". */
  key: string;
  values: number[];
}

export interface SweepRow {
  /** Value of each axis key in this combination. */
  values: Record<string, number>;
  metrics: EvaluationMetrics;
  outcomes: ScenarioOutcome[];
}

/** Returns a copy of `weights` with the number at the dotted `key` set to `value`; throws ConfigError for an unknown or non-numeric key. */
export function setWeight(weights: Weights, key: string, value: number): Weights {
  if (!Number.isFinite(value)) throw new ConfigError(`sweep value of "${key}" must be a finite number, got ${value}`);
  const copy = structuredClone(weights);
  const parts = key.split('.');
  let node: Record<string, unknown> = copy as unknown as Record<string, unknown>;
  for (const part of parts.slice(0, -1)) {
    const next = node[part];
    if (next === null || typeof next !== 'object' || Array.isArray(next)) throw new ConfigError(`unknown weight "${key}"`, 'Use a dotted key of heuristics/default.yaml, for example score.weights.local_resources.');
    node = next as Record<string, unknown>;
  }
  const last = parts[parts.length - 1];
  if (typeof node[last] !== 'number') throw new ConfigError(`unknown or non-numeric weight "${key}"`, 'Use a dotted key of a number in heuristics/default.yaml, for example score.bias.');
  // NOTE: the ranges that loadWeights enforces are not checked here, so a sweep can leave them.
  node[last] = value;
  return copy;
}

/**
 * Scores every combination of the axes' values, first axis slowest. All prepared scenarios must
 * have been aggregated with the base weights' counting.failed_weight, so that key cannot be swept here.
 */
export function sweepWeights(prepared: readonly PreparedScenario[], base: Weights, axes: readonly SweepAxis[]): SweepRow[] {
  if (axes.some((axis) => axis.key === 'counting.failed_weight')) {
    throw new ConfigError('counting.failed_weight cannot be swept over one aggregate', 'It changes the aggregate: call prepareScenarios once per value and sweep the other keys on each.');
  }

  let combinations: Record<string, number>[] = [{}];
  for (const axis of axes) {
    combinations = combinations.flatMap((combination) => axis.values.map((value) => ({ ...combination, [axis.key]: value })));
  }

  return combinations.map((values) => {
    let weights = base;
    for (const [key, value] of Object.entries(values)) weights = setWeight(weights, key, value);
    const outcomes = scoreScenarios(prepared, weights);
    return { values, metrics: computeMetrics(outcomes), outcomes };
  });
}
