// Conversions of single log field values, shared by the Zeek and flow readers.

/**
 * Latest time a JavaScript Date can hold (8.64e15 ms, year 275760), in seconds. Later times
 * cannot be turned into a day or an ISO string, so they are invalid like negative ones.
 */
export const MAX_TIMESTAMP_SECONDS = 8.64e12;

/** Returns seconds since the epoch if they lie from 1970 to MAX_TIMESTAMP_SECONDS, else undefined. */
export function checkTimestampRange(seconds: number): number | undefined {
  return seconds >= 0 && seconds <= MAX_TIMESTAMP_SECONDS ? seconds : undefined;
}

/**
 * Parses a timestamp: seconds since the Unix epoch as decimal text, or ISO 8601 text.
 * Returns undefined for anything else and for times outside 1970 to MAX_TIMESTAMP_SECONDS.
 */
export function parseTimestamp(text: string): number | undefined {
  const seconds = +text;
  if (text.length !== 0 && seconds - seconds === 0) return checkTimestampRange(seconds);
  return parseIsoTimestamp(text);
}

const ISO_TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * Parses ISO 8601 date-time text ("2022-06-13T22:00:01.123456Z") to epoch seconds, keeping
 * sub-millisecond digits that Date.parse would drop. Text without a zone is read as UTC.
 */
export function parseIsoTimestamp(text: string): number | undefined {
  const match = ISO_TIMESTAMP.exec(text);
  if (match === null) return undefined;

  const [, year, month, day, hour, minute, second, fraction, zone] = match;
  const milliseconds = Date.UTC(+year, +month - 1, +day, +hour, +minute, +second);
  // Date.UTC accepts month 13 or second 61 by rolling over, so check the fields came back unchanged.
  const check = new Date(milliseconds);
  if (check.getUTCDate() !== +day || check.getUTCHours() !== +hour || check.getUTCSeconds() !== +second) {
    return undefined;
  }

  let seconds = milliseconds / 1000 + (fraction === undefined ? 0 : +`0.${fraction}`);
  if (zone !== undefined && zone !== 'Z') {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    seconds -= sign * (+digits.slice(0, 2) * 3600 + +digits.slice(2) * 60);
  }
  return seconds >= 0 ? seconds : undefined;
}

/** Parses a port number 0-65535; returns -1 for anything else. */
export function parsePort(text: string): number {
  const port = +text;
  if (text.length === 0 || (port | 0) !== port || port < 0 || port > 65535) return -1;
  return port;
}

/** Parses a non-negative decimal number; returns NaN for anything else, including empty text. */
export function parseNonNegative(text: string): number {
  const value = +text;
  if (text.length === 0 || !(value >= 0) || value === Infinity) return NaN;
  return value;
}

/** Lower-cases a DNS name and drops the trailing root dot, so "WWW.Example.CZ." matches "www.example.cz". */
export function normalizeHostname(text: string): string {
  const lower = text.toLowerCase();
  return lower.endsWith('.') ? lower.slice(0, -1) : lower;
}

/**
 * Returns the host part of an HTTP Host header, without the port: "example.cz:8080" gives
 * "example.cz" and "[2001:db8::1]:80" gives "2001:db8::1". A bare IPv6 address is kept whole.
 */
export function stripHostPort(host: string): string {
  if (host.startsWith('[')) {
    const end = host.indexOf(']');
    return end === -1 ? host : host.slice(1, end);
  }
  const colon = host.indexOf(':');
  if (colon !== -1 && host.indexOf(':', colon + 1) === -1) return host.slice(0, colon);
  return host;
}

const ZEEK_ESCAPE = /\\x([0-9a-fA-F]{2})/g;

/**
 * Reverses the escaping of Zeek's ASCII writer, which writes the separator and non-printable
 * bytes as \xHH. Each byte becomes one character (Latin-1), as the bytes carry no encoding.
 */
export function unescapeZeek(text: string): string {
  if (text.indexOf('\\') === -1) return text;
  return text.replace(ZEEK_ESCAPE, (_escape, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}
