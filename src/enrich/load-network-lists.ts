// Loads and validates the curated network class lists (geodata/networks/*.yaml).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ConfigError, DataError } from '../errors.ts';
import type { NetworkClass } from '../types.ts';

/** One named operator in a list. */
export interface NetworkListEntry {
  name: string;
  asns: number[];
  /** ISO 3166-1 alpha-2 where the operator serves one country. */
  country?: string;
  note?: string;
}

export interface PlatformEntry extends NetworkListEntry {
  scope: 'global' | 'national';
}

export interface NetworkList {
  /** File name without directory, for classSource. */
  file: string;
  networkClass: NetworkClass;
  byAsn: ReadonlyMap<number, NetworkListEntry>;
}

export interface NetworkPattern {
  networkClass: NetworkClass;
  pattern: RegExp;
}

export interface NetworkLists {
  platforms: ReadonlyMap<number, PlatformEntry>;
  /** AS lists in check order after the platforms. */
  lists: NetworkList[];
  patterns: NetworkPattern[];
  /** Tor exit addresses (canonical text), from loadTorExits; optional. */
  torExits?: ReadonlySet<string>;
}

/** AS list files after platforms.yaml, in the order the classifier checks them. */
export const NETWORK_LIST_FILES = ['cdn.yaml', 'cloud-hosting.yaml', 'opsec.yaml', 'education.yaml', 'government.yaml', 'access-isp.yaml'];

const NETWORK_CLASSES: readonly NetworkClass[] = [
  'global-platform', 'cdn', 'cloud-hosting', 'opsec', 'access-isp', 'education', 'government', 'unknown',
];

export const DEFAULT_NETWORK_LISTS_DIR = fileURLToPath(new URL('../../geodata/networks/', import.meta.url));

/** Reads platforms.yaml, the AS lists and patterns.yaml from `dir`. Throws DataError naming the file and entry. */
export function loadNetworkLists(dir: string = DEFAULT_NETWORK_LISTS_DIR): NetworkLists {
  const platformsDocument = readYaml(dir, 'platforms.yaml');
  const platformEntries = parseEntries(platformsDocument, 'platforms.yaml');
  const platforms = new Map<number, PlatformEntry>();
  platformEntries.forEach((entry, index) => {
    const raw = (platformsDocument.entries as Record<string, unknown>[])[index];
    const scope = raw.scope;
    if (scope !== 'global' && scope !== 'national') {
      fail('platforms.yaml', `entry ${index + 1} (${entry.name}): scope must be "global" or "national", got ${JSON.stringify(scope)}`);
    }
    if (scope === 'national' && entry.country === undefined) {
      fail('platforms.yaml', `entry ${index + 1} (${entry.name}): a national platform needs a country`);
    }
    const platform: PlatformEntry = { ...entry, scope };
    for (const asn of entry.asns) platforms.set(asn, platform);
  });

  const lists = NETWORK_LIST_FILES.map((file) => {
    const document = readYaml(dir, file);
    const networkClass = parseClass(document.class, file, 'class');
    const byAsn = new Map<number, NetworkListEntry>();
    for (const entry of parseEntries(document, file)) {
      for (const asn of entry.asns) byAsn.set(asn, entry);
    }
    return { file, networkClass, byAsn };
  });

  return { platforms, lists, patterns: parsePatterns(readYaml(dir, 'patterns.yaml')) };
}

function readYaml(dir: string, file: string): Record<string, unknown> {
  const path = join(dir, file);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new ConfigError(`network list ${path} not found or not readable`, 'Pass the folder that contains the network lists (geodata/networks).');
  }
  let document: unknown;
  try {
    document = parse(text);
  } catch (error) {
    fail(file, `invalid YAML: ${(error as Error).message}`);
  }
  if (typeof document !== 'object' || document === null || Array.isArray(document)) fail(file, 'expected a mapping at the top level');
  const mapping = document as Record<string, unknown>;
  for (const key of ['source', 'licence']) {
    if (typeof mapping[key] !== 'string' || (mapping[key] as string).trim() === '') fail(file, `missing "${key}:" field`);
  }
  return mapping;
}

function parseEntries(document: Record<string, unknown>, file: string): NetworkListEntry[] {
  if (document.class !== undefined) parseClass(document.class, file, 'class');
  if (!Array.isArray(document.entries)) fail(file, 'missing "entries:" list');
  const seen = new Map<number, string>();

  return (document.entries as unknown[]).map((raw, index) => {
    const where = `entry ${index + 1}`;
    if (typeof raw !== 'object' || raw === null) fail(file, `${where}: expected a mapping with name and asns`);
    const entry = raw as Record<string, unknown>;
    const name = entry.name;
    if (typeof name !== 'string' || name.trim() === '') fail(file, `${where}: missing name`);
    const label = `${where} (${name})`;

    if (!Array.isArray(entry.asns) || entry.asns.length === 0) fail(file, `${label}: asns must be a non-empty list of AS numbers`);
    const asns = entry.asns as unknown[];
    for (const asn of asns) {
      if (typeof asn !== 'number' || !Number.isInteger(asn) || asn < 1 || asn > 0xffffffff) {
        fail(file, `${label}: invalid AS number ${JSON.stringify(asn)}`);
      }
      const previous = seen.get(asn);
      if (previous !== undefined) fail(file, `${label}: AS${asn} is already listed under ${previous}`);
      seen.set(asn, name);
    }

    const country = entry.country;
    if (country !== undefined && (typeof country !== 'string' || !/^[A-Z]{2}$/.test(country))) {
      fail(file, `${label}: country must be an upper-case ISO 3166-1 alpha-2 code, got ${JSON.stringify(country)}`);
    }
    const result: NetworkListEntry = { name, asns: asns as number[] };
    if (country !== undefined) result.country = country as string;
    if (typeof entry.note === 'string') result.note = entry.note;
    return result;
  });
}

function parseClass(value: unknown, file: string, field: string): NetworkClass {
  if (typeof value !== 'string' || !NETWORK_CLASSES.includes(value as NetworkClass)) {
    fail(file, `${field} must be one of ${NETWORK_CLASSES.join(', ')}, got ${JSON.stringify(value)}`);
  }
  return value as NetworkClass;
}

function parsePatterns(document: Record<string, unknown>): NetworkPattern[] {
  const file = 'patterns.yaml';
  if (!Array.isArray(document.patterns)) fail(file, 'missing "patterns:" list');
  return (document.patterns as unknown[]).map((raw, index) => {
    const entry = (raw ?? {}) as Record<string, unknown>;
    const networkClass = parseClass(entry.class, file, `pattern ${index + 1}: class`);
    if (typeof entry.pattern !== 'string' || entry.pattern === '') fail(file, `pattern ${index + 1}: missing pattern`);
    try {
      return { networkClass, pattern: new RegExp(entry.pattern as string, 'i') };
    } catch (error) {
      return fail(file, `pattern ${index + 1}: invalid regular expression: ${(error as Error).message}`);
    }
  });
}

function fail(file: string, what: string): never {
  throw new DataError(`network list ${file}: ${what}`, 'Fix the entry in geodata/networks (see SOURCES.md there for the format).');
}
