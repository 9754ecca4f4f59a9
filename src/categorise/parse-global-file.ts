// Parses one geodata/global/*.yaml list of global services, CDN and cloud domains, or
// anonymity services.

import type { Category } from '../types.ts';
import type { DomainRule } from './geodata-types.ts';
import { FieldReader, isMapping } from './yaml-fields.ts';

const globalCategories: readonly Category[] = ['global-service', 'cdn-cloud', 'opsec'];

export function parseGlobalFile(document: unknown, file: string): DomainRule[] {
  // Explicit type, so that TypeScript narrows after reader.fail(), which returns never.
  const reader: FieldReader = new FieldReader(file);
  if (!isMapping(document)) reader.fail('(top level)', 'expected a mapping with source, licence, category, entries');
  reader.provenance(document);
  const category = reader.string(document.category, 'category') as Category;
  if (!globalCategories.includes(category)) {
    reader.fail('category', `"${category}" is not a global category`, `Use one of ${globalCategories.join(', ')}.`);
  }

  const rules: DomainRule[] = [];
  reader.list(document.entries, 'entries').forEach((entry, i) => {
    const path = `entries[${i}]`;
    if (!isMapping(entry)) reader.fail(path, `expected { name: ..., domains: [...] }, got ${JSON.stringify(entry)}`);
    const name = reader.string(entry.name, `${path}.name`);
    const domains = reader.list(entry.domains, `${path}.domains`);
    if (domains.length === 0) reader.fail(`${path}.domains`, `no domains listed for "${name}"`);
    domains.forEach((value, j) => {
      const suffix = reader.domain(value, `${path}.domains[${j}]`);
      rules.push({ suffix, category, rule: `${category} list: ${name} (${suffix})`, file });
    });
  });
  return rules;
}
