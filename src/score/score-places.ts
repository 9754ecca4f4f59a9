// Scores each measured place: rate-ratio tests against the baseline with false discovery control,
// evidence features, a logistic score, a likelihood in estimative words and a confidence level.

import type { Baseline, Measure } from '../baseline/create-baseline.ts';
import { benjaminiHochberg } from './benjamini-hochberg.ts';
import { gammaPoissonRateRatio, type RateRatio } from './gamma-poisson-rate-ratio.ts';
import { likelihoodFor, type Likelihood } from './likelihood.ts';
import { FEATURE_NAMES, type FeatureName, type Weights } from './load-weights.ts';
import type { PlaceMeasures } from './measure-places.ts';

export type Confidence = 'low' | 'moderate' | 'high';

export interface RateTest extends RateRatio {
  observed: number;
  expected: number;
  /** Benjamini-Hochberg q-value among the places of the same level. */
  qValue: number;
  significant: boolean;
}

export interface PlaceScore {
  measures: PlaceMeasures;
  tests: Record<Measure, RateTest>;
  features: Record<FeatureName, number>;
  /** Contribution of each feature to the logit: weight times feature. */
  contributions: Record<FeatureName, number>;
  logit: number;
  /** Probability given that the parent place (the country of a city) is a candidate; for countries, equal to probability. */
  conditionalProbability: number;
  probability: number;
  likelihood: Likelihood;
  confidence: Confidence;
  /** Reasons for the confidence level, one entry per criterion met or missed. */
  confidenceReasons: string[];
  /** True when the evidence is too thin to rank the place. */
  insufficient: boolean;
  present: boolean;
}

/** Scores countries, then cities within each country, each level with its own false discovery control. */
export function scorePlaces(places: Map<string, PlaceMeasures>, baseline: Baseline, weights: Weights): PlaceScore[] {
  const countries = [...places.values()].filter((measures) => !measures.city);
  const cities = [...places.values()].filter((measures) => measures.city);

  const totals: Record<Measure, number> = { activity: 0, local: 0 };
  for (const measures of countries) {
    totals.activity += measures.activity;
    totals.local += measures.local;
  }

  const countryTests = testLevel(countries, weights, (measures, measure) => totals[measure] * baseline.countryShare(measure, measures.country));
  const cityTests = testLevel(cities, weights, (measures, measure) => {
    const country = places.get(measures.country);
    return (country?.[measure] ?? 0) * baseline.cityShare(measure, measures.country, measures.city!);
  });

  const countryScores = countries.map((measures, index) => scoreOne(measures, countryTests[index], weights, 1));
  const countryProbability = new Map(countryScores.map((score) => [score.measures.country, score.probability]));
  // A city's score is conditional on its country being a candidate, so its probability is the
  // country's probability times the conditional one: no city is more likely than its country.
  const cityScores = cities.map((measures, index) => scoreOne(measures, cityTests[index], weights, countryProbability.get(measures.country) ?? 0));
  return [...countryScores, ...cityScores];
}

function testLevel(level: PlaceMeasures[], weights: Weights, expectedOf: (measures: PlaceMeasures, measure: Measure) => number): Record<Measure, RateTest>[] {
  const options = { priorShape: weights.test.prior_shape, priorRate: weights.test.prior_rate, credibleMass: weights.test.credible_mass };
  const results = level.map(() => ({}) as Record<Measure, RateTest>);

  for (const measure of ['activity', 'local'] as const) {
    const raw = level.map((measures) => {
      const observed = measures[measure];
      const expected = expectedOf(measures, measure);
      // With nothing to compare against (no traffic of this kind at all), the ratio is the prior's.
      const ratio = expected > 0 ? gammaPoissonRateRatio(observed, expected, options) : { mean: 1, lower: 0, upper: Infinity, pValue: 1 };
      return { observed, expected, ...ratio };
    });
    const qValues = benjaminiHochberg(raw.map((test) => test.pValue));
    raw.forEach((test, index) => {
      const qValue = qValues[index];
      results[index][measure] = { ...test, qValue, significant: qValue <= weights.test.false_discovery_rate && test.lower > 1 };
    });
  }
  return results;
}

function scoreOne(measures: PlaceMeasures, tests: Record<Measure, RateTest>, weights: Weights, parentProbability: number): PlaceScore {
  const { caps } = weights.score;
  const excess = (test: RateTest, cap: number) => (test.significant ? Math.min(cap, Math.max(0, Math.log2(test.lower))) : 0);

  const [start, end] = weights.score.working_hours;
  const events = measures.eventsByLocalHour.reduce((sum, value) => sum + value, 0);
  const inHours = measures.eventsByLocalHour.slice(start, end).reduce((sum, value) => sum + value, 0);
  const expectedShare = (end - start) / 24;
  const workingHours = events >= weights.score.working_hours_min_events ? clamp((inHours / events - expectedShare) / (1 - expectedShare), -1, 1) : 0;

  const features: Record<FeatureName, number> = {
    activity_excess: excess(tests.activity, caps.activity_excess),
    local_excess: excess(tests.local, caps.local_excess),
    local_resources: Math.min(caps.local_resources, Math.log2(1 + measures.localResources.length)),
    local_categories: Math.min(caps.local_categories, measures.localCategories.length),
    persistence: measures.activeDays > 0 ? Math.min(1, measures.evidenceDays.length / measures.activeDays) : 0,
    inbound_access_peers: Math.log2(1 + measures.inboundAccessPeers.length),
    working_hours: workingHours,
  };

  let logit = measures.city ? weights.score.city_bias : weights.score.bias;
  const contributions = {} as Record<FeatureName, number>;
  for (const name of FEATURE_NAMES) {
    contributions[name] = weights.score.weights[name] * features[name];
    logit += contributions[name];
  }
  const conditionalProbability = 1 / (1 + Math.exp(-logit));
  const probability = parentProbability * conditionalProbability;

  const evidenceEvents = measures.local + measures.activity;
  const insufficient = evidenceEvents < weights.insufficient.min_events && measures.localResources.length < weights.insufficient.min_local_resources;
  const { level, reasons } = rateConfidence(measures, evidenceEvents, weights);

  return {
    measures,
    tests,
    features,
    contributions,
    logit,
    conditionalProbability,
    probability,
    likelihood: likelihoodFor(probability),
    confidence: level,
    confidenceReasons: reasons,
    insufficient,
    present: !insufficient && probability >= weights.present_min_probability,
  };
}

/** Rates the quantity and quality of a place's evidence: one point per criterion met. */
function rateConfidence(measures: PlaceMeasures, events: number, weights: Weights): { level: Confidence; reasons: string[] } {
  const rules = weights.confidence;
  const reasons: string[] = [];
  let points = 0;

  let eventPoints = 0;
  if (events >= rules.events_high) eventPoints = 2;
  else if (events >= rules.events_moderate) eventPoints = 1;
  points += eventPoints;
  reasons.push(`${eventPoints > 0 ? `+${eventPoints}` : '0'} sample: ${round(events)} weighted events (thresholds ${rules.events_moderate} and ${rules.events_high})`);

  const days = measures.evidenceDays.length;
  const dayPoint = days >= rules.days_for_point ? 1 : 0;
  points += dayPoint;
  reasons.push(`${dayPoint ? '+1' : '0'} persistence: evidence on ${days} local day(s) (point at ${rules.days_for_point})`);

  const categories = measures.localCategories.length;
  const categoryPoint = categories >= rules.categories_for_point ? 1 : 0;
  points += categoryPoint;
  reasons.push(`${categoryPoint ? '+1' : '0'} independence: ${categories} local resource categor${categories === 1 ? 'y' : 'ies'} (point at ${rules.categories_for_point})`);

  if (measures.meanAccuracyKm === undefined) {
    reasons.push('0 geolocation accuracy: the database gives no accuracy radius');
  } else {
    const accuracyPoint = measures.meanAccuracyKm <= rules.accuracy_km_for_point ? 1 : 0;
    points += accuracyPoint;
    reasons.push(`${accuracyPoint ? '+1' : '0'} geolocation accuracy: mean radius ${round(measures.meanAccuracyKm)} km (point at ${rules.accuracy_km_for_point} km or less)`);
  }

  const ambiguityPoint = measures.localResources.length > 0 && measures.meanAmbiguity <= rules.ambiguity_for_point ? 1 : 0;
  points += ambiguityPoint;
  reasons.push(`${ambiguityPoint ? '+1' : '0'} attribution: mean ambiguity ${round(measures.meanAmbiguity)} (point at ${rules.ambiguity_for_point} or less, with local resources)`);

  let level: Confidence = 'low';
  if (points >= rules.high) level = 'high';
  else if (points >= rules.moderate) level = 'moderate';
  return { level, reasons };
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
