// Membership test for the monitored population: sorted, merged address ranges searched by bisection.
import ipaddr from 'ipaddr.js';
import { normalizeAddress, parseIPv4 } from './normalize-address.ts';

/** One population network as parsed, before merging. */
export interface PopulationNetwork {
  /** Canonical CIDR text, for example "192.0.2.0/24" or "2001:db8::/32". */
  cidr: string;
  family: 'ipv4' | 'ipv6';
  /** First and last address of the network, inclusive. */
  first: bigint;
  last: bigint;
}

// contains() is called twice per connection record and most logs repeat the same few hundred
// addresses, so results for IPv6 and IPv4-mapped text are cached per address text. The cache is
// cleared when full.
const CACHE_LIMIT = 65_536;

/** A set of IPv4 and IPv6 networks with a fast contains(). Build it with parsePopulation. */
export class PopulationSet {
  /** Canonical CIDRs as given (deduplicated, sorted IPv4 first, then by first address). */
  readonly cidrs: readonly string[];

  // IPv4 ranges as unsigned 32-bit numbers, merged so that starts and ends both ascend.
  private readonly v4Starts: Float64Array;
  private readonly v4Ends: Float64Array;
  private readonly v6Starts: bigint[];
  private readonly v6Ends: bigint[];
  private readonly cache = new Map<string, boolean>();

  constructor(networks: readonly PopulationNetwork[]) {
    const sorted = [...networks].sort(compareNetworks);
    this.cidrs = [...new Set(sorted.map((network) => network.cidr))];

    const v4 = mergeRanges(sorted.filter((network) => network.family === 'ipv4'));
    this.v4Starts = Float64Array.from(v4.map((range) => Number(range[0])));
    this.v4Ends = Float64Array.from(v4.map((range) => Number(range[1])));

    const v6 = mergeRanges(sorted.filter((network) => network.family === 'ipv6'));
    this.v6Starts = v6.map((range) => range[0]);
    this.v6Ends = v6.map((range) => range[1]);
  }

  /** Number of merged ranges (overlapping and adjacent networks count once). */
  get rangeCount(): number {
    return this.v4Starts.length + this.v6Starts.length;
  }

  /** Tests whether an address lies in the population; text that is not an address returns false. */
  contains(address: string): boolean {
    // Plain IPv4 text is parsed and searched faster than a string-keyed cache can hash it.
    const v4 = parseIPv4(address);
    if (v4 !== -1) return rangesContain(this.v4Starts, this.v4Ends, v4);

    const cached = this.cache.get(address);
    if (cached !== undefined) return cached;

    const result = this.lookup(address);
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    this.cache.set(address, result);
    return result;
  }

  private lookup(address: string): boolean {
    const v4 = parseIPv4(address);
    if (v4 !== -1) return rangesContain(this.v4Starts, this.v4Ends, v4);

    const normalized = normalizeAddress(address);
    if (normalized === undefined) return false;
    const mapped = parseIPv4(normalized);
    if (mapped !== -1) return rangesContain(this.v4Starts, this.v4Ends, mapped);

    const value = ipv6ToBigInt(normalized);
    return rangesContain(this.v6Starts, this.v6Ends, value);
  }
}

/** Converts IPv6 text (already validated) to a 128-bit integer; a zone index is ignored. */
export function ipv6ToBigInt(text: string): bigint {
  const parts = ipaddr.IPv6.parse(text).parts;
  let value = 0n;
  for (const part of parts) value = (value << 16n) | BigInt(part);
  return value;
}

function compareNetworks(a: PopulationNetwork, b: PopulationNetwork): number {
  if (a.family !== b.family) return a.family === 'ipv4' ? -1 : 1;
  if (a.first !== b.first) return a.first < b.first ? -1 : 1;
  if (a.last !== b.last) return a.last < b.last ? -1 : 1;
  return 0;
}

// Expects networks sorted by first address; merges overlapping and adjacent ranges.
function mergeRanges(networks: readonly PopulationNetwork[]): Array<[bigint, bigint]> {
  const merged: Array<[bigint, bigint]> = [];
  for (const network of networks) {
    const previous = merged[merged.length - 1];
    if (previous !== undefined && network.first <= previous[1] + 1n) {
      if (network.last > previous[1]) previous[1] = network.last;
    } else {
      merged.push([network.first, network.last]);
    }
  }
  return merged;
}

// Finds the last range starting at or before value, then checks its end.
function rangesContain<T extends number | bigint>(starts: ArrayLike<T>, ends: ArrayLike<T>, value: T): boolean {
  let low = 0;
  let high = starts.length - 1;
  let candidate = -1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    if (starts[middle] <= value) {
      candidate = middle;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return candidate !== -1 && value <= ends[candidate];
}
