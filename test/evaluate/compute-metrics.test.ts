// Metrics on a hand-made list of outcomes; every expected value is worked out in the comments.

import test from 'ava';
import { computeMetrics } from '../../src/evaluate/compute-metrics.ts';
import type { EvaluatedOutcome, ScenarioOutcome } from '../../src/evaluate/score-outcome.ts';

function outcome(fields: Partial<EvaluatedOutcome> & Pick<EvaluatedOutcome, 'scenario' | 'truth'>): EvaluatedOutcome {
  return {
    status: 'evaluated',
    countryRank: null,
    probability: 0,
    likelihood: null,
    confidence: null,
    present: false,
    cityRank: null,
    falsePresents: [],
    absent: [],
    passed: false,
    ...fields,
  };
}

const OUTCOMES: ScenarioOutcome[] = [
  // Truth first with its city first: passes.
  outcome({
    scenario: 'a',
    truth: { country: 'IN', city: 'Delhi' },
    countryRank: 1,
    probability: 0.9,
    present: true,
    cityRank: 1,
    absent: [
      { country: 'CN', probability: 0.3, present: false },
      { country: 'US', probability: 0, present: false },
    ],
    passed: true,
  }),
  // Truth second, its city first in it; DE, listed absent, is present.
  outcome({
    scenario: 'b',
    truth: { country: 'CZ', city: 'Prague' },
    countryRank: 2,
    probability: 0.6,
    present: true,
    cityRank: 1,
    falsePresents: ['DE'],
    absent: [{ country: 'DE', probability: 0.7, present: true }],
  }),
  // Truth not ranked, no city given, two other countries present.
  outcome({ scenario: 'c', truth: { country: 'KE' }, falsePresents: ['TZ', 'US'] }),
  { status: 'skipped', scenario: 'd', truth: { country: 'CZ' }, reason: 'input not found: x' },
];

test('counts scenarios', (t) => {
  const metrics = computeMetrics(OUTCOMES);
  t.is(metrics.scenarios, 4);
  t.is(metrics.evaluated, 3);
  t.is(metrics.skipped, 1);
  t.is(metrics.passed, 1);
});

test('top-1 accuracies', (t) => {
  const metrics = computeMetrics(OUTCOMES);
  // Country first in a only: 1 of 3 evaluated.
  t.is(metrics.top1CountryAccuracy, 0.333333);
  // a and b give a city; country and city both first in a only: 1 of 2.
  t.is(metrics.top1CityAccuracy, 0.5);
});

test('mean reciprocal rank', (t) => {
  // (1/1 + 1/2 + 0) / 3 = 0.5
  t.is(computeMetrics(OUTCOMES).meanReciprocalRank, 0.5);
});

test('false present count', (t) => {
  // 0 + 1 (DE) + 2 (TZ, US)
  t.is(computeMetrics(OUTCOMES).falsePresentCount, 3);
});

test('Brier score', (t) => {
  const metrics = computeMetrics(OUTCOMES);
  // a: (0.9 - 1)^2 + 0.3^2 + 0^2 = 0.01 + 0.09 + 0
  // b: (0.6 - 1)^2 + 0.7^2 = 0.16 + 0.49
  // c: (0 - 1)^2 = 1
  // (0.01 + 0.09 + 0 + 0.16 + 0.49 + 1) / 6 = 1.75 / 6 = 0.2916666...
  t.is(metrics.brierPairs, 6);
  t.is(metrics.brierScore, 0.291667);
});

test('only skipped gives null metrics', (t) => {
  const metrics = computeMetrics(OUTCOMES.slice(3));
  t.is(metrics.evaluated, 0);
  t.is(metrics.skipped, 1);
  t.is(metrics.top1CountryAccuracy, null);
  t.is(metrics.top1CityAccuracy, null);
  t.is(metrics.meanReciprocalRank, null);
  t.is(metrics.brierScore, null);
  t.is(metrics.falsePresentCount, 0);
});
