// Reporters on the assessment of the hand-built aggregate in test/score/scenario-aggregate.ts.
// Its probabilities, scores and tests are worked out in test/score/score-places.test.ts. The
// values below are those, rounded as assessment.ts rounds them: 4 decimals, and 6 for expected
// counts and q-values.

import test from 'ava';
import { scoreAggregate } from '../../src/assess/assess.ts';
import type { RunContext } from '../../src/assess/aggregate-logs.ts';
import { worldPriorBaseline } from '../../src/baseline/create-baseline.ts';
import { loadWorldPrior } from '../../src/baseline/load-world-prior.ts';
import { FootprintError } from '../../src/errors.ts';
import type { Assessment } from '../../src/report/assessment.ts';
import { formatCsv } from '../../src/report/format-csv.ts';
import { formatExplain } from '../../src/report/format-explain.ts';
import { formatJson } from '../../src/report/format-json.ts';
import { formatTable } from '../../src/report/format-table.ts';
import { REPORTERS } from '../../src/report/reporters.ts';
import { defaultWeights } from '../../src/score/load-weights.ts';
import { buildScenario } from '../score/scenario-aggregate.ts';

const weights = defaultWeights();
const baseline = worldPriorBaseline(loadWorldPrior(), { minPriorShare: weights.test.min_prior_share, referencePseudoCount: weights.test.reference_pseudo_count });

function buildAssessment(): Assessment {
  const aggregate = buildScenario();
  aggregate.noteTime(1_719_820_800);
  aggregate.noteTime(1_719_914_400);
  aggregate.totals.connections = 20;
  aggregate.totals.attributed = 10;
  aggregate.totals.byCategory = { 'global-service': 5, 'local-news': 7 };
  const database = { databaseType: 'test database', buildDate: '2024-06-01', schema: 'maxmind', paths: ['/data/test.mmdb'] };
  const context: RunContext = {
    tally: { read: 25, used: 20, rejected: { 'invalid ts': 2 }, ignored: { 'no population endpoint': 3 } },
    rejectExamples: [{ reason: 'invalid ts', file: '/data/conn.log', line: 7, value: 'x' }],
    files: [],
    skippedFiles: [],
    distinctRemoteAddresses: 9,
    databases: { geoip: database, asn: database },
    populationDescription: '192.0.2.0/24',
  };
  return scoreAggregate(aggregate, context, baseline, weights, { inputs: ['logs'] });
}

const CSV_HEADER =
  'level,rank,place,country,city,status,present,probability,likelihood,confidence,score,' +
  'activity_observed,activity_expected,activity_rate_ratio,activity_q_value,' +
  'local_observed,local_expected,local_rate_ratio,local_q_value,' +
  'local_resources,categories,evidence_days,inbound_access_peers,resources,inbound_peers';

test('findings are ranked', (t) => {
  const assessment = buildAssessment();
  // CZ is ranked; FR has insufficient evidence and comes last without a rank.
  t.deepEqual(assessment.countries.map((finding) => [finding.place, finding.rank, finding.status]), [
    ['CZ', 1, 'ranked'],
    ['FR', null, 'insufficient evidence'],
  ]);
  t.deepEqual(assessment.countries[0].cities!.map((finding) => [finding.place, finding.rank]), [['CZ/Prague', 1]]);
});

test('formatCsv header and rows', (t) => {
  const lines = formatCsv(buildAssessment()).split('\n');
  t.is(lines[0], CSV_HEADER);
  // CZ: p 0.655752, logit 0.64442; activity 5.7 against 5.72 * 2.370385e-3 = 0.013559, posterior
  // mean 6.7 / 1.0135586 = 6.6104; local 4 against 4 * 1.403334e-3 = 0.005613, mean 5 / 1.0056133
  // = 4.9721. Both q-values round to 0.
  t.is(lines[1], 'country,1,CZ,CZ,,ranked,true,0.6558,likely,moderate,0.6444,5.7,0.013559,6.6104,0,4,0.005613,4.9721,0,2,local-news municipal-government,2,1,praha.eu idnes.cz,89.24.0.1');
  // 89.24.0.1 is the one inbound access peer that is not a scanner (one port, established).
  // Prague: p 0.232362, logit -0.6; activity 4.7 against 5.7 * 3.077273e-1 = 1.754046, mean
  // 5.7 / 2.754046 = 2.0697, q 0.047237; local 3 against 4 * 1.096509e-1 = 0.438604, mean
  // 4 / 1.438604 = 2.7805, q 0.010158.
  t.is(lines[2], 'city,1,CZ/Prague,CZ,Prague,ranked,false,0.2324,unlikely,low,-0.6,4.7,1.754046,2.0697,0.047237,3,0.438604,2.7805,0.010158,1,municipal-government,1,1,praha.eu,89.24.0.1');
  // FR: logit -4.4, p 0.0121; activity 0.02 against 5.72 * 2.265516e-2 = 0.129588, mean
  // 1.02 / 1.129588 = 0.903; local 0 against 4 * 8.842135e-3 = 0.035369, mean 1 / 1.035369.
  t.is(lines[3], 'country,,FR,FR,,insufficient evidence,false,0.0121,almost no chance,low,-4.4,0.02,0.129588,0.903,0.968397,0,0.035369,0.9658,1,0,,1,0,,');
  t.is(lines[4], '');
  t.is(lines.length, 5);
});

test('formatCsv quotes fields with commas', (t) => {
  const assessment = buildAssessment();
  assessment.countries[0].evidence.resources[0].resource = 'a,b.cz';
  t.true(formatCsv(assessment).split('\n')[1].endsWith(',"a,b.cz idnes.cz",89.24.0.1'));
});

test('formatJson is stable', (t) => {
  const first = formatJson(buildAssessment());
  t.is(formatJson(buildAssessment()), first);
  t.true(first.endsWith('}\n'));
  const parsed = JSON.parse(first) as Assessment;
  t.is(parsed.schema, 'footprint-assessment/1');
  t.is(parsed.countries[0].probability, 0.6558);
  // Two-space indentation.
  t.true(first.startsWith('{\n  "schema": "footprint-assessment/1",\n  "run": {\n'));
  t.is(REPORTERS.json(buildAssessment(), {}), first);
});

test('formatExplain lists the known countries', (t) => {
  const assessment = buildAssessment();
  const error = t.throws(() => formatExplain(assessment, 'de'), { instanceOf: FootprintError, message: 'no evidence at all for country DE in this run' });
  t.is(error?.hint, 'Countries with evidence: CZ, FR.');
});

test('formatExplain of a country and its cities', (t) => {
  const text = formatExplain(buildAssessment(), 'cz');
  const lines = text.split('\n');
  t.is(lines[0], '== CZ (rank 1)');
  t.is(lines[1], 'status: ranked; present: yes');
  t.is(lines[2], 'likelihood: likely (55-80%), p = 0.6558, score 0.6444');
  t.true(lines.includes('== CZ/Prague (rank 1)'));
  t.true(lines.includes('likelihood: unlikely (20-45%), p = 0.2324 (0.3543 given the country), score -0.6'));
  t.true(lines.includes('  praha.eu [municipal-government] CZ/Prague: 3 connection(s); list'));
  t.true(lines.includes('inbound peers on access networks: 1; scanner peers discounted: 2'));
});

test('formatTable contains ranked rows', (t) => {
  const lines = formatTable(buildAssessment()).split('\n');
  t.is(lines[0], 'footprint assessment (2024-07-01T08:00:00.000Z to 2024-07-02T10:00:00.000Z)');
  t.is(lines[2], 'rank  place        likelihood  p     confidence  present  evidence');
  // Evidence: 2 resources, 2 categories, 2 of 2 local days, activity out 5.2 / in 0.5, significant
  // activity with rate ratio 6.6104 shown as x6.6, one inbound access peer.
  t.is(lines[3], '1     CZ           likely      0.66  moderate    yes      2 local resource(s): praha.eu, idnes.cz; categories: local-news, municipal-government; 2/2 day(s); activity out 5.2 / in 0.5 (x6.6 baseline); 1 inbound access peer(s)');
  t.is(lines[4], '1       CZ/Prague  unlikely    0.23  low         no       1 local resource(s): praha.eu; categories: municipal-government; 1/2 day(s); activity out 4.2 / in 0.5; 1 inbound access peer(s)');
  // FR has insufficient evidence: counted, not listed.
  t.false(lines.some((line) => line.includes(' FR ')));
  t.true(lines.includes('1 country ranked, 1 with insufficient evidence.'));
  t.true(lines.includes('  records read 25, used 20, rejected 2, ignored 3'));
  // 5 of 20 connections to global services, 10 of 20 unattributed.
  t.true(lines.includes('  global services 25.0%, CDN and cloud 0.0%, VPN/Tor/VPS 0.0%, no domain attributed 50.0%, not geolocated 0.0%'));
});

test('formatTable top option', (t) => {
  const text = formatTable(buildAssessment(), { top: 0 });
  t.false(text.includes('CZ/Prague'));
  t.true(text.includes('1 country ranked (1 not shown; use --top), 1 with insufficient evidence.'));
});

test('formatExplain gives the reason a test failed', (t) => {
  // The rule: q at most the false discovery rate and the interval's lower bound above 1.
  const assessment = buildAssessment();
  const local = assessment.countries[0].evidence.local;
  local.significant = false;

  local.interval = [1.5, 3];
  local.qValue = 0.2;
  t.true(formatExplain(assessment, 'cz').includes(', q 0.2, not significant (q above the false discovery rate, test.false_discovery_rate in the weights)\n'));

  local.interval = [0.5, 3];
  t.true(formatExplain(assessment, 'cz').includes(', q 0.2, not significant (the interval does not lie above 1)\n'));
});
