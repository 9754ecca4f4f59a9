// Thin I/O wrapper around mmdb-lib's Reader: reads the file, checks its structure and
// turns decoder failures into DataError messages that name the file and the next step.
import { readFile } from 'node:fs/promises';
import { Reader } from 'maxmind';
import { DataError, InputError } from '../errors.ts';
import { createLruCache, type Cache } from './lru-cache.ts';
import type { ParsedAddress } from './parse-address.ts';
import { formatNetwork } from './parse-address.ts';
import { scanMmdbData } from './scan-mmdb-data.ts';
import { MmdbStructureError, walkMmdbTree, type Metadata } from './walk-mmdb-tree.ts';

/**
 * How much of a database to check when it is opened:
 * - `metadata`: the search tree fits in the file (always done);
 * - `tree`: also walk the whole search tree and check every record and pointer;
 * - `full`: also scan every field of the data section (types, sizes, pointers).
 */
export type MmdbVerification = 'metadata' | 'tree' | 'full';

/** One open MaxMind DB file. */
export interface MmdbFile {
  path: string;
  metadata: Metadata;
  /** One decoded data record, for schema detection; undefined for a database without records. */
  sampleRecord: unknown;
  /** Decodes the record for one address; throws DataError when the record is corrupt. */
  lookup(address: ParsedAddress): { record: unknown; network: string } | undefined;
}

const METADATA_MARKER = Buffer.from('\xab\xcd\xefMaxMind.com', 'latin1');

/** Decoded-record cache entries, keyed by data-section offset (so, one per distinct record). */
const DEFAULT_DECODER_CACHE_ENTRIES = 50_000;

export interface OpenMmdbOptions {
  verify?: MmdbVerification;
  /** Cache of decoded records for mmdb-lib, keyed by data-section offset. */
  cache?: Cache<number, unknown>;
  /** Role of the file in messages, for example "GeoIP database". */
  role: string;
  /** The command-line option that sets this file, for hints. */
  option: string;
}

/** Opens and checks one MaxMind DB file. Throws InputError for a missing file and DataError for a broken one. */
export async function openMmdb(path: string, options: OpenMmdbOptions): Promise<MmdbFile> {
  const { role, option } = options;
  const database = await readDatabase(path, role, option);
  const replaceHint = `Download the database again or pass another file with ${option}.`;

  if (database[0] === 0x1f && database[1] === 0x8b) {
    throw new DataError(`${role} ${path} is gzip-compressed`, `Decompress it first (gunzip), then pass the .mmdb file with ${option}.`);
  }

  let reader: Reader<any>;
  try {
    reader = new Reader(database, { cache: options.cache ?? createLruCache<number, unknown>(DEFAULT_DECODER_CACHE_ENTRIES) });
  } catch (error) {
    throw new DataError(`${role} ${path} is not a valid MaxMind DB file: ${messageOf(error)}`, replaceHint);
  }
  const metadata = reader.metadata;

  // The full walk is needed for `tree` and `full`; otherwise stop at the first record, for the schema sample.
  const verify = options.verify ?? 'full';
  let sampleRecord: unknown;
  try {
    const walk = walkMmdbTree(database, metadata, verify === 'metadata' ? 1 : Infinity);
    if (verify === 'full') {
      const dataStart = metadata.searchTreeSize + 16;
      scanMmdbData(database, dataStart, database.lastIndexOf(METADATA_MARKER));
    }
    const firstNetwork = walk.records.values().next().value;
    if (firstNetwork !== undefined) sampleRecord = decodeAt(reader, firstNetwork, path, role, replaceHint);
  } catch (error) {
    if (error instanceof MmdbStructureError) {
      throw new DataError(`${role} ${path} is corrupt: ${error.message}`, replaceHint);
    }
    throw error;
  }

  return {
    path,
    metadata,
    sampleRecord,
    lookup(address) {
      // An IPv4-only tree has no place for IPv6 addresses.
      if (address.version === 6 && metadata.ipVersion === 4) return undefined;
      let found: [unknown, number];
      try {
        found = reader.getWithPrefixLength(address.text);
      } catch (error) {
        throw new DataError(
          `${role} ${path} is corrupt: decoding the record for ${address.text} failed: ${messageOf(error)}`,
          `${replaceHint} Opening it with full verification finds every corrupt record at once.`,
        );
      }
      const [record, prefixLength] = found;
      if (record === null || record === undefined) return undefined;
      return { record, network: formatNetwork(address.bytes, prefixLength) };
    },
  };
}

async function readDatabase(path: string, role: string, option: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw new InputError(`${role} ${path} not found`, `Check the path given with ${option}.`);
    }
    if (code === 'EISDIR') {
      throw new InputError(`${role} ${path} is a directory`, `Pass the .mmdb file itself with ${option}.`);
    }
    throw new InputError(`reading ${role} ${path} failed: ${messageOf(error)}`, `Check that the file is readable.`);
  }
}

function decodeAt(reader: Reader<any>, network: string, path: string, role: string, hint: string): unknown {
  const address = network.slice(0, network.indexOf('/'));
  try {
    return reader.get(address);
  } catch (error) {
    throw new DataError(`${role} ${path} is corrupt: decoding the record for ${network} failed: ${messageOf(error)}`, hint);
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
