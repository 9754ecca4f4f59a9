import { gazetteerIndex, type GazetteerCity } from './gazetteer-index.ts';

/**
 * Lists the GeoNames cities (at least 1,000 inhabitants) of one country, most populous first.
 * Returns an empty list for an unknown code.
 */
export function citiesOf(country: string): readonly GazetteerCity[] {
  return gazetteerIndex().byCountry.get(country.toUpperCase()) ?? [];
}
