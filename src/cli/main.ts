// Command line: parses arguments, runs the core, prints results and errors, sets the exit code.
// Exit codes: 0 success, 1 failed run (bad input, data or configuration), 2 usage error.

import { writeFileSync } from 'node:fs';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { assess } from '../assess/assess.ts';
import { aggregateLogs, type AggregateOptions } from '../assess/aggregate-logs.ts';
import { readAggregate } from '../assess/assess.ts';
import { Aggregate } from '../aggregate/aggregate.ts';
import { loadWeights } from '../score/load-weights.ts';
import { REPORTERS } from '../report/reporters.ts';
import { formatExplain, formatExplainJson } from '../report/format-explain.ts';
import { FootprintError, InputError } from '../errors.ts';
import { evaluate } from '../evaluate/evaluate-scenarios.ts';
import { formatEvaluationJson, formatEvaluationTable } from '../evaluate/format-evaluation.ts';
import { HELP, COMMAND_HELP } from './help.ts';

class UsageError extends FootprintError {}

const COMMON_OPTIONS = {
  population: { type: 'string', short: 'p' },
  'input-format': { type: 'string' },
  geoip: { type: 'string' },
  asn: { type: 'string' },
  'tor-exits': { type: 'string' },
  geodata: { type: 'string' },
  weights: { type: 'string' },
  'dns-window': { type: 'string' },
  out: { type: 'string', short: 'o' },
  quiet: { type: 'boolean', short: 'q' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsConfig['options'];

type ParsedCommonOptions = { [K in keyof typeof COMMON_OPTIONS]?: (typeof COMMON_OPTIONS)[K]['type'] extends 'boolean' ? boolean : string };

const ASSESS_OPTIONS = {
  ...COMMON_OPTIONS,
  baseline: { type: 'string' },
  format: { type: 'string', short: 'f' },
  explain: { type: 'string' },
  top: { type: 'string' },
  'top-cities': { type: 'string' },
  'all-evidence': { type: 'boolean' },
} as const satisfies ParseArgsConfig['options'];

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command) throw new UsageError('missing command', 'Commands: assess, aggregate, merge, evaluate. Run `footprint --help` for the usage.');
  if (command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(HELP);
    return 0;
  }
  if (command === '--version' || command === '-V') {
    process.stdout.write('footprint 0.1.0\n');
    return 0;
  }

  switch (command) {
    case 'assess':
      return runAssess(rest);
    case 'aggregate':
      return runAggregate(rest);
    case 'merge':
      return runMerge(rest);
    case 'evaluate':
      return runEvaluate(rest);
    default:
      throw new UsageError(`unknown command "${command}"`, 'Commands: assess, aggregate, merge, evaluate. Run `footprint --help`.');
  }
}

function parse<T extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: T, command: string) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    // node:util reports an unknown option in a long message about '--', so it is reworded here
    // with the nearest known option.
    const unknown = /^Unknown option '(-{1,2}[^']*)'/.exec((error as Error).message)?.[1];
    if (unknown) {
      const suggestion = closestOption(unknown.replace(/^-+/, ''), Object.keys(options));
      throw new UsageError(`unknown option ${unknown}${suggestion ? ` (did you mean --${suggestion}?)` : ''}`, `Run \`footprint ${command} --help\` for the options.`);
    }
    throw new UsageError((error as Error).message, `Run \`footprint ${command} --help\` for the options.`);
  }
}

/** Returns the option name nearest to `name` by edit distance, if it is within two edits. */
function closestOption(name: string, candidates: string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of candidates) {
    const distance = editDistance(name, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** Levenshtein distance: insertions, deletions and substitutions of one character each cost 1. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

function positiveInteger(value: string | undefined, option: string, fallback: number): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new UsageError(`--${option} must be a whole number of 1 or more, got "${value}"`);
  return number;
}

function progress(quiet: boolean | undefined) {
  return quiet ? undefined : (message: string) => process.stderr.write(`footprint: ${message}\n`);
}

function output(text: string, out: string | undefined): void {
  if (!out) {
    process.stdout.write(text);
    return;
  }
  try {
    writeFileSync(out, text);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const hint = code === 'EISDIR' ? 'Give a file name inside that folder, for example --out report.json.' : 'Check that its folder exists and is writable, or leave out --out to write to standard output.';
    throw new InputError(`cannot write output file ${out}: ${describeWriteError(error as NodeJS.ErrnoException)}`, hint);
  }
}

function describeWriteError(error: NodeJS.ErrnoException): string {
  if (error.code === 'ENOENT') return 'its folder does not exist (ENOENT)';
  if (error.code === 'EISDIR') return 'it is a folder (EISDIR)';
  if (error.code === 'EACCES' || error.code === 'EPERM') return `permission denied (${error.code})`;
  return error.message;
}

/** Rejects an empty --population, which would otherwise fall back to Zeek's local flags unseen. */
function population(value: string | undefined): string | undefined {
  if (value !== undefined && value.trim() === '') {
    throw new UsageError('--population is empty', 'Give comma-separated CIDRs or addresses, or a file of them, for example --population 192.0.2.0/24.');
  }
  return value;
}

async function runAssess(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, ASSESS_OPTIONS, 'assess');
  if (values.help) {
    process.stdout.write(COMMAND_HELP.assess);
    return 0;
  }
  if (positionals.length === 0) throw new UsageError('assess needs at least one log file or folder', 'Example: footprint assess logs/ --population 192.0.2.0/24');

  const format = values.format ?? 'table';
  if (!(format in REPORTERS)) throw new UsageError(`unknown --format "${format}"`, `Formats: ${Object.keys(REPORTERS).join(', ')}.`);
  if (values.explain && format !== 'table' && format !== 'json') {
    throw new UsageError(`--explain writes text or JSON, not ${format}`, 'Leave out --format for text, or add --format json.');
  }
  const top = positiveInteger(values.top, 'top', 10);
  const topCities = positiveInteger(values['top-cities'], 'top-cities', 5);

  const assessment = await assess({
    ...aggregateOptions(values, positionals),
    weightsPath: values.weights,
    baselinePath: values.baseline,
    resourceLimit: values['all-evidence'] || values.explain ? Infinity : 10,
  });

  let text: string;
  if (values.explain) {
    // --explain writes text, or with --format json the country's finding as JSON.
    text = format === 'json' ? formatExplainJson(assessment, values.explain) : formatExplain(assessment, values.explain);
  } else {
    text = REPORTERS[format](assessment, { top, topCities });
  }
  output(text, values.out);
  if (values.out && !values.quiet) process.stderr.write(`footprint: wrote ${values.out}\n`);
  if (assessment.dataQuality.connections === 0) {
    // Not an error: the logs were valid, but nothing in them concerns the population.
    const connLines = assessment.dataQuality.files.filter((file) => file.kind === 'conn').reduce((sum, file) => sum + file.read, 0);
    const warning =
      connLines === 0
        ? 'the connection logs hold no records, only headers or blank lines; check that they are complete.'
        : 'no connection has exactly one end in the population; check --population against the addresses in the logs.';
    process.stderr.write(`footprint: warning: ${warning}\n`);
  }
  return 0;
}

/** Maps the options that assess and aggregate share to the core's aggregation options. */
function aggregateOptions(values: ParsedCommonOptions, positionals: string[]): AggregateOptions {
  return {
    inputs: positionals,
    population: population(values.population),
    inputFormat: values['input-format'],
    geoipPath: values.geoip,
    asnPath: values.asn,
    torExitsPath: values['tor-exits'],
    geodataDir: values.geodata,
    dnsWindowSeconds: positiveInteger(values['dns-window'], 'dns-window', 3600),
    onProgress: progress(values.quiet),
  };
}

async function runAggregate(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, COMMON_OPTIONS, 'aggregate');
  if (values.help) {
    process.stdout.write(COMMAND_HELP.aggregate);
    return 0;
  }
  if (positionals.length === 0) throw new UsageError('aggregate needs at least one log file or folder');

  const weights = loadWeights(values.weights);
  const { aggregate, context } = await aggregateLogs({ ...aggregateOptions(values, positionals), failedWeight: weights.counting.failed_weight });
  output(JSON.stringify(aggregate.toJSON()) + '\n', values.out);
  if (!values.quiet) {
    const rejected = Object.values(context.tally.rejected).reduce((sum, count) => sum + count, 0);
    process.stderr.write(`footprint: records read ${context.tally.read}, used ${context.tally.used}, rejected ${rejected}; ${aggregate.totals.connections} connections aggregated\n`);
  }
  return 0;
}

async function runMerge(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, { out: COMMON_OPTIONS.out, quiet: COMMON_OPTIONS.quiet, help: COMMON_OPTIONS.help }, 'merge');
  if (values.help) {
    process.stdout.write(COMMAND_HELP.merge);
    return 0;
  }
  if (positionals.length === 0) throw new UsageError('merge needs at least one aggregate file');

  const merged = new Aggregate();
  for (const file of positionals) merged.merge(readAggregate(file));
  output(JSON.stringify(merged.toJSON()) + '\n', values.out);
  return 0;
}

async function runEvaluate(args: string[]): Promise<number> {
  const options = {
    weights: { type: 'string', multiple: true },
    format: { type: 'string', short: 'f' },
    out: COMMON_OPTIONS.out,
    quiet: COMMON_OPTIONS.quiet,
    help: COMMON_OPTIONS.help,
  } as const satisfies ParseArgsConfig['options'];
  const { values, positionals } = parse(args, options, 'evaluate');
  if (values.help) {
    process.stdout.write(COMMAND_HELP.evaluate);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError('evaluate needs exactly one scenario file', 'Example: footprint evaluate scenarios/demo.yaml --weights heuristics/default.yaml');
  const format = values.format ?? 'table';
  if (format !== 'table' && format !== 'json') throw new UsageError(`unknown --format "${format}"`, 'Formats: table, json.');

  const evaluation = await evaluate(positionals[0], { weightsPaths: values.weights, onProgress: progress(values.quiet) });
  output(format === 'json' ? formatEvaluationJson(evaluation) : formatEvaluationTable(evaluation), values.out);
  return 0;
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  if (error instanceof FootprintError) {
    process.stderr.write(`footprint: error: ${error.message}\n`);
    if (error.hint) process.stderr.write(`footprint: ${error.hint}\n`);
    process.exitCode = error instanceof UsageError ? 2 : 1;
  } else {
    // An unexpected error is a defect in footprint, not in the input, so the message reports a bug.
    process.stderr.write(`footprint: internal error: ${(error as Error)?.message ?? String(error)}\n`);
    process.stderr.write('footprint: this is a bug in footprint; rerun with FOOTPRINT_DEBUG=1 for the stack trace and report it with the command line.\n');
    if (process.env.FOOTPRINT_DEBUG) process.stderr.write(`${(error as Error)?.stack ?? ''}\n`);
    process.exitCode = 70;
  }
}
