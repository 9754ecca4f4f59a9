// Classifies the network of one remote address from its AS number and holder name.
//
// Order of checks, first match wins:
//  1. Tor exit list (per address), because an exit can sit on any network.
//  2. Global platforms, before the generic lists, because platform operators also run
//     clouds and CDNs (Google Cloud, AWS, Azure); the platform is the better evidence.
//  3. CDN, then cloud and hosting: servers whose location is not their users' location.
//  4. Opsec (VPN operators' own networks).
//  5. Education, government, access ISPs: networks whose addresses are near their users.
//  6. Org-name patterns (patterns.yaml), weak evidence, marked "org-name pattern".
//  7. unknown.
// National platforms (Yandex, Seznam, ...) are not global platforms: their networks fall
// through to the later checks, and categorise calls platformForAsn for their country.
import type { NetworkInfo } from '../types.ts';
import type { NetworkLists, PlatformEntry } from './load-network-lists.ts';

export { loadNetworkLists, type NetworkLists } from './load-network-lists.ts';
import { parseAddress } from './parse-address.ts';

/** NetworkInfo plus the platform operator, where the AS belongs to one. */
export interface EnrichedNetworkInfo extends NetworkInfo {
  platform?: PlatformInfo;
}

export interface PlatformInfo {
  name: string;
  scope: 'global' | 'national';
  country?: string;
}

/** Classifies one address's network; `asn` and `organization` come from the ASN database. */
export function classifyNetwork(
  asn: number | undefined,
  organization: string | undefined,
  address: string,
  lists: NetworkLists,
): EnrichedNetworkInfo {
  const base: EnrichedNetworkInfo = { networkClass: 'unknown' };
  if (asn !== undefined) base.asn = asn;
  if (organization !== undefined) base.organization = organization;

  if (lists.torExits !== undefined && lists.torExits.size > 0) {
    const canonical = parseAddress(address)?.text;
    if (canonical !== undefined && lists.torExits.has(canonical)) {
      return { ...base, networkClass: 'opsec', classSource: 'Tor exit list' };
    }
  }

  const platform = asn === undefined ? undefined : lists.platforms.get(asn);
  if (platform !== undefined) base.platform = platformInfo(platform);
  if (platform?.scope === 'global') {
    return { ...base, networkClass: 'global-platform', classSource: `platforms.yaml: ${platform.name}` };
  }

  if (asn !== undefined) {
    for (const list of lists.lists) {
      const entry = list.byAsn.get(asn);
      if (entry !== undefined) return { ...base, networkClass: list.networkClass, classSource: `${list.file}: ${entry.name}` };
    }
  }

  if (organization !== undefined) {
    for (const { networkClass, pattern } of lists.patterns) {
      if (pattern.test(organization)) return { ...base, networkClass, classSource: 'org-name pattern' };
    }
  }
  return base;
}

/** Returns the platform operator of an AS (global or national), for categorise. */
export function platformForAsn(asn: number | undefined, lists: NetworkLists): PlatformInfo | undefined {
  const platform = asn === undefined ? undefined : lists.platforms.get(asn);
  return platform === undefined ? undefined : platformInfo(platform);
}

function platformInfo(platform: PlatformEntry): PlatformInfo {
  return platform.country === undefined
    ? { name: platform.name, scope: platform.scope }
    : { name: platform.name, scope: platform.scope, country: platform.country };
}
