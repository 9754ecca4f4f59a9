// Categorises a remote address that no domain name describes, from its network class alone.

import type { Category, GeoLocation, NetworkInfo, ResourceAudience } from '../types.ts';
import { resolveCity } from './resolve-city.ts';

const categoryOfClass: Record<NetworkInfo['networkClass'], Category> = {
  cdn: 'cdn-cloud',
  'cloud-hosting': 'cdn-cloud',
  opsec: 'opsec',
  'global-platform': 'global-service',
  education: 'university',
  government: 'national-government',
  'access-isp': 'other',
  unknown: 'other',
};

/**
 * Categorises an address without a domain: CDN and cloud hosting -> cdn-cloud, opsec -> opsec,
 * global platforms -> global-service (all without a country, because their audience is global);
 * education -> university at the geolocated country and city; government -> national-government
 * at the geolocated country; anything else -> other at the geolocated country.
 *
 * @param address the remote address, used as the resource where the network has no ASN
 */
export function categoriseNetworkOnly(network: NetworkInfo, geo: GeoLocation | undefined, address: string): ResourceAudience {
  const category = categoryOfClass[network.networkClass];
  const resource = network.asn === undefined ? address : `AS${network.asn}`;
  const source = network.classSource === undefined ? '' : ` (${network.classSource})`;
  const rule = `network class ${network.networkClass}${source}`;

  if (category === 'cdn-cloud' || category === 'opsec' || category === 'global-service') {
    return { resource, category, rule };
  }
  const country = geo?.country?.toUpperCase();
  if (country === undefined) return { resource, category, rule: `${rule}, no geolocation` };
  if (category !== 'university' || geo?.city === undefined) return { resource, category, country, rule };

  // Universities are local to a city; use the gazetteer spelling so that scores add up per city.
  const city = resolveCity(country, geo.city);
  if (city === undefined) return { resource, category, country, rule: `${rule}, city "${geo.city}" not in gazetteer` };
  return { resource, category, country, city: city.name, rule };
}
