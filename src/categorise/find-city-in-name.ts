import { gazetteerIndex, normaliseCityName, type GazetteerCity } from './gazetteer-index.ts';

/**
 * Smallest population of a city that may be recognised inside an institution name. Smaller
 * places are skipped because their names are often ordinary words ("Normal", "Union").
 */
export const minimumPopulationForNameMatch = 15_000;

const maximumWordsInCityName = 4;

/**
 * Finds a city of `country` named inside free text, for example "Prague" in "Czech Technical
 * University of Prague". The longest name wins, then the larger population; cities below
 * `minimumPopulationForNameMatch` are ignored. Curated aliases are not searched, because an
 * alias such as "Washington" for the US capital would misplace "Washington State University".
 *
 * NOTE: a GeoNames name that is also a region or a person ("Washington", "Columbia") can still
 * give a wrong city; curated university overrides in geodata/countries take precedence.
 */
export function findCityInName(country: string, text: string): GazetteerCity | undefined {
  const names = gazetteerIndex().byName.get(country.toUpperCase());
  if (names === undefined) return undefined;
  const words = normaliseCityName(text).split(' ').filter(Boolean);

  for (let length = Math.min(maximumWordsInCityName, words.length); length >= 1; length -= 1) {
    let best: GazetteerCity | undefined;
    for (let start = 0; start + length <= words.length; start += 1) {
      const candidate = names.get(words.slice(start, start + length).join(' '))?.[0];
      if (candidate === undefined || candidate.population < minimumPopulationForNameMatch) continue;
      if (best === undefined || candidate.population > best.population) best = candidate;
    }
    if (best !== undefined) return best;
  }
  return undefined;
}
