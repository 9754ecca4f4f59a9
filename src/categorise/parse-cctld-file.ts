// Parses geodata/global/cctlds.yaml: country-code TLDs used as generic names, and ccTLDs whose
// country code differs from the TLD.

import { getCountry } from 'countries-and-timezones';
import { FieldReader, isMapping } from './yaml-fields.ts';

export interface CctldExceptions {
  /** ccTLDs that say nothing about the audience's country (for example io, co, tv). */
  generic: Set<string>;
  /** TLD -> ISO code where they differ (uk -> GB). */
  countries: Map<string, string>;
}

export function parseCctldFile(document: unknown, file: string): CctldExceptions {
  // Explicit type, so that TypeScript narrows after reader.fail(), which returns never.
  const reader: FieldReader = new FieldReader(file);
  if (!isMapping(document)) reader.fail('(top level)', 'expected a mapping with generic_cctlds and cctld_countries');
  reader.provenance(document);
  const generic = new Set(reader.list(document.generic_cctlds, 'generic_cctlds').map((tld, i) => reader.domain(tld, `generic_cctlds[${i}]`)));
  const countries = new Map<string, string>();
  for (const [tld, code] of Object.entries(reader.mapping(document.cctld_countries, 'cctld_countries'))) {
    const text = reader.string(code, `cctld_countries.${tld}`);
    if (getCountry(text) === null) reader.fail(`cctld_countries.${tld}`, `unknown ISO 3166-1 alpha-2 code "${text}"`);
    countries.set(reader.domain(tld, `cctld_countries.${tld}`), text);
  }
  return { generic, countries };
}
