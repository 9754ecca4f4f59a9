// Scenario file validation: each error names the file, the line and the entry, and the value.
// Expected messages are the ones parseScenarios builds; the line is where the entry's mapping starts.

import test from 'ava';
import path from 'node:path';
import { parseScenarios } from '../../src/evaluate/load-scenarios.ts';
import { ConfigError } from '../../src/errors.ts';

const FILE = '/data/scenarios.yaml';

const VALID = `- name: delhi
  inputs: [../logs/a, ../logs/b]
  population: 203.0.113.0/24, 198.51.100.7
  truth: { country: IN, city: Delhi }
  absent: [US, CN, US]
- name: prague
  inputs: [prague]
  population: [147.32.83.234]
  truth: { country: CZ }
`;

test('valid file parses', (t) => {
  const scenarios = parseScenarios(VALID, FILE);
  t.is(scenarios.length, 2);

  const [delhi, prague] = scenarios;
  t.is(delhi.name, 'delhi');
  t.deepEqual(delhi.inputs, ['../logs/a', '../logs/b']);
  // Resolved against the folder of the scenario file, /data.
  t.deepEqual(delhi.resolvedInputs, [path.resolve('/logs/a'), path.resolve('/logs/b')]);
  t.is(delhi.population, '203.0.113.0/24,198.51.100.7');
  t.deepEqual(delhi.truth, { country: 'IN', city: 'Delhi' });
  // Sorted, duplicates removed.
  t.deepEqual(delhi.absent, ['CN', 'US']);
  t.deepEqual(delhi.source, { file: FILE, line: 1 });

  t.is(prague.population, '147.32.83.234');
  t.deepEqual(prague.truth, { country: 'CZ' });
  t.deepEqual(prague.absent, []);
  t.is(prague.source.line, 6);
});

const ENTRY = (lines: string) => `- name: ok
  inputs: [a]
  population: 192.0.2.0/24
  truth: { country: CZ }
${lines}`;

const CASES: { title: string; text: string; message: string }[] = [
  {
    title: 'not a list',
    text: 'name: x\n',
    message: `scenario file ${FILE} must contain a non-empty YAML list of scenarios`,
  },
  {
    title: 'empty list',
    text: '[]\n',
    message: `scenario file ${FILE} must contain a non-empty YAML list of scenarios`,
  },
  {
    title: 'invalid YAML',
    text: '- name: [unclosed\n',
    message: `invalid YAML in scenario file ${FILE} at line 2, column 1: Flow sequence in block collection must be sufficiently indented and end with a ]`,
  },
  {
    title: 'entry not a mapping',
    text: '- just a string\n',
    message: `scenario file ${FILE} line 1, entry 1: expected a mapping, got "just a string"`,
  },
  {
    title: 'missing name',
    text: '- inputs: [a]\n',
    message: `scenario file ${FILE} line 1, entry 1: "name" must be a non-empty string, got undefined`,
  },
  {
    title: 'unknown key',
    text: ENTRY('  truht: { country: CZ }\n'),
    message: `scenario file ${FILE} line 1, entry 1: unknown key "truht"`,
  },
  {
    title: 'empty inputs',
    text: '- name: x\n  inputs: []\n',
    message: `scenario file ${FILE} line 1, entry 1 ("x"): "inputs" must be a non-empty list of paths, got []`,
  },
  {
    title: 'input not a string',
    text: '- name: x\n  inputs: [a, 3]\n',
    message: `scenario file ${FILE} line 1, entry 1 ("x"): "inputs[1]" must be a non-empty path, got 3`,
  },
  {
    title: 'invalid population',
    text: '- name: x\n  inputs: [a]\n  population: 300.1.2.3\n',
    message: `scenario file ${FILE} line 1, entry 1 ("x"): invalid "population": `,
  },
  {
    title: 'lower-case country',
    text: '- name: x\n  inputs: [a]\n  population: 192.0.2.1\n  truth: { country: cz }\n',
    message: `scenario file ${FILE} line 1, entry 1 ("x"): "truth.country" must be a two-letter upper-case ISO country code, got "cz"`,
  },
  {
    title: 'missing truth',
    text: '- name: x\n  inputs: [a]\n  population: 192.0.2.1\n',
    message: `scenario file ${FILE} line 1, entry 1 ("x"): "truth" must be a mapping such as { country: IN, city: Delhi }, got undefined`,
  },
  {
    title: 'unknown truth key',
    text: '- name: x\n  inputs: [a]\n  population: 192.0.2.1\n  truth: { country: CZ, town: Prague }\n',
    message: `scenario file ${FILE} line 1, entry 1 ("x"): unknown key "truth.town"`,
  },
  {
    title: 'absent not a code',
    text: ENTRY('  absent: [US, Germany]\n'),
    message: `scenario file ${FILE} line 1, entry 1 ("ok"): "absent[1]" must be a two-letter upper-case ISO country code, got "Germany"`,
  },
  {
    title: 'truth listed absent',
    text: ENTRY('  absent: [CZ]\n'),
    message: `scenario file ${FILE} line 1, entry 1 ("ok"): "absent[0]" is CZ, the truth country`,
  },
  {
    title: 'duplicate name on line 6',
    text: ENTRY('') + '\n' + ENTRY(''),
    message: `scenario file ${FILE} line 6, entry 2: name "ok" is already used by the entry at line 1`,
  },
];

for (const { title, text, message } of CASES) {
  test(`rejects ${title}`, (t) => {
    const error = t.throws(() => parseScenarios(text, FILE), { instanceOf: ConfigError });
    // The population message ends with the parser's own text, so only its start is fixed here.
    if (message.endsWith(': ')) t.true(error!.message.startsWith(message), error!.message);
    else t.is(error!.message, message);
    t.truthy(error!.hint);
  });
}
