// Aggregates the logs of one scenario, once, so that many weights variants can score the same
// counts. A scenario whose inputs are missing is skipped with the reason, never scored.

import { existsSync } from 'node:fs';
import type { Aggregate } from '../aggregate/aggregate.ts';
import { aggregateLogs, type AggregateOptions, type RunContext } from '../assess/aggregate-logs.ts';
import { FootprintError } from '../errors.ts';
import type { Scenario } from './load-scenarios.ts';

export interface AggregatedScenario {
  status: 'aggregated';
  scenario: Scenario;
  aggregate: Aggregate;
  context: RunContext;
  /** Weight of failed connections the aggregate was counted with (`counting.failed_weight`). */
  failedWeight: number;
}

export interface SkippedScenario {
  status: 'skipped';
  scenario: Scenario;
  reason: string;
}

export type PreparedScenario = AggregatedScenario | SkippedScenario;

/** Reference data and progress options passed through to aggregateLogs. */
export type ScenarioAggregateOptions = Omit<AggregateOptions, 'inputs' | 'population' | 'failedWeight'>;

/** Aggregates the scenario's logs with `failedWeight`; returns a skipped result when an input does not exist. */
export async function aggregateScenario(scenario: Scenario, failedWeight: number, options: ScenarioAggregateOptions = {}): Promise<PreparedScenario> {
  const missing = scenario.inputs.filter((_, index) => !existsSync(scenario.resolvedInputs[index]));
  if (missing.length > 0) {
    return { status: 'skipped', scenario, reason: `input not found: ${missing.join(', ')} (relative to ${scenario.source.file})` };
  }

  try {
    const { aggregate, context } = await aggregateLogs({ ...options, inputs: scenario.resolvedInputs, population: scenario.population, failedWeight });
    return { status: 'aggregated', scenario, aggregate, context, failedWeight };
  } catch (error) {
    // Name the scenario, so that a broken entry can be found in a file of many.
    if (error instanceof FootprintError) {
      const wrapped = new (error.constructor as new (message: string, hint?: string) => FootprintError)(
        `scenario "${scenario.name}" (${scenario.source.file} line ${scenario.source.line}): ${error.message}`,
        error.hint,
      );
      throw wrapped;
    }
    throw error;
  }
}
