// Canonical text form of IP addresses, shared by every stage that keys data by address.
import ipaddr from 'ipaddr.js';

const CHAR_0 = 48;
const CHAR_9 = 57;
const CHAR_DOT = 46;

/**
 * Parses dotted-quad IPv4 text into an unsigned 32-bit number, or returns -1 when the text is not
 * strict dotted-decimal (four parts 0-255, no leading zeros, no other characters).
 * Hand-written because it runs twice per connection record.
 */
export function parseIPv4(text: string): number {
  return parseIPv4Range(text, 0, text.length);
}

/** Parses text[start, end) as parseIPv4 does, so that a reader can test a column without cutting it out. */
export function parseIPv4Range(text: string, start: number, end: number): number {
  const length = end - start;
  if (length < 7 || length > 15) return -1;

  let value = 0;
  let part = 0;
  let digits = 0;
  let dots = 0;
  let firstDigit = 0;
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code >= CHAR_0 && code <= CHAR_9) {
      if (digits === 0) firstDigit = code;
      else if (firstDigit === CHAR_0) return -1;
      part = part * 10 + (code - CHAR_0);
      digits++;
      if (part > 255) return -1;
    } else if (code === CHAR_DOT) {
      if (digits === 0 || dots === 3) return -1;
      value = value * 256 + part;
      part = 0;
      digits = 0;
      dots++;
    } else {
      return -1;
    }
  }
  if (digits === 0 || dots !== 3) return -1;
  return value * 256 + part;
}

// IPv6 text needs ipaddr.js, which is slow next to parseIPv4, so results are cached.
// The cache is cleared when full, which bounds memory on logs with millions of distinct addresses.
const IPV6_CACHE_LIMIT = 65_536;
const ipv6Cache = new Map<string, string | undefined>();

/**
 * Normalises an IP address to its canonical text: IPv4 as strict dotted-decimal, IPv4-mapped IPv6
 * (::ffff:a.b.c.d) as IPv4, other IPv6 lower-case and compressed as RFC 5952 prescribes.
 * Returns undefined for text that is not an address.
 */
export function normalizeAddress(text: string): string | undefined {
  if (text.indexOf(':') === -1) return parseIPv4(text) === -1 ? undefined : text;

  const cached = ipv6Cache.get(text);
  if (cached !== undefined || ipv6Cache.has(text)) return cached;

  const normalized = normalizeIPv6(text);
  if (ipv6Cache.size >= IPV6_CACHE_LIMIT) ipv6Cache.clear();
  ipv6Cache.set(text, normalized);
  return normalized;
}

function normalizeIPv6(text: string): string | undefined {
  if (!ipaddr.IPv6.isValid(text)) return undefined;
  const address = ipaddr.IPv6.parse(text);
  if (address.isIPv4MappedAddress()) return address.toIPv4Address().toString();
  // ipaddr.js 2.x toString() writes the RFC 5952 form; a zone index (%eth0) is kept as written.
  return address.toString();
}
