// Text reports of an evaluation: a table per weights variant, then a comparison of the variants'
// metrics. Pure functions of the evaluation, so the output is the same for the same input.

import type { EvaluationMetrics } from './compute-metrics.ts';
import type { Evaluation } from './evaluate-scenarios.ts';
import type { EvaluatedOutcome, ScenarioOutcome } from './score-outcome.ts';

/** Formats the evaluation as JSON, two-space indented, with a final newline. */
export function formatEvaluationJson(evaluation: Evaluation): string {
  return JSON.stringify(evaluation, null, 2) + '\n';
}

/** Formats the evaluation as aligned text tables. */
export function formatEvaluationTable(evaluation: Evaluation): string {
  const lines: string[] = [`footprint evaluation of ${evaluation.scenarioFile} (${evaluation.scenarios.length} scenario(s))`, ''];

  for (const variant of evaluation.variants) {
    lines.push(`weights: ${variant.weights}`, '');
    lines.push(...alignColumns([OUTCOME_HEADER, ...variant.outcomes.map(outcomeRow)]));
    const skipped = variant.outcomes.filter((outcome) => outcome.status === 'skipped');
    for (const outcome of skipped) lines.push(`  ${outcome.scenario} skipped: ${outcome.reason}`);
    lines.push('', `  ${describeMetrics(variant.metrics)}`, '');
  }

  if (evaluation.variants.length > 1) {
    lines.push('comparison of weights', '');
    lines.push(...alignColumns([METRICS_HEADER, ...evaluation.variants.map((variant) => metricsRow(variant.weights, variant.metrics))]), '');
  }
  return lines.join('\n');
}

const OUTCOME_HEADER = ['scenario', 'truth', 'rank', 'p', 'likelihood', 'confidence', 'present', 'city rank', 'false presents', 'result'];
const METRICS_HEADER = ['weights', 'evaluated', 'skipped', 'passed', 'top-1 country', 'top-1 city', 'MRR', 'false presents', 'Brier'];

function outcomeRow(outcome: ScenarioOutcome): string[] {
  const truth = outcome.truth.city ? `${outcome.truth.country}/${outcome.truth.city}` : outcome.truth.country;
  if (outcome.status === 'skipped') return [outcome.scenario, truth, '-', '-', '-', '-', '-', '-', '-', 'skipped'];
  return [
    outcome.scenario,
    truth,
    outcome.countryRank === null ? 'unranked' : String(outcome.countryRank),
    outcome.probability.toFixed(3),
    outcome.likelihood ?? 'not listed',
    outcome.confidence ?? '-',
    outcome.present ? 'yes' : 'no',
    cityRankCell(outcome),
    outcome.falsePresents.length === 0 ? 'none' : outcome.falsePresents.join(','),
    outcome.passed ? 'pass' : 'FAIL',
  ];
}

function cityRankCell(outcome: EvaluatedOutcome): string {
  if (outcome.truth.city === undefined) return '-';
  return outcome.cityRank === null ? 'unranked' : String(outcome.cityRank);
}

const fixed = (value: number | null, digits = 3) => (value === null ? '-' : value.toFixed(digits));

function describeMetrics(metrics: EvaluationMetrics): string {
  return [
    `evaluated ${metrics.evaluated} of ${metrics.scenarios} (skipped ${metrics.skipped}), passed ${metrics.passed}`,
    `top-1 country ${fixed(metrics.top1CountryAccuracy)}`,
    `top-1 city ${fixed(metrics.top1CityAccuracy)}`,
    `MRR ${fixed(metrics.meanReciprocalRank)}`,
    `false presents ${metrics.falsePresentCount}`,
    `Brier ${fixed(metrics.brierScore, 4)} (${metrics.brierPairs} pair(s))`,
  ].join('; ');
}

function metricsRow(label: string, metrics: EvaluationMetrics): string[] {
  return [
    label,
    String(metrics.evaluated),
    String(metrics.skipped),
    String(metrics.passed),
    fixed(metrics.top1CountryAccuracy),
    fixed(metrics.top1CityAccuracy),
    fixed(metrics.meanReciprocalRank),
    String(metrics.falsePresentCount),
    fixed(metrics.brierScore, 4),
  ];
}

function alignColumns(rows: string[][]): string[] {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  return rows.map((row) => row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column]))).join('  ').trimEnd());
}
