// Reads a scenario file: labelled runs that `footprint evaluate` scores weights against.
// The file is a YAML list; each entry names its logs (paths relative to the scenario file),
// the monitored population, the true country and city, and countries that must not be present.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { ConfigError, InputError } from '../errors.ts';
import { parsePopulation } from '../population/index.ts';

export interface Scenario {
  name: string;
  /** Log files or folders as written in the scenario file, relative to it. */
  inputs: string[];
  /** The same inputs resolved against the scenario file's folder. */
  resolvedInputs: string[];
  /** Comma-separated CIDRs or addresses. */
  population: string;
  truth: { country: string; city?: string };
  /** Countries that must not be reported present, sorted. */
  absent: string[];
  /** File and 1-based line of the entry, for messages. */
  source: { file: string; line: number };
}

const SCENARIO_KEYS = ['name', 'inputs', 'population', 'truth', 'absent'];
const TRUTH_KEYS = ['country', 'city'];
const COUNTRY_CODE = /^[A-Z]{2}$/;
const EXAMPLE = 'See scenarios/demo.yaml for the layout: - { name, inputs: [paths], population: CIDRS, truth: { country: IN, city: Delhi }, absent: [CN] }.';

/** Reads and checks a scenario file; throws InputError or ConfigError naming the file, line and entry. */
export function loadScenarios(file: string): Scenario[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new InputError(`cannot read scenario file ${file}: ${(error as Error).message}`, 'Check the path given to `footprint evaluate`.');
  }
  return parseScenarios(text, file);
}

/** Parses the text of a scenario file; `file` names it in messages and anchors relative inputs. */
export function parseScenarios(text: string, file: string): Scenario[] {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter });
  if (document.errors.length > 0) {
    const first = document.errors[0];
    const position = first.linePos?.[0];
    // The yaml package ends its message's first line with " at line L, column C:" before a code excerpt.
    const problem = first.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
    const where = position ? ` at line ${position.line}, column ${position.col}` : '';
    throw new ConfigError(`invalid YAML in scenario file ${file}${where}: ${problem}`, EXAMPLE);
  }
  const root = document.contents;
  if (!isSeq(root) || root.items.length === 0) {
    throw new ConfigError(`scenario file ${file} must contain a non-empty YAML list of scenarios`, EXAMPLE);
  }

  const baseDir = path.dirname(path.resolve(file));
  const names = new Map<string, number>();
  const scenarios = root.items.map((item, index) => {
    const line = lineOf(item as Node, lineCounter);
    const scenario = readScenario((item as Node).toJSON(), { file, line, index, baseDir });
    const previous = names.get(scenario.name);
    if (previous !== undefined) {
      throw new ConfigError(`scenario file ${file} line ${line}, entry ${index + 1}: name "${scenario.name}" is already used by the entry at line ${previous}`, 'Give each scenario its own name.');
    }
    names.set(scenario.name, line);
    return scenario;
  });
  return scenarios;
}

function lineOf(node: Node | null, lineCounter: LineCounter): number {
  const offset = node?.range?.[0];
  return offset === undefined ? 0 : lineCounter.linePos(offset).line;
}

interface EntryContext {
  file: string;
  line: number;
  index: number;
  baseDir: string;
}

function readScenario(value: unknown, context: EntryContext): Scenario {
  // Until the name is known, messages name the entry by its position.
  let label = `entry ${context.index + 1}`;
  const fail = (problem: string, hint?: string): never => {
    throw new ConfigError(`scenario file ${context.file} line ${context.line}, ${label}: ${problem}`, hint ?? EXAMPLE);
  };

  if (!isPlainMapping(value)) return fail(`expected a mapping, got ${JSON.stringify(value)}`);
  for (const key of Object.keys(value).sort()) {
    if (!SCENARIO_KEYS.includes(key)) fail(`unknown key "${key}"`, `Known keys: ${SCENARIO_KEYS.join(', ')}.`);
  }

  if (typeof value.name !== 'string' || value.name.trim() === '') return fail(`"name" must be a non-empty string, got ${JSON.stringify(value.name)}`);
  const name = value.name.trim();
  label = `entry ${context.index + 1} ("${name}")`;

  if (!Array.isArray(value.inputs) || value.inputs.length === 0) return fail(`"inputs" must be a non-empty list of paths, got ${JSON.stringify(value.inputs)}`);
  const inputs = value.inputs.map((input, i) => {
    if (typeof input !== 'string' || input.trim() === '') return fail(`"inputs[${i}]" must be a non-empty path, got ${JSON.stringify(input)}`);
    return input.trim();
  });

  const population = readPopulation(value.population, fail);
  const truth = readTruth(value.truth, fail);

  const absentValue = value.absent ?? [];
  if (!Array.isArray(absentValue)) return fail(`"absent" must be a list of ISO country codes, got ${JSON.stringify(absentValue)}`);
  const absent = absentValue.map((code, i) => {
    if (typeof code !== 'string' || !COUNTRY_CODE.test(code)) return fail(`"absent[${i}]" must be a two-letter upper-case ISO country code, got ${JSON.stringify(code)}`);
    if (code === truth.country) return fail(`"absent[${i}]" is ${code}, the truth country`, 'A country cannot be both the truth and absent.');
    return code;
  });

  return {
    name,
    inputs,
    resolvedInputs: inputs.map((input) => path.resolve(context.baseDir, input)),
    population,
    truth,
    absent: [...new Set(absent)].sort(),
    source: { file: context.file, line: context.line },
  };
}

function readPopulation(value: unknown, fail: (problem: string, hint?: string) => never): string {
  const items = typeof value === 'string' ? value.split(',') : Array.isArray(value) ? value : undefined;
  if (!items || items.length === 0) return fail(`"population" must be CIDRs or addresses (a comma-separated string or a list), got ${JSON.stringify(value)}`);
  const cidrs = items.map((item) => {
    if (typeof item !== 'string' || item.trim() === '') return fail(`"population" must list CIDRs or addresses as strings, got ${JSON.stringify(item)}`);
    return item.trim();
  });
  const spec = cidrs.join(',');
  try {
    // Checked here so that a typo stops the evaluation before any log is read.
    parsePopulation(spec);
  } catch (error) {
    return fail(`invalid "population": ${(error as Error).message}`, 'Write CIDRs or addresses, for example 203.0.113.0/24.');
  }
  return spec;
}

function readTruth(value: unknown, fail: (problem: string, hint?: string) => never): Scenario['truth'] {
  if (!isPlainMapping(value)) return fail(`"truth" must be a mapping such as { country: IN, city: Delhi }, got ${JSON.stringify(value)}`);
  for (const key of Object.keys(value).sort()) {
    if (!TRUTH_KEYS.includes(key)) fail(`unknown key "truth.${key}"`, `Known keys: ${TRUTH_KEYS.join(', ')}.`);
  }
  if (typeof value.country !== 'string' || !COUNTRY_CODE.test(value.country)) {
    return fail(`"truth.country" must be a two-letter upper-case ISO country code, got ${JSON.stringify(value.country)}`);
  }
  if (value.city === undefined || value.city === null) return { country: value.country };
  if (typeof value.city !== 'string' || value.city.trim() === '') return fail(`"truth.city" must be a non-empty string, got ${JSON.stringify(value.city)}`);
  return { country: value.country, city: value.city.trim() };
}

function isPlainMapping(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
