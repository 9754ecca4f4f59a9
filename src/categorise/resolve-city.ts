import { gazetteerIndex, normaliseCityName, type GazetteerCity } from './gazetteer-index.ts';

/**
 * Resolves a city name (GeoNames English name, a curated alias such as "Bangalore", or a GeoLite2
 * city name) within one country. Where several places share the name, returns the most populous.
 *
 * @param country ISO 3166-1 alpha-2 code, any case
 * @returns the gazetteer entry, or undefined when the country has no city of that name
 */
export function resolveCity(country: string, name: string): GazetteerCity | undefined {
  const index = gazetteerIndex();
  const code = country.toUpperCase();
  const key = normaliseCityName(name);
  // The curated alias wins over a GeoNames place of the same spelling, so that for example a
  // small "Washington" does not shadow GeoLite2's "Washington" for the capital.
  return index.byAlias.get(code)?.get(key) ?? index.byName.get(code)?.get(key)?.[0];
}
