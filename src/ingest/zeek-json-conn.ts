// Fast path for Zeek JSON conn rows: takes the values JSON.parse gave (numbers, strings, booleans)
// as they are, where the general path turns each into text and parses it again. It accepts only
// rows in the plain form Zeek writes (flat dotted keys, numbers for counts, strings for text) and
// leaves every other row, valid or not, to the general path, which also does every rejection.
// test/ingest/zeek-json-conn.test.ts compares both paths on seeded random rows.

import { normalizeAddress } from '../population/normalize-address.ts';
import type { ConnRecord } from '../types.ts';
import { MAX_TIMESTAMP_SECONDS } from './field-values.ts';

/** Reads a conn row in the plain form, or returns undefined for the general path to read. */
export function readPlainJsonConn(row: Record<string, unknown>, file: string, line: number): ConnRecord | undefined {
  const ts = row.ts;
  if (typeof ts !== 'number' || !(ts >= 0 && ts <= MAX_TIMESTAMP_SECONDS)) return undefined;
  const origHost = plainAddress(row['id.orig_h']);
  if (origHost === undefined) return undefined;
  const origPort = plainPort(row['id.orig_p']);
  if (origPort === -1) return undefined;
  const respHost = plainAddress(row['id.resp_h']);
  if (respHost === undefined) return undefined;
  const respPort = plainPort(row['id.resp_p']);
  if (respPort === -1) return undefined;
  const proto = plainText(row.proto);
  if (proto === undefined || proto === null) return undefined;

  const duration = plainCount(row.duration);
  const origBytes = plainCount(row.orig_bytes);
  const respBytes = plainCount(row.resp_bytes);
  const origPackets = plainCount(row.orig_pkts);
  const respPackets = plainCount(row.resp_pkts);
  if (duration === -1 || origBytes === -1 || respBytes === -1 || origPackets === -1 || respPackets === -1) return undefined;

  const uid = plainText(row.uid);
  const service = plainText(row.service);
  const connState = plainText(row.conn_state);
  const history = plainText(row.history);
  if (uid === null || service === null || connState === null || history === null) return undefined;
  const localOrig = plainBool(row.local_orig);
  const localResp = plainBool(row.local_resp);
  if (localOrig === null || localResp === null) return undefined;

  // Adding 0 turns -0 into 0, as the general path's round trip through text does.
  return {
    kind: 'conn',
    ts: ts + 0,
    uid,
    origHost,
    origPort,
    respHost,
    respPort,
    proto,
    service,
    duration,
    origBytes,
    respBytes,
    origPackets,
    respPackets,
    connState,
    history,
    localOrig,
    localResp,
    source: { file, line },
  };
}

function plainAddress(value: unknown): string | undefined {
  return typeof value === 'string' ? normalizeAddress(value) : undefined;
}

/** Returns the port, or -1 when the value is not a number from 0 to 65535. */
function plainPort(value: unknown): number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 65535 ? value + 0 : -1;
}

/** Returns undefined for an absent value, the number for a finite non-negative one, and -1 otherwise. */
function plainCount(value: unknown): number | undefined {
  if (value === undefined || value === null) return undefined;
  return typeof value === 'number' && value >= 0 && value !== Infinity ? value + 0 : -1;
}

/**
 * Returns undefined for an absent or empty value, the text for a string, and null otherwise. Text
 * that starts with NUL could be one of the general path's markers for absent values, so it is null.
 */
function plainText(value: unknown): string | undefined | null {
  if (value === undefined || value === null || value === '') return undefined;
  return typeof value === 'string' && value.charCodeAt(0) !== 0 ? value : null;
}

/** Returns the boolean, undefined for an absent value, and null otherwise. */
function plainBool(value: unknown): boolean | undefined | null {
  if (value === undefined || value === null) return undefined;
  return typeof value === 'boolean' ? value : null;
}
