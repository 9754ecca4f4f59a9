// Row parsers for the four Zeek log kinds. Each takes the row's field values as strings, indexed by
// column positions computed once per header, so the per-line work is a few string comparisons.
// The Zeek JSON reader reuses them by converting each object to such a row.
import { InputError } from '../errors.ts';
import { normalizeAddress } from '../population/normalize-address.ts';
import type { ConnRecord, DnsRecord, HttpRecord, LogKind, LogRecord, SslRecord } from '../types.ts';
import {
  normalizeHostname,
  parseNonNegative,
  parsePort,
  parseTimestamp,
  stripHostPort,
  unescapeZeek,
} from './field-values.ts';
import type { FileTally } from './tally.ts';

/** Markers for absent values and sets, from the Zeek TSV header or fixed for JSON. */
export interface ZeekValueFormat {
  unset: string;
  empty: string;
  setSeparator: string;
  /** True for TSV, whose strings carry \xHH escapes. */
  escaped: boolean;
}

/** Parses one row; returns undefined after counting a rejected or ignored row in the FileTally. */
export type ZeekRowParser = (fields: readonly string[], line: number) => LogRecord | undefined;

/** Columns each kind reads; the first ones in each list are required. */
export const KIND_COLUMNS: Readonly<Record<LogKind, readonly string[]>> = {
  conn: [
    'ts', 'id.orig_h', 'id.orig_p', 'id.resp_h', 'id.resp_p', 'proto',
    'uid', 'service', 'duration', 'orig_bytes', 'resp_bytes', 'orig_pkts', 'resp_pkts',
    'conn_state', 'history', 'local_orig', 'local_resp',
  ],
  dns: ['ts', 'id.orig_h', 'id.resp_h', 'uid', 'query', 'answers', 'TTLs'],
  ssl: ['ts', 'id.orig_h', 'id.resp_h', 'id.resp_p', 'uid', 'server_name'],
  http: ['ts', 'id.orig_h', 'id.resp_h', 'id.resp_p', 'uid', 'host'],
};

const REQUIRED_COUNT: Readonly<Record<LogKind, number>> = { conn: 6, dns: 3, ssl: 4, http: 4 };

/**
 * Creates the row parser for one kind and one header. Throws InputError when the header lacks a
 * required column; headerLine names the #fields line in that message.
 */
export function createZeekRowParser(
  kind: LogKind,
  fieldNames: readonly string[],
  format: ZeekValueFormat,
  tally: FileTally,
  headerLine: number,
): ZeekRowParser {
  const positions = new Map(fieldNames.map((name, index) => [name, index]));
  const required = KIND_COLUMNS[kind].slice(0, REQUIRED_COUNT[kind]);
  const missing = required.filter((name) => !positions.has(name));
  if (missing.length > 0) {
    throw new InputError(
      `${tally.file} line ${headerLine}: the ${kind} log has no ${missing.join(', ')} column.`,
      `A ${kind} log needs the columns ${required.join(', ')}. Check that the file is a complete Zeek ${kind} log.`,
    );
  }

  const reader = new ZeekFieldReader(format, tally, (name) => positions.get(name) ?? -1);
  switch (kind) {
    case 'conn':
      return connParser(reader);
    case 'dns':
      return dnsParser(reader);
    case 'ssl':
      return sslParser(reader);
    case 'http':
      return httpParser(reader);
  }
}

// Reads typed values out of a row. Each read* method returns undefined after counting a rejection.
class ZeekFieldReader {
  constructor(
    readonly format: ZeekValueFormat,
    readonly tally: FileTally,
    readonly column: (name: string) => number,
  ) {}

  isAbsent(value: string | undefined): value is undefined {
    return value === undefined || value === this.format.unset || value === this.format.empty || value === '';
  }

  readTs(value: string, line: number): number | undefined {
    const ts = parseTimestamp(value);
    return ts === undefined ? this.tally.reject('invalid ts', line, value) : ts;
  }

  readAddress(value: string, line: number): string | undefined {
    const address = normalizeAddress(value);
    return address === undefined ? this.tally.reject('invalid address', line, value) : address;
  }

  readPort(value: string, line: number): number | undefined {
    const port = parsePort(value);
    return port === -1 ? this.tally.reject('invalid port', line, value) : port;
  }

  /** Returns null for an absent value, undefined after rejecting an invalid one. */
  readOptionalNumber(value: string | undefined, name: string, line: number): number | null | undefined {
    if (this.isAbsent(value)) return null;
    const number = parseNonNegative(value);
    return number === number ? number : this.tally.reject(`invalid ${name}`, line, value);
  }

  readOptionalString(value: string | undefined): string | undefined {
    if (this.isAbsent(value)) return undefined;
    return this.format.escaped ? unescapeZeek(value) : value;
  }

  readList(value: string | undefined): string[] {
    if (this.isAbsent(value)) return [];
    const items = value.split(this.format.setSeparator);
    return this.format.escaped ? items.map(unescapeZeek) : items;
  }

  readBool(value: string | undefined): boolean | undefined {
    if (value === 'T') return true;
    if (value === 'F') return false;
    return undefined;
  }
}

// Connection rows are the bulk of any log set, so this parser avoids allocations beyond the record.
function connParser(reader: ZeekFieldReader): ZeekRowParser {
  const [ts, origH, origP, respH, respP, proto, uid, service, duration, origBytes, respBytes, origPkts, respPkts, connState, history, localOrig, localResp] =
    KIND_COLUMNS.conn.map(reader.column);
  const tally = reader.tally;

  // The fields are read inline rather than through readEndpoints, because this runs once per
  // connection and an object per row would add garbage-collection work.
  return (fields, line) => {
    const time = reader.readTs(fields[ts], line);
    if (time === undefined) return undefined;
    const origHost = reader.readAddress(fields[origH], line);
    if (origHost === undefined) return undefined;
    const origPort = reader.readPort(fields[origP], line);
    if (origPort === undefined) return undefined;
    const respHost = reader.readAddress(fields[respH], line);
    if (respHost === undefined) return undefined;
    const respPort = reader.readPort(fields[respP], line);
    if (respPort === undefined) return undefined;

    const protoValue = fields[proto];
    if (reader.isAbsent(protoValue)) return tally.reject('missing proto', line, protoValue ?? '');

    const durationValue = reader.readOptionalNumber(fields[duration], 'duration', line);
    if (durationValue === undefined) return undefined;
    const origBytesValue = reader.readOptionalNumber(fields[origBytes], 'orig_bytes', line);
    if (origBytesValue === undefined) return undefined;
    const respBytesValue = reader.readOptionalNumber(fields[respBytes], 'resp_bytes', line);
    if (respBytesValue === undefined) return undefined;
    const origPktsValue = reader.readOptionalNumber(fields[origPkts], 'orig_pkts', line);
    if (origPktsValue === undefined) return undefined;
    const respPktsValue = reader.readOptionalNumber(fields[respPkts], 'resp_pkts', line);
    if (respPktsValue === undefined) return undefined;

    const record: ConnRecord = {
      kind: 'conn',
      ts: time,
      uid: reader.readOptionalString(fields[uid]),
      origHost,
      origPort,
      respHost,
      respPort,
      proto: protoValue,
      service: reader.readOptionalString(fields[service]),
      duration: durationValue ?? undefined,
      origBytes: origBytesValue ?? undefined,
      respBytes: respBytesValue ?? undefined,
      origPackets: origPktsValue ?? undefined,
      respPackets: respPktsValue ?? undefined,
      connState: reader.readOptionalString(fields[connState]),
      history: reader.readOptionalString(fields[history]),
      localOrig: reader.readBool(fields[localOrig]),
      localResp: reader.readBool(fields[localResp]),
      source: { file: tally.file, line },
    };
    return record;
  };
}

function dnsParser(reader: ZeekFieldReader): ZeekRowParser {
  const [ts, origH, respH, uid, query, answers, ttls] = KIND_COLUMNS.dns.map(reader.column);
  const tally = reader.tally;

  return (fields, line) => {
    const time = reader.readTs(fields[ts], line);
    if (time === undefined) return undefined;
    const origHost = reader.readAddress(fields[origH], line);
    if (origHost === undefined) return undefined;
    const respHost = reader.readAddress(fields[respH], line);
    if (respHost === undefined) return undefined;

    const queryValue = reader.readOptionalString(fields[query]);
    if (queryValue === undefined) return tally.ignore('dns row without query');

    const ttlValues: number[] = [];
    for (const text of reader.readList(fields[ttls])) {
      const ttl = parseNonNegative(text);
      if (ttl !== ttl) return tally.reject('invalid TTLs', line, fields[ttls]);
      ttlValues.push(ttl);
    }

    const record: DnsRecord = {
      kind: 'dns',
      ts: time,
      uid: reader.readOptionalString(fields[uid]),
      origHost,
      respHost,
      query: normalizeHostname(queryValue),
      answers: reader.readList(fields[answers]),
      ttls: ttlValues,
      source: { file: tally.file, line },
    };
    return record;
  };
}

/**
 * Reads the time, both hosts and the responder port that TLS and HTTP rows share; returns
 * undefined after counting the rejection when one of them is invalid.
 */
function readEndpoints(reader: ZeekFieldReader, fields: readonly string[], columns: readonly number[], line: number) {
  const [ts, origH, respH, respP] = columns;
  const time = reader.readTs(fields[ts], line);
  if (time === undefined) return undefined;
  const origHost = reader.readAddress(fields[origH], line);
  if (origHost === undefined) return undefined;
  const respHost = reader.readAddress(fields[respH], line);
  if (respHost === undefined) return undefined;
  const respPort = reader.readPort(fields[respP], line);
  if (respPort === undefined) return undefined;
  return { time, origHost, respHost, respPort };
}

function sslParser(reader: ZeekFieldReader): ZeekRowParser {
  const [ts, origH, respH, respP, uid, serverName] = KIND_COLUMNS.ssl.map(reader.column);
  const tally = reader.tally;

  return (fields, line) => {
    const endpoints = readEndpoints(reader, fields, [ts, origH, respH, respP], line);
    if (endpoints === undefined) return undefined;
    const { time, origHost, respHost, respPort } = endpoints;

    const serverNameValue = reader.readOptionalString(fields[serverName]);
    if (serverNameValue === undefined) return tally.ignore('ssl row without server_name');

    const record: SslRecord = {
      kind: 'ssl',
      ts: time,
      uid: reader.readOptionalString(fields[uid]),
      origHost,
      respHost,
      respPort,
      serverName: normalizeHostname(serverNameValue),
      source: { file: tally.file, line },
    };
    return record;
  };
}

function httpParser(reader: ZeekFieldReader): ZeekRowParser {
  const [ts, origH, respH, respP, uid, host] = KIND_COLUMNS.http.map(reader.column);
  const tally = reader.tally;

  return (fields, line) => {
    const endpoints = readEndpoints(reader, fields, [ts, origH, respH, respP], line);
    if (endpoints === undefined) return undefined;
    const { time, origHost, respHost, respPort } = endpoints;

    const hostValue = reader.readOptionalString(fields[host]);
    const hostName = hostValue === undefined ? '' : normalizeHostname(stripHostPort(hostValue));
    if (hostName === '') return tally.ignore('http row without host');

    const record: HttpRecord = {
      kind: 'http',
      ts: time,
      uid: reader.readOptionalString(fields[uid]),
      origHost,
      respHost,
      respPort,
      host: hostName,
      source: { file: tally.file, line },
    };
    return record;
  };
}
