import test from 'ava';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, InputError } from '../../src/errors.ts';
import { DEFAULT_WEIGHTS_PATH, defaultWeights, loadWeights } from '../../src/score/load-weights.ts';

const folder = mkdtempSync(join(tmpdir(), 'footprint-weights-'));

function weightsFile(name: string, text: string): string {
  const file = join(folder, name);
  writeFileSync(file, text);
  return file;
}

test('defaults load from default.yaml', (t) => {
  // Values as written in heuristics/default.yaml.
  const weights = loadWeights();
  t.true(DEFAULT_WEIGHTS_PATH.endsWith(join('heuristics', 'default.yaml')));
  t.is(weights.version, 1);
  t.is(weights.counting.inbound_weight, 0.5);
  t.is(weights.counting.failed_weight, 0.02);
  t.is(weights.counting.scanner_min_ports, 3);
  t.is(weights.test.credible_mass, 0.9);
  t.is(weights.test.min_prior_share, 1e-6);
  t.is(weights.score.bias, -5);
  t.is(weights.score.city_bias, -3.5);
  t.is(weights.score.weights.local_resources, 1.1);
  t.deepEqual(weights.score.working_hours, [8, 21]);
  t.is(weights.present_min_probability, 0.55);
});

test('defaults are copies', (t) => {
  const first = defaultWeights();
  first.score.bias = 100;
  first.score.working_hours[0] = 0;
  t.is(defaultWeights().score.bias, -5);
  t.deepEqual(defaultWeights().score.working_hours, [8, 21]);
});

test('partial file overrides only its keys', (t) => {
  const file = weightsFile('partial.yaml', 'score:\n  bias: -4\n  weights:\n    persistence: 2\ncounting:\n  failed_weight: 0.1\n');
  const weights = loadWeights(file);
  const expected = defaultWeights();
  expected.score.bias = -4;
  expected.score.weights.persistence = 2;
  expected.counting.failed_weight = 0.1;
  t.deepEqual(weights, expected);
});

test('unknown key is rejected', (t) => {
  const file = weightsFile('unknown.yaml', 'score:\n  weights:\n    loudness: 1\n');
  const error = t.throws(() => loadWeights(file), { instanceOf: ConfigError, message: `unknown key "score.weights.loudness" in weights file ${file}` });
  t.is(error?.hint, 'Known keys at this level: activity_excess, local_excess, local_resources, local_categories, persistence, inbound_access_peers, working_hours.');
});

test('inherited names are unknown keys', (t) => {
  // "constructor" and "toString" are properties of every object, not weights.
  const top = weightsFile('constructor.yaml', 'constructor: 1\n');
  t.throws(() => loadWeights(top), { instanceOf: ConfigError, message: `unknown key "constructor" in weights file ${top}` });
  const nested = weightsFile('to-string.yaml', 'score:\n  toString: 3\n');
  t.throws(() => loadWeights(nested), { instanceOf: ConfigError, message: `unknown key "score.toString" in weights file ${nested}` });
  const proto = weightsFile('proto.yaml', '__proto__:\n  polluted: 1\n');
  t.throws(() => loadWeights(proto), { instanceOf: ConfigError, message: `unknown key "__proto__" in weights file ${proto}` });
  t.is(({} as Record<string, unknown>).polluted, undefined);
});

test('wrong type is rejected', (t) => {
  const text = weightsFile('text.yaml', 'counting:\n  inbound_weight: high\n');
  t.throws(() => loadWeights(text), { instanceOf: ConfigError, message: `"counting.inbound_weight" in weights file ${text} must be a number, got "high"` });

  const mapping = weightsFile('scalar-section.yaml', 'score: 3\n');
  t.throws(() => loadWeights(mapping), { instanceOf: ConfigError, message: `"score" in weights file ${mapping} must be a mapping, got 3` });

  const list = weightsFile('short-list.yaml', 'score:\n  working_hours: [9]\n');
  t.throws(() => loadWeights(list), { instanceOf: ConfigError, message: `"score.working_hours" in weights file ${list} must be a list of 2 numbers, got [9]` });

  const notMapping = weightsFile('list.yaml', '- 1\n- 2\n');
  t.throws(() => loadWeights(notMapping), { instanceOf: ConfigError, message: `weights file ${notMapping} must contain a YAML mapping` });
});

test('out-of-range value is rejected', (t) => {
  // credible_mass must lie in [0.5, 0.999] (RANGES in load-weights.ts).
  const mass = weightsFile('mass.yaml', 'test:\n  credible_mass: 1.5\n');
  t.throws(() => loadWeights(mass), { instanceOf: ConfigError, message: `"test.credible_mass" in weights file ${mass} is 1.5, outside the valid range 0.5 to 0.999` });

  // Each element of working_hours must lie in [0, 24].
  const hours = weightsFile('hours-range.yaml', 'score:\n  working_hours: [8, 25]\n');
  t.throws(() => loadWeights(hours), { instanceOf: ConfigError, message: `"score.working_hours" in weights file ${hours} is 25, outside the valid range 0 to 24` });
});

test('bad YAML names its line', (t) => {
  // The repeated key "bias" is on line 3.
  const file = weightsFile('duplicate.yaml', 'score:\n  bias: -4\n  bias: -3\n');
  const error = t.throws(() => loadWeights(file), { instanceOf: ConfigError });
  t.is(error?.message, `invalid YAML in weights file ${file} at line 3: Map keys must be unique at line 3, column 3`);
  t.is(error?.hint, 'Fix the YAML syntax; heuristics/default.yaml shows the expected layout.');
});

test('working hours must start before end', (t) => {
  const reversed = weightsFile('hours-reversed.yaml', 'score:\n  working_hours: [21, 8]\n');
  t.throws(() => loadWeights(reversed), { instanceOf: ConfigError, message: `"score.working_hours" in weights file ${reversed} must have start < end, got [21, 8]` });
  const empty = weightsFile('hours-empty.yaml', 'score:\n  working_hours: [9, 9]\n');
  t.throws(() => loadWeights(empty), { instanceOf: ConfigError, message: `"score.working_hours" in weights file ${empty} must have start < end, got [9, 9]` });
});

test('moderate above high is rejected', (t) => {
  // Default high is 5.
  const file = weightsFile('confidence.yaml', 'confidence:\n  moderate: 6\n');
  t.throws(() => loadWeights(file), { instanceOf: ConfigError, message: `"confidence.moderate" (6) must not exceed "confidence.high" (5) in weights file ${file}` });
});

test('missing file is an InputError', (t) => {
  const file = join(folder, 'absent.yaml');
  const error = t.throws(() => loadWeights(file), { instanceOf: InputError });
  t.true(error?.message.startsWith(`cannot read weights file ${file}: ENOENT`), error?.message);
  t.is(error?.hint, 'Check the path given to --weights.');
});
