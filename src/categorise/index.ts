// Categorise stage: who uses a resource (local news, government, university, economic zone,
// national platform) as opposed to global services, CDNs, cloud hosting and anonymity services.

export { loadGeodata, defaultGeodataDir } from './load-geodata.ts';
export { categoriseDomain, findDomainRule } from './categorise-domain.ts';
export { categoriseNetworkOnly } from './categorise-network-only.ts';
export { matchEconomicZones, defaultAccuracyRadiusKm, type ZoneMatch } from './match-economic-zones.ts';
export { resolveCity } from './resolve-city.ts';
export { citiesOf } from './cities-of.ts';
export { findCityInName } from './find-city-in-name.ts';
export { normaliseDomain } from './normalise-domain.ts';
export type { GazetteerCity } from './gazetteer-index.ts';
export type { CountryData, DomainRule, EconomicZone, Geodata } from './geodata-types.ts';
