import ipaddr from 'ipaddr.js';

/** One IP address in canonical form, ready for a database lookup. */
export interface ParsedAddress {
  version: 4 | 6;
  /** Network-order bytes: 4 for IPv4, 16 for IPv6. */
  bytes: number[];
  /** Canonical text: dotted quad, or RFC 5952 compressed IPv6 without a zone index. */
  text: string;
}

/**
 * Parses an IPv4 or IPv6 address and maps IPv4-mapped IPv6 (::ffff:a.b.c.d) to IPv4,
 * so that both spellings of one host hit the same database record.
 * Returns undefined for text that is not an address. IPv4 must be four decimal parts:
 * ipaddr.js would otherwise accept shorthand such as "127.1" or octal "010.0.0.1".
 */
export function parseAddress(text: string): ParsedAddress | undefined {
  const trimmed = text.trim();

  if (trimmed.includes(':')) {
    if (!ipaddr.IPv6.isValid(trimmed)) return undefined;
    const ipv6 = ipaddr.IPv6.parse(trimmed);
    if (ipv6.isIPv4MappedAddress()) return fromIpv4(ipv6.toIPv4Address());
    const bytes = ipv6.toByteArray();
    // A zone index (fe80::1%eth0) names a local interface, not part of the address.
    return { version: 6, bytes, text: ipaddr.fromByteArray(bytes).toString() };
  }

  if (!ipaddr.IPv4.isValidFourPartDecimal(trimmed)) return undefined;
  return fromIpv4(ipaddr.IPv4.parse(trimmed));
}

function fromIpv4(ipv4: ipaddr.IPv4): ParsedAddress {
  return { version: 4, bytes: ipv4.toByteArray(), text: ipv4.toString() };
}

/** Formats the network of `bytes` with `prefixLength` leading bits as CIDR text, for example "81.2.69.142/31". */
export function formatNetwork(bytes: readonly number[], prefixLength: number): string {
  const masked = bytes.map((byte, index) => {
    const bitsInByte = Math.max(0, Math.min(8, prefixLength - index * 8));
    return byte & ((0xff << (8 - bitsInByte)) & 0xff);
  });
  return `${ipaddr.fromByteArray(masked).toString()}/${prefixLength}`;
}
