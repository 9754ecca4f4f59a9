import test from 'ava';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { referenceBaseline, worldPriorBaseline } from '../../src/baseline/create-baseline.ts';
import { loadWorldPrior } from '../../src/baseline/load-world-prior.ts';
import { DataError } from '../../src/errors.ts';
import type { PlaceMeasures } from '../../src/score/measure-places.ts';

const OPTIONS = { minPriorShare: 1e-6, referencePseudoCount: 20 };
const prior = loadWorldPrior();
const world = worldPriorBaseline(prior, OPTIONS);

// Shares from the world prior files:
//   heuristics/world-prior/countries.csv line 60: CZ,10629928,1.403334e-3,8737932,2.370385e-3
//   heuristics/world-prior/countries.csv line 79: FR,66977107,8.842135e-3,83513521,2.265516e-2
//   heuristics/world-prior/cities.csv line 12944: CZ,Prague,1165581,1.096509e-1,2688900,3.077273e-1
//   heuristics/world-prior/cities.csv line 12496: CZ,Adamov,0,0.000000e+0,4096,4.687608e-4
const CZ = { population: 1.403334e-3, ipv4: 2.370385e-3 };
const PRAGUE = { population: 1.096509e-1, ipv4: 3.077273e-1 };

test('world prior shares of CZ', (t) => {
  // Activity follows IPv4 address share, local-resource use population share.
  t.is(world.countryShare('activity', 'CZ'), CZ.ipv4);
  t.is(world.countryShare('local', 'CZ'), CZ.population);
  t.is(world.countryShare('activity', 'FR'), 2.265516e-2);
  t.is(world.cityShare('activity', 'CZ', 'Prague'), PRAGUE.ipv4);
  t.is(world.cityShare('local', 'CZ', 'Prague'), PRAGUE.population);
  t.is(world.description, 'world prior (ipv4 address share for activity, population share for local resources)');
});

test('world prior floor for missing places', (t) => {
  // XX is no country; Atlantis is no Czech city; Adamov has population share 0 in cities.csv.
  t.is(world.countryShare('activity', 'XX'), 1e-6);
  t.is(world.countryShare('local', 'XX'), 1e-6);
  t.is(world.cityShare('local', 'CZ', 'Atlantis'), 1e-6);
  t.is(world.cityShare('local', 'CZ', 'Adamov'), 1e-6);
  t.is(world.cityShare('activity', 'CZ', 'Adamov'), 4.687608e-4);

  // A larger floor lifts every share below it.
  const floored = worldPriorBaseline(prior, { ...OPTIONS, minPriorShare: 0.005 });
  t.is(floored.countryShare('local', 'CZ'), 0.005);
  t.is(floored.countryShare('activity', 'FR'), 2.265516e-2);
});

function measures(place: string, activity: number, local: number): PlaceMeasures {
  const [country, city] = place.split('/');
  return {
    place,
    country,
    city,
    activity,
    activityOutbound: activity,
    activityInbound: 0,
    local,
    localResources: [],
    localCategories: [],
    evidenceDays: [],
    activeDays: 1,
    inboundAccessPeers: [],
    scannerPeers: 0,
    eventsByLocalHour: new Array(24).fill(0),
    meanAmbiguity: 0,
  };
}

// Reference population: CZ activity 30 and local 10, DE activity 70; Prague is part of CZ.
// Country totals: T_activity = 30 + 70 = 100, T_local = 10 (cities are not added again).
const reference = new Map([
  ['CZ', measures('CZ', 30, 10)],
  ['DE', measures('DE', 70, 0)],
  ['CZ/Prague', measures('CZ/Prague', 20, 4)],
]);

test('reference baseline shrinks to the prior', (t) => {
  const baseline = referenceBaseline(reference, world, { ...OPTIONS, description: 'reference last-month.json' });
  t.is(baseline.description, 'reference last-month.json');
  const close = (actual: number, expected: number) => t.true(Math.abs(actual - expected) < 1e-12, `${actual} != ${expected}`);

  // (y_ref + k * prior) / (T_ref + k) with k = 20:
  // CZ activity (30 + 20 * 2.370385e-3) / (100 + 20) = 0.25039506416...
  close(baseline.countryShare('activity', 'CZ'), 0.2503950641666667);
  // CZ local (10 + 20 * 1.403334e-3) / (10 + 20) = 0.33426888933...
  close(baseline.countryShare('local', 'CZ'), 0.3342688893333333);
  // XX, never seen and not in the prior: (0 + 20 * 1e-6) / 120.
  close(baseline.countryShare('activity', 'XX'), 1.6666666666666665e-7);
  // Prague activity, over its country's reference activity 30: (20 + 20 * 3.077273e-1) / (30 + 20).
  close(baseline.cityShare('activity', 'CZ', 'Prague'), 0.52309092);
  // Prague local: (4 + 20 * 1.096509e-1) / (10 + 20).
  close(baseline.cityShare('local', 'CZ', 'Prague'), 0.20643393333333335);
  // A city of a country the reference never saw falls back to the prior: (0 + 20 p) / (0 + 20).
  close(baseline.cityShare('local', 'FR', 'Paris'), world.cityShare('local', 'FR', 'Paris'));
});

test('reference baseline without pseudo-count', (t) => {
  const baseline = referenceBaseline(reference, world, { ...OPTIONS, referencePseudoCount: 0, description: 'reference' });
  // Plain reference shares: 30 / 100, 70 / 100, 20 / 30.
  t.is(baseline.countryShare('activity', 'CZ'), 0.3);
  t.is(baseline.countryShare('activity', 'DE'), 0.7);
  t.is(baseline.cityShare('activity', 'CZ', 'Prague'), 20 / 30);
});

test('world prior file errors name the line', (t) => {
  const folder = mkdtempSync(join(tmpdir(), 'footprint-prior-'));
  // Two comment lines, the header on line 3, rows on lines 4 and 5.
  writeFileSync(join(folder, 'countries.csv'), '# comment\n# comment\ncountry,population,population_share,ipv4_addresses,ipv4_share\nCZ,1,0.1,1,0.2\nSK,1,abc,1,0.1\n');
  writeFileSync(join(folder, 'cities.csv'), 'country,city,population,population_share,ipv4_addresses,ipv4_share\n');
  const file = join(folder, 'countries.csv');
  t.throws(() => loadWorldPrior(folder), { instanceOf: DataError, message: `world prior ${file} line 5: invalid population_share "abc"` });

  writeFileSync(file, 'country,population_share\nCZ,0.1\n');
  t.throws(() => loadWorldPrior(folder), { instanceOf: DataError, message: `world prior ${file} lacks column(s) ipv4_share` });
});
