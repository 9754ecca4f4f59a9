// measurePlaces and scorePlaces on the hand-built aggregate of scenario-aggregate.ts. Every expected
// value is worked out from its cells, resources and peers, with the default weights of
// heuristics/default.yaml and the world prior of heuristics/world-prior/.

import test from 'ava';
import { Aggregate } from '../../src/aggregate/aggregate.ts';
import { worldPriorBaseline } from '../../src/baseline/create-baseline.ts';
import { loadWorldPrior } from '../../src/baseline/load-world-prior.ts';
import { defaultWeights } from '../../src/score/load-weights.ts';
import { isScanner, measurePlaces } from '../../src/score/measure-places.ts';
import { scorePlaces, type PlaceScore } from '../../src/score/score-places.ts';
import { base, buildScenario } from './scenario-aggregate.ts';

const weights = defaultWeights();
const baseline = worldPriorBaseline(loadWorldPrior(), { minPriorShare: weights.test.min_prior_share, referencePseudoCount: weights.test.reference_pseudo_count });

const close = (actual: number, expected: number, tolerance = 1e-9) => Math.abs(actual - expected) < tolerance;

test('measures count local evidence', (t) => {
  const places = measurePlaces(buildScenario(), weights);
  // US has only a global service, DE only a CDN: neither is measured.
  t.deepEqual([...places.keys()].sort(), ['CZ', 'CZ/Prague', 'FR']);

  const prague = places.get('CZ/Prague')!;
  t.true(close(prague.activityOutbound, 4.2));
  // Peer A: inbound weight 0.5 times 1 established.
  t.is(prague.activityInbound, 0.5);
  t.true(close(prague.activity, 4.7));
  t.is(prague.local, 3);
  t.deepEqual(prague.localResources.map((use) => use.resource), ['praha.eu']);
  t.deepEqual(prague.localCategories, ['municipal-government']);
  t.deepEqual(prague.inboundAccessPeers.map((peer) => peer.peer), ['89.24.0.1']);
  t.is(prague.scannerPeers, 0);
  t.is(prague.meanAccuracyKm, 12);
  t.is(prague.meanAmbiguity, 0);

  const czechia = places.get('CZ')!;
  // Cells 1 and 2: 4.2 + 1.
  t.true(close(czechia.activityOutbound, 5.2));
  t.is(czechia.activityInbound, 0.5);
  // Cells 6 and 7: 3 + 1.
  t.is(czechia.local, 4);
  // Sorted by connections: praha.eu 3, idnes.cz 1.
  t.deepEqual(czechia.localResources.map((use) => use.resource), ['praha.eu', 'idnes.cz']);
  t.deepEqual(czechia.localCategories, ['local-news', 'municipal-government']);
  // B (three ports) and C (never established); D is on a cloud network but no scanner.
  t.is(czechia.scannerPeers, 2);
  t.deepEqual(czechia.inboundAccessPeers.map((peer) => peer.peer), ['89.24.0.1']);
  // Ambiguity weights 0 + 0.5 over connections 3 + 1.
  t.is(czechia.meanAmbiguity, 0.125);
  t.is(czechia.meanAccuracyKm, undefined);

  t.true(close(places.get('FR')!.activity, 0.02));
});

test('scanner rule', (t) => {
  const peer = { place: 'CZ', peer: '90.176.0.1', networkClass: 'access-isp' as const, connections: 2, established: 2, ports: [22, 80] };
  t.false(isScanner(peer, weights));
  // scanner_min_ports is 3 in the defaults.
  t.true(isScanner({ ...peer, ports: [22, 80, 443] }, weights));
  t.true(isScanner({ ...peer, established: 0 }, weights));
});

test('persistence counts local days', (t) => {
  const places = measurePlaces(buildScenario(), weights);
  const czechia = places.get('CZ')!;
  // No quality entry for CZ: the country's main zone, Europe/Prague.
  t.is(czechia.timeZone, 'Europe/Prague');
  // Evidence at UTC 07-01 08 and 09 (local 07-01) and 07-01 23 (local 07-02). Active UTC hours
  // 07-01 08, 09, 10, 23 and 07-02 10 fall on local 07-01 and 07-02. In UTC it would be 1 of 2.
  t.deepEqual(czechia.evidenceDays, ['2024-07-01', '2024-07-02']);
  t.is(czechia.activeDays, 2);

  const prague = places.get('CZ/Prague')!;
  t.is(prague.timeZone, 'Europe/Prague');
  t.deepEqual(prague.evidenceDays, ['2024-07-01']);
  t.is(prague.activeDays, 2);
  // Cells 1 and 6 at UTC 8, local 10: 4.2 + 3.
  t.true(close(prague.eventsByLocalHour[10], 7.2));
  t.true(close(prague.eventsByLocalHour.reduce((sum, value) => sum + value, 0), 7.2));

  // France: Europe/Paris, also UTC+2 in July; cell 8 at local 12:00 on 07-01.
  const france = places.get('FR')!;
  t.is(france.timeZone, 'Europe/Paris');
  t.true(close(france.eventsByLocalHour[12], 0.02));
  t.deepEqual(france.evidenceDays, ['2024-07-01']);
});

function scoreScenario(): Map<string, PlaceScore> {
  const scores = scorePlaces(measurePlaces(buildScenario(), weights), baseline, weights);
  return new Map(scores.map((score) => [score.measures.place, score]));
}

test('rate tests against the world prior', (t) => {
  const scores = scoreScenario();
  // Country activity total 5.7 + 0.02 = 5.72; CZ IPv4 share 2.370385e-3 (countries.csv line 60).
  const activity = scores.get('CZ')!.tests.activity;
  t.is(activity.observed, 5.7);
  t.true(close(activity.expected, 5.72 * 2.370385e-3));
  // scipy 1.17.1: gamma.ppf(0.05, 6.7, scale=1/1.013558602) = 3.03973682, gammainc(5.7, 0.0135586) = 5.3981e-14,
  // and the BH q-value of the smaller of two p-values is twice it.
  t.true(close(activity.lower, 3.03973682003643, 1e-7));
  t.true(close(activity.pValue, 5.3980607987551054e-14, 1e-18));
  t.true(close(activity.qValue, 1.0796121597510211e-13, 1e-18));
  t.true(activity.significant);

  // France: y = 0.02 against 5.72 * 2.265516e-2 (line 79); p = 0.9683975, not significant.
  const france = scores.get('FR')!.tests;
  t.true(close(france.activity.pValue, 0.968397474814294, 1e-9));
  t.false(france.activity.significant);
  t.is(france.local.pValue, 1);

  // Prague activity: 4.7 against its country's 5.7 times 3.077273e-1 (cities.csv line 12944).
  // Lower bound 0.8775 (scipy) is under 1, so not significant although p = 0.047.
  const prague = scores.get('CZ/Prague')!.tests.activity;
  t.true(close(prague.expected, 5.7 * 3.077273e-1));
  t.true(close(prague.lower, 0.8775131308855281, 1e-7));
  t.false(prague.significant);
});

test('features and logistic score', (t) => {
  const scores = scoreScenario();
  const czechia = scores.get('CZ')!;
  // log2 of the lower bounds 3.03973682 (activity) and 1.95915219 (local, scipy as above).
  t.true(close(czechia.features.activity_excess, Math.log2(3.03973682003643), 1e-7));
  t.true(close(czechia.features.local_excess, Math.log2(1.9591521885500636), 1e-7));
  t.true(close(czechia.features.local_resources, Math.log2(3)));
  t.is(czechia.features.local_categories, 2);
  t.is(czechia.features.persistence, 1);
  t.is(czechia.features.inbound_access_peers, 1);
  // Hourly events 7.2 + 1 + 1 = 9.2 (inbound peers have no hour), under working_hours_min_events 20.
  t.is(czechia.features.working_hours, 0);
  // -5 + 0.35 * 1.60397 + 0.35 * 0.97022 + 1.1 * log2(3) + 0.6 * 2 + 1.2 * 1 + 0.6 * 1 = 0.6444203.
  t.true(close(czechia.logit, 0.6444203131495082, 1e-7));
  t.true(close(czechia.probability, 0.655751993752598, 1e-7));
  t.is(czechia.likelihood, 'likely');
  t.true(czechia.present);
  t.false(czechia.insufficient);
  // Contributions are weight times feature.
  t.true(close(czechia.contributions.local_categories, 1.2));
});

test('city probability is conditional', (t) => {
  const scores = scoreScenario();
  const prague = scores.get('CZ/Prague')!;
  // Neither test significant: -3.5 + 1.1 * log2(2) + 0.6 * 1 + 1.2 * (1/2) + 0.6 * log2(2) = -0.6.
  t.true(close(prague.logit, -0.6));
  t.is(prague.features.persistence, 0.5);
  t.true(close(prague.conditionalProbability, 1 / (1 + Math.exp(0.6))));
  // 0.6557520 * 0.3543437 = 0.2323616.
  t.true(close(prague.probability, scores.get('CZ')!.probability * prague.conditionalProbability));
  t.true(close(prague.probability, 0.23236158366609475, 1e-7));
  t.is(prague.likelihood, 'unlikely');
  t.false(prague.present);
  t.is(scores.get('CZ')!.conditionalProbability, scores.get('CZ')!.probability);
});

test('insufficient evidence rule', (t) => {
  const france = scoreScenario().get('FR')!;
  // 0.02 events (under min_events 5) and no local resource (under min_local_resources 1).
  t.true(france.insufficient);
  t.false(france.present);
  // -5 + 1.2 * (1/2): evidence on 07-01 of the active local days 07-01 and 07-02.
  t.true(close(france.logit, -4.4));
});

test('confidence points', (t) => {
  const scores = scoreScenario();
  // CZ: local 4 + activity 5.7 = 9.7 events (no point under 30), 2 days (+1), 2 categories (+1), no accuracy radius,
  // ambiguity 0.125 <= 0.3 (+1): 3 points, moderate.
  const czechia = scores.get('CZ')!;
  t.is(czechia.confidence, 'moderate');
  t.deepEqual(czechia.confidenceReasons, [
    '0 sample: 9.7 weighted events (thresholds 30 and 300)',
    '+1 persistence: evidence on 2 local day(s) (point at 2)',
    '+1 independence: 2 local resource categories (point at 2)',
    '0 geolocation accuracy: the database gives no accuracy radius',
    '+1 attribution: mean ambiguity 0.13 (point at 0.3 or less, with local resources)',
  ]);
  // Prague: 1 day, 1 category, radius 12 km (+1), ambiguity 0 (+1): 2 points, low.
  const prague = scores.get('CZ/Prague')!;
  t.is(prague.confidence, 'low');
  t.is(prague.confidenceReasons[3], '+1 geolocation accuracy: mean radius 12 km (point at 100 km or less)');
});

function workingHoursFeature(cells: { hour: number; established: number }[]): number {
  const aggregate = new Aggregate();
  for (const cell of cells) aggregate.addCell({ ...base, layer: 'resource', networkClass: '', hour: cell.hour }, { established: cell.established, failed: 0, bytes: 0 });
  const scores = scorePlaces(measurePlaces(aggregate, weights), baseline, weights);
  return scores.find((score) => score.measures.place === 'CZ')!.features.working_hours;
}

test('working-hours feature sign', (t) => {
  // Window [8, 21) is w = 13/24 of the day. UTC 8 is local 10 (inside), UTC 0 is local 2 (outside).
  // All 30 events inside: s = 1, (1 - w) / (1 - w) = 1.
  t.is(workingHoursFeature([{ hour: 8, established: 30 }]), 1);
  // All outside: s = 0, -w / (1 - w) = -13/11, clipped to -1.
  t.is(workingHoursFeature([{ hour: 0, established: 30 }]), -1);
  // 20 inside, 10 outside: s = 2/3, (2/3 - 13/24) / (11/24) = 3/11.
  t.true(close(workingHoursFeature([{ hour: 8, established: 20 }, { hour: 0, established: 10 }]), 3 / 11));
  // 19 events, under working_hours_min_events 20: no feature.
  t.is(workingHoursFeature([{ hour: 8, established: 19 }]), 0);
});
