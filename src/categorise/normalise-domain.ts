import { isIP } from 'node:net';

export interface NormalisedHost {
  /** Lower-case host without trailing dot, port or IPv6 brackets; "" for empty input. */
  host: string;
  /** True for an IPv4 or IPv6 literal (for example an SNI of "10.1.138.176"). */
  isIpLiteral: boolean;
}

/**
 * Normalises a domain as logs write it (SNI, HTTP Host, DNS query): trims, lower-cases, drops a
 * trailing dot, a ":port" suffix and the brackets of "[IPv6]:port".
 */
export function normaliseDomain(domain: string): NormalisedHost {
  let host = domain.trim().toLowerCase();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(host);
  if (bracketed !== null) {
    host = bracketed[1];
  } else if (/^[^:]+:\d+$/.test(host)) {
    // One colon followed by digits is a port; IPv6 literals have two or more colons.
    host = host.slice(0, host.lastIndexOf(':'));
  }
  host = host.replace(/\.+$/, '');
  return { host, isIpLiteral: isIP(host) !== 0 };
}
