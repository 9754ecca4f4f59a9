// Field readers for the geodata YAML files: each check names the file, the field path and the
// value, so that a bad entry can be found and fixed without a stack trace.

import { DataError } from '../errors.ts';

export type YamlMapping = Record<string, unknown>;

export function isMapping(value: unknown): value is YamlMapping {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

// Lower-case LDH labels, or punycode labels, separated by dots; no leading or trailing dot.
const domainPattern = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

export class FieldReader {
  constructor(readonly file: string) {}

  fail(path: string, problem: string, hint?: string): never {
    throw new DataError(`${this.file}: ${path}: ${problem}`, hint);
  }

  string(value: unknown, path: string): string {
    if (typeof value !== 'string' || value.trim() === '') this.fail(path, `expected a non-empty string, got ${JSON.stringify(value)}`);
    return value.trim();
  }

  domain(value: unknown, path: string): string {
    const text = this.string(value, path);
    if (!domainPattern.test(text)) {
      this.fail(path, `invalid domain ${JSON.stringify(text)}`, 'Write domains in lower case without scheme, path or trailing dot, for example "praha.eu".');
    }
    return text;
  }

  /** Reads an optional list; a missing or null field is an empty list. */
  list(value: unknown, path: string): unknown[] {
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) this.fail(path, `expected a list, got ${JSON.stringify(value)}`);
    return value;
  }

  /** Reads an optional mapping; a missing or null field is an empty mapping. */
  mapping(value: unknown, path: string): YamlMapping {
    if (value === undefined || value === null) return {};
    if (!isMapping(value)) this.fail(path, `expected a mapping, got ${JSON.stringify(value)}`);
    return value;
  }

  number(value: unknown, path: string, minimum: number, maximum: number): number {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < minimum || value > maximum) {
      this.fail(path, `expected a number from ${minimum} to ${maximum}, got ${JSON.stringify(value)}`);
    }
    return value;
  }

  /** Checks the source and licence header that every geodata file must carry. */
  provenance(document: YamlMapping): void {
    const sources = this.list(document.source, 'source');
    if (sources.length === 0) this.fail('source', 'missing source list', 'Name where the entries come from in a "source:" list.');
    sources.forEach((entry, i) => this.string(entry, `source[${i}]`));
    this.string(document.licence, 'licence');
  }
}
