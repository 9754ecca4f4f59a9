import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import test from 'ava';
import { ConfigError } from '../../src/errors.ts';
import {
  classifyDirection,
  normalizeAddress,
  parseIPv4,
  parsePopulation,
} from '../../src/population/index.ts';
import type { ConnRecord } from '../../src/types.ts';

const EXPECTED_FORM = 'Write an IPv4 or IPv6 address or CIDR, for example 192.0.2.0/24, 198.51.100.7 or 2001:db8::/32.';

function conn(origHost: string, respHost: string, flags: { localOrig?: boolean; localResp?: boolean } = {}): ConnRecord {
  return {
    kind: 'conn',
    ts: 1655157610.743948,
    origHost,
    origPort: 50000,
    respHost,
    respPort: 443,
    proto: 'tcp',
    ...flags,
    source: { file: 'conn.log', line: 9 },
  };
}

test('parseIPv4 converts dotted quads', (t) => {
  // 1.2.3.4 = 1*2^24 + 2*2^16 + 3*2^8 + 4 = 16909060.
  t.is(parseIPv4('1.2.3.4'), 16909060);
  t.is(parseIPv4('255.255.255.255'), 4294967295);
  t.is(parseIPv4('0.0.0.0'), 0);
});

test('parseIPv4 rejects non-strict text', (t) => {
  for (const text of ['256.0.0.1', '01.2.3.4', '1.2.3', '1.2.3.4.5', '1..3.4', ' 1.2.3.4', '1.2.3.4/24', '::1']) {
    t.is(parseIPv4(text), -1, text);
  }
});

test('normalizeAddress canonical forms', (t) => {
  t.is(normalizeAddress('147.32.83.234'), '147.32.83.234');
  t.is(normalizeAddress('2001:DB8:0:0:0:0:0:1'), '2001:db8::1');
  t.is(normalizeAddress('2001:db8:0:0:1:0:0:1'), '2001:db8::1:0:0:1');
  t.is(normalizeAddress('::ffff:192.0.2.1'), '192.0.2.1');
  // ::ffff:c000:201 is ::ffff:192.0.2.1 written in hex groups (0xc0 = 192, 0x00 = 0, 0x02 = 2, 0x01 = 1).
  t.is(normalizeAddress('::ffff:c000:201'), '192.0.2.1');
  t.is(normalizeAddress('::1'), '::1');
  t.is(normalizeAddress('not-an-address'), undefined);
  t.is(normalizeAddress('2001:db8::g'), undefined);
  t.is(normalizeAddress('192.0.2.256'), undefined);
});

test('population IPv4 CIDR bounds', (t) => {
  // 192.0.2.0/24 covers 192.0.2.0 to 192.0.2.255.
  const population = parsePopulation('192.0.2.0/24');
  t.true(population.contains('192.0.2.0'));
  t.true(population.contains('192.0.2.255'));
  t.false(population.contains('192.0.1.255'));
  t.false(population.contains('192.0.3.0'));
  t.false(population.contains('garbage'));
});

test('population single address is /32', (t) => {
  const population = parsePopulation('147.32.83.234');
  t.deepEqual(population.cidrs, ['147.32.83.234/32']);
  t.true(population.contains('147.32.83.234'));
  t.false(population.contains('147.32.83.235'));
  t.false(population.contains('147.32.83.233'));
});

test('population /0 covers all IPv4 only', (t) => {
  const population = parsePopulation('0.0.0.0/0');
  t.true(population.contains('0.0.0.0'));
  t.true(population.contains('255.255.255.255'));
  t.true(population.contains('::ffff:8.8.8.8'));
  t.false(population.contains('2001:db8::1'));
});

test('population IPv6 and mapped addresses', (t) => {
  const population = parsePopulation('2001:DB8::/32, ::ffff:198.51.100.0/120');
  // ::ffff:198.51.100.0/120 is IPv4 198.51.100.0/(120 - 96) = /24.
  t.deepEqual(population.cidrs, ['198.51.100.0/24', '2001:db8::/32']);
  t.true(population.contains('2001:db8::1'));
  t.true(population.contains('2001:db8:ffff:ffff:ffff:ffff:ffff:ffff'));
  t.false(population.contains('2001:db9::'));
  t.true(population.contains('198.51.100.77'));
  t.true(population.contains('::ffff:198.51.100.77'));
  t.false(population.contains('198.51.101.0'));
});

test('population merges overlapping CIDRs', (t) => {
  // cidrs are sorted by first address, then by last address.
  // 10.0.0.0/9 and 10.128.0.0/9 are adjacent and merge with 10.0.0.0/8 into one range;
  // 192.0.2.0/25 lies inside 192.0.2.0/24; 192.0.2.5/24 has host bits set and reads as 192.0.2.0/24.
  const population = parsePopulation('10.0.0.0/9,10.128.0.0/9,10.0.0.0/8,192.0.2.0/25,192.0.2.5/24');
  t.is(population.rangeCount, 2);
  t.deepEqual(population.cidrs, ['10.0.0.0/9', '10.0.0.0/8', '10.128.0.0/9', '192.0.2.0/25', '192.0.2.0/24']);
  t.true(population.contains('10.127.255.255'));
  t.true(population.contains('10.128.0.0'));
  t.true(population.contains('192.0.2.200'));
  t.false(population.contains('11.0.0.0'));
});

test('population file with comments', (t) => {
  const folder = mkdtempSync(path.join(tmpdir(), 'footprint-population-'));
  const file = path.join(folder, 'population.txt');
  writeFileSync(file, '# monitored office\n147.32.83.0/24   # lab subnet\n\n2001:db8:1::/48\r\n');
  const population = parsePopulation(file);
  t.deepEqual(population.cidrs, ['147.32.83.0/24', '2001:db8:1::/48']);
  t.true(population.contains('147.32.83.234'));
  t.true(population.contains('2001:db8:1:ffff::1'));
  t.false(population.contains('2001:db8:2::1'));
});

test('population file relative to baseDir', (t) => {
  const folder = mkdtempSync(path.join(tmpdir(), 'footprint-population-'));
  writeFileSync(path.join(folder, 'hosts.txt'), '198.51.100.7\n');
  t.deepEqual(parsePopulation('hosts.txt', { baseDir: folder }).cidrs, ['198.51.100.7/32']);
});

test('population invalid inline values', (t) => {
  const cases: Array<[string, string]> = [
    ['10.0.0.0/33', 'Invalid population entry "10.0.0.0/33": the prefix length must be a whole number from 0 to 32.'],
    ['2001:db8::/129', 'Invalid population entry "2001:db8::/129": the prefix length must be a whole number from 0 to 128.'],
    ['192.0.2.0/', 'Invalid population entry "192.0.2.0/": the prefix length must be a whole number from 0 to 32.'],
    ['192.0.2.0/24,300.1.1.1', 'Invalid population entry "300.1.1.1": "300.1.1.1" is not an IP address.'],
    ['office.txt', 'Invalid population entry "office.txt": it is neither an IP address or CIDR nor an existing file.'],
    ['::ffff:192.0.2.0/64', 'Invalid population entry "::ffff:192.0.2.0/64": an IPv4-mapped network needs a prefix length of at least 96.'],
    [' , ', 'The population is empty.'],
  ];
  for (const [spec, message] of cases) {
    const error = t.throws(() => parsePopulation(spec), { instanceOf: ConfigError });
    t.is(error?.message, `${message} ${EXPECTED_FORM}`, spec);
  }
});

test('population invalid file line', (t) => {
  const folder = mkdtempSync(path.join(tmpdir(), 'footprint-population-'));
  const file = path.join(folder, 'population.txt');
  writeFileSync(file, '# networks\n192.0.2.0/24\n192.0.2.0/24x\n');
  const error = t.throws(() => parsePopulation(file), { instanceOf: ConfigError });
  t.is(
    error?.message,
    `Invalid population entry "192.0.2.0/24x" at ${file}:3: the prefix length must be a whole number from 0 to 32. ${EXPECTED_FORM}`,
  );
});

test('population file without entries', (t) => {
  const folder = mkdtempSync(path.join(tmpdir(), 'footprint-population-'));
  const file = path.join(folder, 'empty.txt');
  writeFileSync(file, '# nothing yet\n\n');
  const error = t.throws(() => parsePopulation(file), { instanceOf: ConfigError });
  t.is(error?.message, `The population file ${file} lists no address or CIDR. ${EXPECTED_FORM}`);
});

test('direction from population', (t) => {
  const population = parsePopulation('147.32.83.234');
  t.is(classifyDirection(conn('147.32.83.234', '17.253.53.208'), population), 'outbound');
  t.is(classifyDirection(conn('167.94.146.67', '147.32.83.234'), population), 'inbound');
  t.is(classifyDirection(conn('147.32.83.234', '147.32.83.234'), population), 'both endpoints in population');
  t.is(classifyDirection(conn('8.8.8.8', '1.1.1.1'), population), 'no population endpoint');
});

test('direction population beats flags', (t) => {
  // The population decides even where Zeek flags say otherwise.
  const population = parsePopulation('192.0.2.0/24');
  const record = conn('192.0.2.10', '203.0.113.5', { localOrig: false, localResp: true });
  t.is(classifyDirection(record, population), 'outbound');
});

test('direction from Zeek local flags', (t) => {
  t.is(classifyDirection(conn('147.32.83.234', '1.1.1.1', { localOrig: true, localResp: false })), 'outbound');
  t.is(classifyDirection(conn('167.94.146.67', '147.32.83.234', { localOrig: false, localResp: true })), 'inbound');
  t.is(classifyDirection(conn('10.0.0.1', '10.0.0.2', { localOrig: true, localResp: true })), 'both endpoints in population');
  t.is(classifyDirection(conn('8.8.8.8', '1.1.1.1', { localOrig: false, localResp: false })), 'no population endpoint');
});

test('direction without population or flags', (t) => {
  const error = t.throws(() => classifyDirection(conn('192.0.2.1', '1.1.1.1', { localOrig: true })), { instanceOf: ConfigError });
  t.is(
    error?.message,
    'Cannot tell outbound from inbound connections: conn.log line 9 has no local_orig/local_resp flags and no population was given.',
  );
  t.regex((error as ConfigError).hint ?? '', /--population 192\.0\.2\.0\/24/);
});

test('population folder is rejected', (t) => {
  // The working directory of the tests is the repository root, so "test" is a folder.
  const error = t.throws(() => parsePopulation('test'), { instanceOf: ConfigError });
  t.is(error?.message, 'The population path test is a folder. Give a file with one address or CIDR per line, or the CIDRs themselves.');
});
