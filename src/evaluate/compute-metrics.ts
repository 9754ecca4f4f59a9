// Summary metrics of a set of scenario outcomes under one weights variant. Skipped scenarios are
// counted but never enter a metric; a metric with no scenario to measure is null.

import type { EvaluatedOutcome, ScenarioOutcome } from './score-outcome.ts';

export interface EvaluationMetrics {
  scenarios: number;
  evaluated: number;
  skipped: number;
  passed: number;
  /** Share of evaluated scenarios whose true country ranks first. */
  top1CountryAccuracy: number | null;
  /** Share of evaluated scenarios with a true city whose true country ranks first and true city ranks first in it. */
  top1CityAccuracy: number | null;
  /** Mean of 1 / rank of the true country, 0 for an unranked one (Voorhees, TREC-8 Question Answering Track, 1999). */
  meanReciprocalRank: number | null;
  /** Countries reported present that are not the truth, summed over evaluated scenarios. */
  falsePresentCount: number;
  /**
   * Brier score (Brier, Monthly Weather Review 78(1), 1950): mean of (p - o)^2 over the true
   * country of each evaluated scenario (o = 1) and each country it lists as absent (o = 0);
   * 0 is perfect, 1 the worst.
   */
  brierScore: number | null;
  /** Number of (country, outcome) pairs in the Brier score. */
  brierPairs: number;
}

const round = (value: number) => Math.round(value * 1e6) / 1e6;

/** Computes the metrics of the outcomes, rounded to 6 decimals. */
export function computeMetrics(outcomes: readonly ScenarioOutcome[]): EvaluationMetrics {
  const evaluated = outcomes.filter((outcome): outcome is EvaluatedOutcome => outcome.status === 'evaluated');
  const withCity = evaluated.filter((outcome) => outcome.truth.city !== undefined);
  const share = (count: number, total: number) => (total === 0 ? null : round(count / total));

  let squaredErrors = 0;
  let pairs = 0;
  for (const outcome of evaluated) {
    squaredErrors += (outcome.probability - 1) ** 2;
    pairs += 1;
    for (const absent of outcome.absent) {
      squaredErrors += absent.probability ** 2;
      pairs += 1;
    }
  }

  return {
    scenarios: outcomes.length,
    evaluated: evaluated.length,
    skipped: outcomes.length - evaluated.length,
    passed: evaluated.filter((outcome) => outcome.passed).length,
    top1CountryAccuracy: share(evaluated.filter((outcome) => outcome.countryRank === 1).length, evaluated.length),
    top1CityAccuracy: share(withCity.filter((outcome) => outcome.countryRank === 1 && outcome.cityRank === 1).length, withCity.length),
    meanReciprocalRank: share(evaluated.reduce((sum, outcome) => sum + (outcome.countryRank === null ? 0 : 1 / outcome.countryRank), 0), evaluated.length),
    falsePresentCount: evaluated.reduce((sum, outcome) => sum + outcome.falsePresents.length, 0),
    brierScore: share(squaredErrors, pairs),
    brierPairs: pairs,
  };
}
