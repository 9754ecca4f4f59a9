// Joins the GeoIP and ASN lookups and the network class for each remote address, with a
// per-address cache. Location objects are shared per database record and network
// objects per (AS, holder), so memory grows with distinct networks plus one small
// object per distinct address.
import type { GeoLocation } from '../types.ts';
import { classifyNetwork, type EnrichedNetworkInfo } from './classify-network.ts';
import type { NetworkLists } from './load-network-lists.ts';
import type { AsnDatabase } from './open-asn.ts';
import type { GeoIpDatabase } from './open-geoip.ts';
import { parseAddress } from './parse-address.ts';

export interface Enrichment {
  address: string;
  geo?: GeoLocation;
  /** CIDR of the GeoIP record. */
  geoNetwork?: string;
  network: EnrichedNetworkInfo;
}

export interface EnricherStats {
  /** Calls of the enricher. */
  lookups: number;
  cacheHits: number;
  /** Distinct addresses looked up in the databases (cache misses). */
  distinctAddresses: number;
  /** Distinct addresses without a GeoIP location. */
  withoutGeolocation: number;
  /** Distinct addresses without an AS. */
  withoutAsn: number;
}

export interface Enricher {
  (address: string): Enrichment;
  stats(): EnricherStats;
}

export interface EnricherSources {
  geoip: GeoIpDatabase;
  asn: AsnDatabase;
  lists: NetworkLists;
  /** Tor exit addresses from loadTorExits; overrides lists.torExits. */
  torExits?: ReadonlySet<string>;
}

/** Map-like cache of results by address; a Map by default (unbounded, one entry per distinct address). */
export interface EnrichmentCache {
  get(address: string): Enrichment | undefined;
  set(address: string, enrichment: Enrichment): unknown;
}

/**
 * Creates the enricher. It throws InputError for text that is not an IP address and
 * DataError when a database record is corrupt, so the caller can count or stop.
 */
export function createEnricher(sources: EnricherSources, options: { cache?: EnrichmentCache } = {}): Enricher {
  const { geoip, asn } = sources;
  const lists: NetworkLists = sources.torExits === undefined ? sources.lists : { ...sources.lists, torExits: sources.torExits };
  const cache = options.cache ?? new Map<string, Enrichment>();
  const networkInfos = new Map<string, EnrichedNetworkInfo>();
  const stats: EnricherStats = { lookups: 0, cacheHits: 0, distinctAddresses: 0, withoutGeolocation: 0, withoutAsn: 0 };

  const enrich = (address: string): Enrichment => {
    stats.lookups++;
    const cached = cache.get(address);
    if (cached !== undefined) {
      stats.cacheHits++;
      return cached;
    }
    stats.distinctAddresses++;

    const geo = geoip.lookup(address);
    const as = asn.lookup(address);
    if (geo === undefined) stats.withoutGeolocation++;
    if (as === undefined) stats.withoutAsn++;

    const network = sharedNetworkInfo(as?.asn, as?.organization, address);
    const enrichment: Enrichment = { address, network };
    if (geo !== undefined) {
      enrichment.geo = geo.location;
      enrichment.geoNetwork = geo.network;
    }
    cache.set(address, enrichment);
    return enrichment;
  };

  // The class depends on the address only through the Tor exit list; every other
  // address shares one object per (AS, holder).
  function sharedNetworkInfo(asNumber: number | undefined, organization: string | undefined, address: string): EnrichedNetworkInfo {
    if (lists.torExits !== undefined && lists.torExits.has(parseAddress(address)?.text ?? '')) {
      return classifyNetwork(asNumber, organization, address, lists);
    }
    const key = `${asNumber ?? ''}\u0000${organization ?? ''}`;
    let info = networkInfos.get(key);
    if (info === undefined) {
      info = Object.freeze(classifyNetwork(asNumber, organization, address, { ...lists, torExits: undefined }));
      networkInfos.set(key, info);
    }
    return info;
  }

  return Object.assign(enrich, { stats: (): EnricherStats => ({ ...stats }) });
}
