// Binary search over the compiled ASN ranges (see compile-asn-csv.ts).
import type { Ipv4AsnRanges, Ipv6AsnRanges } from './compile-asn-csv.ts';

/** Returns the index of the IPv4 range that contains `address` (an unsigned 32-bit integer), or -1. */
export function findIpv4AsnRange(ranges: Ipv4AsnRanges, address: number): number {
  const { starts, ends } = ranges;
  // Find the last range whose start is <= address; ranges are disjoint, so only it can match.
  let low = 0;
  let high = starts.length - 1;
  let candidate = -1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    if (starts[middle] <= address) {
      candidate = middle;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return candidate >= 0 && address <= ends[candidate] ? candidate : -1;
}

/** Returns the index of the IPv6 range that contains the address given as high and low 64 bits, or -1. */
export function findIpv6AsnRange(ranges: Ipv6AsnRanges, high64: bigint, low64: bigint): number {
  const { startsHigh, startsLow, endsHigh, endsLow } = ranges;
  let low = 0;
  let high = startsHigh.length - 1;
  let candidate = -1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const startHigh = startsHigh[middle];
    if (startHigh < high64 || (startHigh === high64 && startsLow[middle] <= low64)) {
      candidate = middle;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  if (candidate < 0) return -1;
  const endHigh = endsHigh[candidate];
  return high64 < endHigh || (high64 === endHigh && low64 <= endsLow[candidate]) ? candidate : -1;
}

/** Splits 16 network-order bytes into high and low 64-bit halves. */
export function ipv6BytesToHalves(bytes: readonly number[]): [bigint, bigint] {
  const view = new DataView(Uint8Array.from(bytes).buffer);
  return [view.getBigUint64(0), view.getBigUint64(8)];
}

/** Converts 4 network-order bytes to an unsigned 32-bit integer. */
export function ipv4BytesToNumber(bytes: readonly number[]): number {
  return ((bytes[0] << 24) | (bytes[1] << 16) | (bytes[2] << 8) | bytes[3]) >>> 0;
}
