import test, { type ExecutionContext } from 'ava';
import { compileIpv4AsnCsv, compileIpv6AsnCsv, createOrganizationTable } from '../../src/enrich/compile-asn-csv.ts';
import { readFile } from 'node:fs/promises';
import { embeddedAsnPaths, openAsnDatabase, type AsnDatabase } from '../../src/enrich/open-asn.ts';
import { DataError } from '../../src/errors.ts';
import { hasMaxmindTestData, testDatabase } from './dataset-paths.ts';
import { mulberry32 } from '../../src/util/mulberry32.ts';

// Declares a test that needs ../shared/datasets, skipped with the reason in its title without it.
const withData = (title: string, implementation: (t: ExecutionContext) => unknown) =>
  (hasMaxmindTestData ? test : test.skip)(hasMaxmindTestData ? title : `${title} (skipped: ../shared/datasets is absent)`, implementation);

let embedded: Promise<AsnDatabase> | undefined;
const openEmbedded = () => (embedded ??= openAsnDatabase());

// Expected values: GeoLite2-ASN-Test.json in the MaxMind test data, entries
// "1.128.0.0/11", "12.81.92.0/22", "216.160.83.56/29" (no organization) and "2600:6000::/20".
withData('GeoLite2-ASN test database', async (t) => {
  const asn = await openAsnDatabase({ path: testDatabase('GeoLite2-ASN-Test.mmdb') });
  t.is(asn.info.databaseType, 'GeoLite2-ASN');
  t.deepEqual(asn.lookup('1.128.0.0'), { asn: 1221, organization: 'Telstra Pty Ltd', network: '1.128.0.0/11' });
  t.deepEqual(asn.lookup('12.81.92.1'), { asn: 7018, organization: 'AT&T Services', network: '12.81.92.0/22' });
  t.deepEqual(asn.lookup('216.160.83.56'), { asn: 209, network: '216.160.64.0/18' });
  t.deepEqual(asn.lookup('2600:6000::1'), { asn: 237, organization: 'Merit Network Inc.', network: '2600:6000::/20' });
  t.is(asn.lookup('10.0.0.1'), undefined);
});

// GeoIP2-ISP-Test.mmdb record for 216.160.83.56/29: AS209, isp "Century Link", organization "Lariat Software".
withData('GeoIP2-ISP test database', async (t) => {
  const asn = await openAsnDatabase({ path: testDatabase('GeoIP2-ISP-Test.mmdb') });
  const record = asn.lookup('216.160.83.56');
  t.is(record?.asn, 209);
  t.is(record?.organization, 'Century Link');
  t.is(record?.isp, 'Century Link');
  t.is(record?.ispOrganization, 'Lariat Software');
});

withData('City database rejected as ASN', async (t) => {
  const error = await t.throwsAsync(openAsnDatabase({ path: testDatabase('GeoIP2-City-Test.mmdb') }), { instanceOf: DataError });
  t.regex(error!.message, /has the unsupported type "GeoIP2-City"$/);
});

// Expected values: rows of @ip-location-db/asn 2.3.2026061719, found with grep:
// asn-ipv4.csv line 1 "1.0.0.0,1.0.0.255,13335,"Cloudflare, Inc."",
// "147.32.0.0,147.33.255.255,2852,CESNET z.s.p.o." and
// asn-ipv6.csv "2001:718::,2001:71f:ffff:ffff:ffff:ffff:ffff:ffff,2852,CESNET z.s.p.o.".
test('embedded CSV ranges', async (t) => {
  const asn = await openEmbedded();
  t.deepEqual(asn.lookup('1.0.0.1'), { asn: 13335, organization: 'Cloudflare, Inc.', range: '1.0.0.0-1.0.0.255' });
  t.deepEqual(asn.lookup('147.32.83.234'), { asn: 2852, organization: 'CESNET z.s.p.o.', range: '147.32.0.0-147.33.255.255' });
  t.deepEqual(asn.lookup('2001:718:2::1'), {
    asn: 2852,
    organization: 'CESNET z.s.p.o.',
    range: '2001:718::-2001:71f:ffff:ffff:ffff:ffff:ffff:ffff',
  });
  t.is(asn.lookup('::ffff:1.0.0.1')?.asn, 13335);
  t.is(asn.lookup('10.0.0.1'), undefined);
  t.is(asn.info.buildDate, '2026-06-17');
});

test('CSV quoted organization', (t) => {
  const table = createOrganizationTable();
  const ranges = compileIpv4AsnCsv('1,2,10,"LLC ""SPUTNIK"""\n3,4,11,"A, B"\r\n', 'inline.csv', table);
  t.deepEqual(table.names, ['LLC "SPUTNIK"', 'A, B']);
  t.deepEqual([...ranges.asns], [10, 11]);
});

test('CSV overlap clipped, earlier row wins', (t) => {
  const ranges = compileIpv4AsnCsv('10,20,1,A\n15,30,2,B\n', 'inline.csv', createOrganizationTable());
  t.deepEqual([...ranges.starts], [10, 21]);
  t.deepEqual([...ranges.ends], [20, 30]);
  t.deepEqual(ranges.overlapLines, [2]);
});

test('CSV errors name file and line', (t) => {
  const table = createOrganizationTable();
  const unsorted = t.throws(() => compileIpv4AsnCsv('10,20,1,A\n5,8,2,B\n', 'x.csv', table), { instanceOf: DataError });
  t.is(unsorted?.message, 'ASN database x.csv, line 2: range 5-8 starts before the previous range, but ranges must be sorted by start');
  const badAsn = t.throws(() => compileIpv4AsnCsv('10,20,AS1,A\n', 'x.csv', table), { instanceOf: DataError });
  t.is(badAsn?.message, 'ASN database x.csv, line 1: invalid AS number "AS1": expected an unsigned 32-bit integer');
  const badIpv6 = t.throws(() => compileIpv6AsnCsv('2001::1::,2001::ff,1,A\n', 'y.csv', table), { instanceOf: DataError });
  t.is(badIpv6?.message, 'ASN database y.csv, line 1: invalid range start "2001::1::": expected an IPv6 address');
});


test('binary search matches linear scan', async (t) => {
  const asn = await openEmbedded();

  // Reference: a plain scan over the raw CSV rows, parsed independently with split(',').
  const lines = (await readFile(embeddedAsnPaths().ipv4, 'utf8')).split('\n').filter((line) => line !== '');
  const firsts = new Float64Array(lines.length);
  const lasts = new Float64Array(lines.length);
  const numbers = new Float64Array(lines.length);
  lines.forEach((line, index) => {
    const [first, last, asnNumber] = line.split(',', 3).map(Number);
    firsts[index] = first;
    lasts[index] = last;
    numbers[index] = asnNumber;
  });
  const random = mulberry32(20240601);
  let matched = 0;
  for (let sample = 0; sample < 3000; sample++) {
    const value = Math.floor(random() * 2 ** 32);
    const address = [value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255].join('.');
    // The first row that contains the address wins, as in the compiled table.
    let expected: number | undefined;
    for (let index = 0; index < firsts.length; index++) {
      if (firsts[index] <= value && value <= lasts[index]) {
        expected = numbers[index];
        break;
      }
    }
    t.is(asn.lookup(address)?.asn, expected, `address ${address}`);
    if (expected !== undefined) matched++;
  }
  // Sanity check that the sample exercises the found path: most of the IPv4 space is routed.
  t.true(matched > 1500);
});
