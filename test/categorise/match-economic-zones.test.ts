import test from 'ava';
import { loadGeodata, matchEconomicZones } from '../../src/categorise/index.ts';

const geodata = loadGeodata();

test('point inside Noida SEZ circle matches', (t) => {
  // geodata/countries/IN.yaml line 97: Noida SEZ centre 28.58 N 77.33 E, radius 8 km.
  // 28.60 N is 2.2 km north of the centre (0.02 degrees x 111.2 km per degree).
  const matches = matchEconomicZones({ country: 'IN', latitude: 28.6, longitude: 77.33, accuracyRadiusKm: 1 }, geodata);
  t.is(matches.length, 1);
  t.is(matches[0].zone.name, 'Noida SEZ');
  t.true(Math.abs(matches[0].distanceKm - 2.22) < 0.05, `distance ${matches[0].distanceKm}`);
  // The 1 km disc lies wholly inside the zone: pi x 1^2 = 3.14 km2 (64-segment polygon, within 1 %).
  t.true(Math.abs(matches[0].overlapKm2 - Math.PI) < 0.03, `overlap ${matches[0].overlapKm2}`);
});

test('accuracy radius widens the match', (t) => {
  // New Delhi centre (28.6139 N 77.2090 E) is about 12.3 km from the Noida SEZ centre, beyond its
  // 8 km radius: a 1 km disc misses, the default 25 km disc reaches it.
  const location = { country: 'IN', latitude: 28.6139, longitude: 77.209 };
  t.deepEqual(matchEconomicZones({ ...location, accuracyRadiusKm: 1 }, geodata), []);
  t.deepEqual(matchEconomicZones(location, geodata).map((match) => match.zone.name), ['Noida SEZ']);
});

test('Kochi location matches Cochin SEZ only', (t) => {
  // IN.yaml: Cochin SEZ centre 10.017 N 76.344 E (Kakkanad), radius 3 km.
  const names = matchEconomicZones({ latitude: 10.02, longitude: 76.34, accuracyRadiusKm: 5 }, geodata).map((match) => match.zone.name);
  t.deepEqual(names, ['Cochin SEZ']);
});

test('location without coordinates matches nothing', (t) => {
  t.deepEqual(matchEconomicZones({ country: 'IN', city: 'Noida' }, geodata), []);
});

test('Prague matches no zone', (t) => {
  t.deepEqual(matchEconomicZones({ latitude: 50.08804, longitude: 14.42076 }, geodata), []);
});
