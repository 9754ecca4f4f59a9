// Domain attribution: which domain names a remote address served, learned from the same logs.
//
// Sources, strongest first:
// - TLS SNI (ssl.log server_name) and HTTP Host (http.log host): the client named the site it
//   wanted on that very address, so they hold for the whole run.
// - DNS answers (dns.log): a name resolved to the address. They hold from the answer's time
//   until its TTL runs out, widened to at least `minDnsWindowSeconds` because clients and
//   resolvers keep answers longer than the TTL, and capped at `maxDnsWindowSeconds`.
// An address that served several names gets each name's share of its observations; the caller
// splits the connection's weight by these shares and reports the ambiguity instead of picking one.

import type { DnsRecord, HttpRecord, SslRecord } from '../types.ts';
import { isIP } from 'node:net';
import { normalizeAddress } from '../population/normalize-address.ts';
import { compareText } from '../util/compare-text.ts';
import { ownString } from '../util/own-string.ts';

export interface DomainShare {
  domain: string;
  /** Fraction of the address's observations, between 0 and 1; the shares of one address sum to 1. */
  share: number;
}

export interface Attribution {
  domains: DomainShare[];
  source: 'sni-or-host' | 'dns';
  /** 1 minus the largest share: 0 when one name explains the address, near 1 when many do. */
  ambiguity: number;
}

export interface DomainIndexOptions {
  /** Seconds a DNS answer is trusted at least, whatever its TTL. */
  minDnsWindowSeconds?: number;
  /** Seconds a DNS answer is trusted at most, whatever its TTL. */
  maxDnsWindowSeconds?: number;
}

interface DnsInterval {
  domain: string;
  from: number;
  until: number;
}

/** Normalises a host name: lower case, no trailing dot, no port; undefined for IP literals and junk. */
export function normalizeDomain(name: string): string | undefined {
  let domain = name.trim().toLowerCase();
  if (domain.startsWith('[')) return undefined;
  const colon = domain.lastIndexOf(':');
  if (colon > 0 && domain.indexOf(':') === colon) domain = domain.slice(0, colon);
  if (domain.endsWith('.')) domain = domain.slice(0, -1);
  if (domain.length === 0 || domain.length > 253 || isIP(domain) !== 0) return undefined;
  if (!/^[a-z0-9_.-]+$/.test(domain) || !domain.includes('.')) return undefined;
  return domain;
}

export class DomainIndex {
  readonly #observed = new Map<string, Map<string, number>>();
  readonly #dns = new Map<string, DnsInterval[]>();
  readonly #sortedAddresses = new Set<string>();
  readonly #attributionCache = new Map<string, Attribution>();
  readonly #minWindow: number;
  readonly #maxWindow: number;

  constructor(options: DomainIndexOptions = {}) {
    this.#minWindow = options.minDnsWindowSeconds ?? 3600;
    this.#maxWindow = options.maxDnsWindowSeconds ?? 86400;
  }

  /** Records one SNI or HTTP Host observation; returns false when the record names no usable domain. */
  addObservation(record: SslRecord | HttpRecord): boolean {
    const address = normalizeAddress(record.respHost);
    const domain = normalizeDomain(record.kind === 'ssl' ? record.serverName : record.host);
    if (!address || !domain) return false;

    // Keys are copied, so that they do not keep the read chunk they were cut from (see ownString).
    let counts = this.#observed.get(address);
    if (!counts) {
      counts = new Map();
      this.#observed.set(ownString(address), counts);
    }
    const count = counts.get(domain);
    counts.set(count === undefined ? ownString(domain) : domain, (count ?? 0) + 1);
    this.#attributionCache.delete(address);
    return true;
  }

  /** Records the address answers of one DNS response; returns how many were usable. */
  addDnsAnswer(record: DnsRecord): number {
    const query = normalizeDomain(record.query);
    if (!query) return 0;
    const domain = ownString(query);

    let added = 0;
    record.answers.forEach((answer, index) => {
      const address = normalizeAddress(answer);
      if (!address) return; // CNAME, PTR, TXT and other non-address rdata

      const ttl = record.ttls[index] ?? record.ttls[0] ?? 0;
      const window = Math.min(this.#maxWindow, Math.max(this.#minWindow, ttl));
      let intervals = this.#dns.get(address);
      if (!intervals) {
        intervals = [];
        this.#dns.set(ownString(address), intervals);
      }
      intervals.push({ domain, from: record.ts, until: record.ts + window });
      this.#sortedAddresses.delete(address);
      added += 1;
    });
    return added;
  }

  /**
   * Tells whether attribute(address, ts) gives the same answer at every time: true when the address
   * has SNI or Host names, which hold for the whole run, or no DNS answers at all. Ask it after
   * every name has been added.
   */
  isTimeInvariant(address: string): boolean {
    return this.#observed.has(address) || !this.#dns.has(address);
  }

  /** Returns the domains that explain a connection to `address` at time `ts` (seconds), if any. */
  attribute(address: string, ts: number): Attribution | undefined {
    const cached = this.#attributionCache.get(address);
    if (cached) return cached;

    const counts = this.#observed.get(address);
    if (counts) {
      const attribution = toAttribution(counts, 'sni-or-host');
      this.#attributionCache.set(address, attribution);
      return attribution;
    }

    const intervals = this.#dns.get(address);
    if (!intervals) return undefined;
    if (!this.#sortedAddresses.has(address)) {
      intervals.sort((a, b) => a.from - b.from || compareText(a.domain, b.domain));
      this.#sortedAddresses.add(address);
    }

    // Answers are sorted by start; every interval that started before ts and has not ended counts.
    const matching = new Map<string, number>();
    for (const interval of intervals) {
      if (interval.from > ts) break;
      if (interval.until >= ts) matching.set(interval.domain, (matching.get(interval.domain) ?? 0) + 1);
    }
    return matching.size > 0 ? toAttribution(matching, 'dns') : undefined;
  }

  get observedAddressCount(): number {
    return this.#observed.size;
  }

  get dnsAddressCount(): number {
    return this.#dns.size;
  }
}

function toAttribution(counts: Map<string, number>, source: Attribution['source']): Attribution {
  let total = 0;
  for (const count of counts.values()) total += count;

  const domains = [...counts]
    .map(([domain, count]) => ({ domain, share: count / total }))
    .sort((a, b) => b.share - a.share || (a.domain < b.domain ? -1 : 1));
  return { domains, source, ambiguity: 1 - domains[0].share };
}
