// Loads heuristic weights from YAML, checked against the shipped defaults: every key must be one
// the defaults know, with the same type, and within its range. A partial file overrides only
// the keys it sets.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { ConfigError, InputError } from '../errors.ts';
import type { Category } from '../types.ts';

export const DEFAULT_WEIGHTS_PATH = path.resolve(import.meta.dirname, '../../heuristics/default.yaml');

export interface Weights {
  version: number;
  counting: {
    inbound_weight: number;
    failed_weight: number;
    scanner_min_ports: number;
    /** Weight of a local-resource connection by category; categories not listed weigh 1. */
    category_weights: Partial<Record<Category, number>>;
  };
  test: {
    prior_shape: number;
    prior_rate: number;
    credible_mass: number;
    false_discovery_rate: number;
    reference_pseudo_count: number;
    min_prior_share: number;
  };
  score: {
    bias: number;
    city_bias: number;
    weights: Record<FeatureName, number>;
    caps: { activity_excess: number; local_excess: number; local_resources: number; local_categories: number };
    working_hours: [number, number];
    working_hours_min_events: number;
  };
  confidence: {
    events_moderate: number;
    events_high: number;
    days_for_point: number;
    categories_for_point: number;
    accuracy_km_for_point: number;
    ambiguity_for_point: number;
    moderate: number;
    high: number;
  };
  insufficient: { min_events: number; min_local_resources: number };
  present_min_probability: number;
}

export const FEATURE_NAMES = [
  'activity_excess',
  'local_excess',
  'local_resources',
  'local_categories',
  'persistence',
  'inbound_access_peers',
  'working_hours',
] as const;
export type FeatureName = (typeof FEATURE_NAMES)[number];

// Ranges of the keys that have one; other numbers only need to be finite.
// Hint of every error about a value: where the keys, their meaning and their defaults are.
const VALUE_HINT = 'heuristics/README.md describes each key; heuristics/default.yaml has the defaults.';

const RANGES: Record<string, [number, number]> = {
  'counting.inbound_weight': [0, 10],
  'counting.failed_weight': [0, 1],
  'counting.scanner_min_ports': [1, 65535],
  'test.prior_shape': [1e-6, 1e6],
  'test.prior_rate': [1e-6, 1e6],
  'test.credible_mass': [0.5, 0.999],
  'test.false_discovery_rate': [1e-6, 0.5],
  'test.reference_pseudo_count': [0, 1e9],
  'test.min_prior_share': [1e-12, 0.01],
  'score.working_hours': [0, 24],
  'confidence.ambiguity_for_point': [0, 1],
  present_min_probability: [0.01, 0.99],
};
for (const category of ['local-news', 'national-government', 'municipal-government', 'university', 'economic-zone', 'national-platform', 'other']) {
  RANGES[`counting.category_weights.${category}`] = [0, 10];
}

let defaults: Weights | undefined;

/** Returns the shipped defaults, read once from heuristics/default.yaml. */
export function defaultWeights(): Weights {
  defaults ??= parseWeightsFile(DEFAULT_WEIGHTS_PATH, undefined);
  return structuredClone(defaults);
}

/** Loads a weights file over the defaults; throws ConfigError naming the file and key on bad values. */
export function loadWeights(file?: string): Weights {
  if (!file) return defaultWeights();
  return parseWeightsFile(file, defaultWeights());
}

function parseWeightsFile(file: string, base: Weights | undefined): Weights {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new InputError(`cannot read weights file ${file}: ${(error as Error).message}`, 'Check the path given to --weights.');
  }

  const document = parseDocument(text);
  if (document.errors.length > 0) {
    const first = document.errors[0];
    const line = first.linePos?.[0]?.line;
    throw new ConfigError(`invalid YAML in weights file ${file}${line ? ` at line ${line}` : ''}: ${firstLine(first.message)}`, 'Fix the YAML syntax; heuristics/default.yaml shows the expected layout.');
  }
  const data: unknown = document.toJS();
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new ConfigError(`weights file ${file} must contain a YAML mapping`, 'Start from a copy of heuristics/default.yaml.');
  }
  if (!base) return data as Weights;

  const merged = structuredClone(base);
  mergeChecked(merged as unknown as Record<string, unknown>, data as Record<string, unknown>, '', file);
  checkRelations(merged, file);
  return merged;
}

// The yaml package ends its message's first line with ":" before a code excerpt on the next lines.
function firstLine(message: string): string {
  return message.split('\n')[0].replace(/:$/, '');
}

function mergeChecked(target: Record<string, unknown>, source: Record<string, unknown>, prefix: string, file: string): void {
  for (const [key, value] of Object.entries(source)) {
    const keyPath = prefix ? `${prefix}.${key}` : key;
    // Own keys only: `in` also finds inherited ones, which let "constructor" or "toString" pass as known.
    if (!Object.hasOwn(target, key)) {
      throw new ConfigError(`unknown key "${keyPath}" in weights file ${file}`, `Known keys at this level: ${Object.keys(target).join(', ')}.`);
    }

    const expected = target[key];
    if (typeof expected === 'number') {
      target[key] = checkNumber(value, keyPath, file);
    } else if (Array.isArray(expected)) {
      if (!Array.isArray(value) || value.length !== expected.length) {
        throw new ConfigError(`"${keyPath}" in weights file ${file} must be a list of ${expected.length} numbers, got ${JSON.stringify(value)}`, VALUE_HINT);
      }
      target[key] = value.map((item) => checkNumber(item, keyPath, file));
    } else if (typeof expected === 'object' && expected !== null) {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        throw new ConfigError(`"${keyPath}" in weights file ${file} must be a mapping, got ${JSON.stringify(value)}`, VALUE_HINT);
      }
      mergeChecked(expected as Record<string, unknown>, value as Record<string, unknown>, keyPath, file);
    }
  }
}

function checkNumber(value: unknown, keyPath: string, file: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new ConfigError(`"${keyPath}" in weights file ${file} must be a number, got ${JSON.stringify(value)}`, VALUE_HINT);
  }
  const range = RANGES[keyPath];
  if (range && (value < range[0] || value > range[1])) {
    throw new ConfigError(`"${keyPath}" in weights file ${file} is ${value}, outside the valid range ${range[0]} to ${range[1]}`, VALUE_HINT);
  }
  return value;
}

function checkRelations(weights: Weights, file: string): void {
  const [start, end] = weights.score.working_hours;
  if (start >= end) throw new ConfigError(`"score.working_hours" in weights file ${file} must have start < end, got [${start}, ${end}]`, VALUE_HINT);
  if (weights.confidence.moderate > weights.confidence.high) {
    throw new ConfigError(`"confidence.moderate" (${weights.confidence.moderate}) must not exceed "confidence.high" (${weights.confidence.high}) in weights file ${file}`, VALUE_HINT);
  }
}
