// Opens the ASN database: the ip-location-db CSV files by default (compiled in memory
// at each start, see compile-asn-csv.ts), or a GeoLite2-ASN / GeoIP2-ISP MMDB file.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import ipaddr from 'ipaddr.js';
import { DataError, InputError } from '../errors.ts';
import {
  compileIpv4AsnCsv,
  compileIpv6AsnCsv,
  createOrganizationTable,
  type Ipv4AsnRanges,
  type Ipv6AsnRanges,
} from './compile-asn-csv.ts';
import { findIpv4AsnRange, findIpv6AsnRange, ipv4BytesToNumber, ipv6BytesToHalves } from './find-asn-range.ts';
import type { Cache } from './lru-cache.ts';
import { databaseInfo, type DatabaseInfo } from './open-geoip.ts';
import { openMmdb, type MmdbFile, type MmdbVerification } from './open-mmdb.ts';
import { parseAddress, type ParsedAddress } from './parse-address.ts';

export type AsnSchema = 'maxmind' | 'ip-location-db';

export interface AsnRecord {
  asn: number;
  /** AS holder name; for GeoIP2-ISP without one, the ISP name. Undefined where the database has none. */
  organization?: string;
  /** CIDR of the MMDB network; undefined for the CSV database, whose ranges need not be CIDR blocks. */
  network?: string;
  /** Inclusive address range "first-last" of the CSV row; undefined for MMDB files. */
  range?: string;
  /** GeoIP2-ISP only: the ISP and the organization using the block. */
  isp?: string;
  ispOrganization?: string;
}

export interface AsnDatabase {
  /** Returns the AS of one address, or undefined when none is known. Throws InputError for invalid text. */
  lookup(address: string): AsnRecord | undefined;
  info: DatabaseInfo<AsnSchema>;
}

export interface OpenAsnOptions {
  /** A GeoLite2-ASN or GeoIP2-ISP MMDB; default: the ip-location-db CSV files. */
  path?: string;
  /** Structure check of an MMDB file at open time; default `full`. */
  verify?: MmdbVerification;
  cache?: Cache<number, unknown>;
}

const ASN_ROLE = 'ASN database';
const ASN_OPTION = '--asn';
const ASN_MMDB_TYPES = ['GeoLite2-ASN', 'GeoIP2-ASN', 'GeoIP2-ISP'];

/** Opens the ASN database; see OpenAsnOptions. */
export async function openAsnDatabase(options: OpenAsnOptions = {}): Promise<AsnDatabase> {
  if (options.path !== undefined) return openAsnMmdb(options.path, options);
  return openAsnCsv(embeddedAsnPaths());
}

/** Paths of the embedded ip-location-db ASN files: IPv4 ranges as integers, IPv6 ranges as text. */
export function embeddedAsnPaths(): { ipv4: string; ipv6: string; packageJson: string } {
  const require = createRequire(import.meta.url);
  const packageJson = require.resolve('@ip-location-db/asn/package.json');
  const packageDir = dirname(packageJson);
  return { ipv4: join(packageDir, 'asn-ipv4-num.csv'), ipv6: join(packageDir, 'asn-ipv6.csv'), packageJson };
}

/** Compiles the two CSV files; exported for tests and benchmarks with other copies of the files. */
export async function openAsnCsv(paths: { ipv4: string; ipv6: string; packageJson?: string }): Promise<AsnDatabase> {
  const [ipv4Text, ipv6Text] = await Promise.all([readText(paths.ipv4), readText(paths.ipv6)]);
  const organizations = createOrganizationTable();
  const ipv4 = compileIpv4AsnCsv(ipv4Text, paths.ipv4, organizations);
  const ipv6 = compileIpv6AsnCsv(ipv6Text, paths.ipv6, organizations);
  const names = organizations.names;

  // The CSV files carry no build date; the package version ends with the build date and hour (YYYYMMDDHH).
  const version = paths.packageJson ? await packageVersion(paths.packageJson) : undefined;
  const build = version?.match(/\.(\d{4})(\d{2})(\d{2})\d{2}$/);

  const notes = [
    ...overlapNotes(paths.ipv4, ipv4.overlapLines),
    ...overlapNotes(paths.ipv6, ipv6.overlapLines),
  ];

  return {
    info: {
      databaseType: version ? `ip-location-db asn ${version}` : 'ip-location-db asn',
      buildDate: build ? `${build[1]}-${build[2]}-${build[3]}` : 'unknown',
      schema: 'ip-location-db',
      paths: [paths.ipv4, paths.ipv6],
      notes,
    },
    lookup(address) {
      const parsed = parseOrThrow(address);
      return parsed.version === 4 ? lookupIpv4(ipv4, names, parsed) : lookupIpv6(ipv6, names, parsed);
    },
  };
}

function overlapNotes(path: string, lines: number[]): string[] {
  if (lines.length === 0) return [];
  const shown = lines.slice(0, 10).join(', ') + (lines.length > 10 ? ', ...' : '');
  return [`${path}: ${lines.length} range(s) overlapping the previous row were clipped so the earlier row wins (lines ${shown})`];
}

function lookupIpv4(ranges: Ipv4AsnRanges, names: string[], parsed: ParsedAddress): AsnRecord | undefined {
  const index = findIpv4AsnRange(ranges, ipv4BytesToNumber(parsed.bytes));
  if (index < 0) return undefined;
  const range = `${ipaddr.fromByteArray(numberToBytes(ranges.starts[index]))}-${ipaddr.fromByteArray(numberToBytes(ranges.ends[index]))}`;
  return csvRecord(ranges.asns[index], names[ranges.organizations[index]], range);
}

function lookupIpv6(ranges: Ipv6AsnRanges, names: string[], parsed: ParsedAddress): AsnRecord | undefined {
  const [high, low] = ipv6BytesToHalves(parsed.bytes);
  const index = findIpv6AsnRange(ranges, high, low);
  if (index < 0) return undefined;
  const first = halvesToText(ranges.startsHigh[index], ranges.startsLow[index]);
  const last = halvesToText(ranges.endsHigh[index], ranges.endsLow[index]);
  return csvRecord(ranges.asns[index], names[ranges.organizations[index]], `${first}-${last}`);
}

function csvRecord(asn: number, organization: string, range: string): AsnRecord {
  return organization === '' ? { asn, range } : { asn, organization, range };
}

async function openAsnMmdb(path: string, options: OpenAsnOptions): Promise<AsnDatabase> {
  const file = await openMmdb(path, { verify: options.verify ?? 'full', cache: options.cache, role: ASN_ROLE, option: ASN_OPTION });
  checkAsnSchema(file);

  return {
    info: databaseInfo([file], 'maxmind'),
    lookup(address) {
      const found = file.lookup(parseOrThrow(address));
      if (found === undefined) return undefined;
      return asnRecordFromMmdb(found.record, found.network);
    },
  };
}

/** Converts one GeoLite2-ASN or GeoIP2-ISP record; a record without an AS number gives undefined. */
export function asnRecordFromMmdb(record: unknown, network: string): AsnRecord | undefined {
  if (typeof record !== 'object' || record === null) return undefined;
  const fields = record as Record<string, unknown>;
  const asn = fields.autonomous_system_number;
  if (typeof asn !== 'number' || !Number.isInteger(asn) || asn < 0) return undefined;

  const text = (key: string) => (typeof fields[key] === 'string' && fields[key] !== '' ? (fields[key] as string) : undefined);
  const result: AsnRecord = { asn, network };
  const organization = text('autonomous_system_organization') ?? text('isp');
  if (organization !== undefined) result.organization = organization;
  const isp = text('isp');
  if (isp !== undefined) result.isp = isp;
  const ispOrganization = text('organization');
  if (ispOrganization !== undefined) result.ispOrganization = ispOrganization;
  return result;
}

function checkAsnSchema(file: MmdbFile): void {
  const { databaseType } = file.metadata;
  const sample = file.sampleRecord as Record<string, unknown> | undefined;
  const knownType = ASN_MMDB_TYPES.some((type) => databaseType.startsWith(type));
  const hasAsnShape = sample !== undefined && sample !== null && 'autonomous_system_number' in sample;
  if (knownType || hasAsnShape) return;

  const geoHint = /City|Country/.test(databaseType) ? ' It looks like a GeoIP database: pass it with --geoip.' : '';
  throw new DataError(
    `ASN database ${file.path} has the unsupported type "${databaseType}"`,
    `Supported: ${ASN_MMDB_TYPES.join(', ')} MMDB files, or no ${ASN_OPTION} for the embedded ip-location-db ASN data.${geoHint}`,
  );
}

function parseOrThrow(address: string): ParsedAddress {
  const parsed = parseAddress(address);
  if (parsed === undefined) {
    throw new InputError(`invalid IP address "${address}"`, 'Expected an IPv4 address (a.b.c.d) or an IPv6 address.');
  }
  return parsed;
}

async function readText(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw new InputError(`${ASN_ROLE} ${path} not found`, 'Reinstall the dependencies (npm ci) or pass a GeoLite2-ASN MMDB with --asn.');
    }
    throw error;
  }
}

async function packageVersion(packageJson: string): Promise<string | undefined> {
  const parsed = JSON.parse(await readFile(packageJson, 'utf8')) as { version?: unknown };
  return typeof parsed.version === 'string' ? parsed.version : undefined;
}

function numberToBytes(value: number): number[] {
  return [value >>> 24, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff];
}

function halvesToText(high: bigint, low: bigint): string {
  const bytes: number[] = [];
  for (const half of [high, low]) {
    for (let shift = 56n; shift >= 0n; shift -= 8n) bytes.push(Number((half >> shift) & 0xffn));
  }
  return ipaddr.fromByteArray(bytes).toString();
}
