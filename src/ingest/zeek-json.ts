// Zeek JSON logs (LogAscii::use_json): one object per line, with flat dotted keys ("id.orig_h")
// or nested objects ({"id": {"orig_h": ...}}). Rows are converted to field strings and parsed by
// the same row parsers as TSV, except conn rows in the plain form (see zeek-json-conn.ts).
import type { LogKind, LogRecord } from '../types.ts';
import type { LineParser } from './line-parser.ts';
import type { FileTally } from './tally.ts';
import { readPlainJsonConn } from './zeek-json-conn.ts';
import { kindFromPath } from './zeek-kind.ts';
import { KIND_COLUMNS, createZeekRowParser, type ZeekRowParser, type ZeekValueFormat } from './zeek-rows.ts';

// Markers for absent values and empty lists. They start with a NUL character, which field values in
// Zeek JSON logs do not contain in practice.
export const JSON_FORMAT: ZeekValueFormat = { unset: '\u0000unset', empty: '\u0000empty', setSeparator: '\u001f', escaped: false };

/** Looks up a Zeek field in the flat form ("id.orig_h") or, failing that, the nested form. */
export function lookupZeekJsonField(object: Record<string, unknown>, name: string, parts = name.split('.')): unknown {
  const flat = object[name];
  if (flat !== undefined || parts.length === 1) return flat;

  let value: unknown = object;
  for (const part of parts) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

// Dotted names split once per kind, because absent fields would otherwise split on every line.
const KIND_PATHS = Object.fromEntries(
  Object.entries(KIND_COLUMNS).map(([kind, names]) => [kind, names.map((name) => [name, name.split('.')] as const)]),
) as unknown as Record<LogKind, ReadonlyArray<readonly [string, string[]]>>;

function toFieldText(value: unknown): string {
  if (value === undefined || value === null) return JSON_FORMAT.unset;
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'T' : 'F';
  if (Array.isArray(value)) return value.length === 0 ? JSON_FORMAT.empty : value.map(String).join(JSON_FORMAT.setSeparator);
  return JSON_FORMAT.unset;
}

/** Returns the values of the columns of KIND_COLUMNS[kind] as field text for the row parsers (JSON_FORMAT). */
export function jsonRowFields(object: Record<string, unknown>, kind: LogKind): string[] {
  const paths = KIND_PATHS[kind];
  const fields = new Array<string>(paths.length);
  for (let column = 0; column < paths.length; column++) {
    const [name, parts] = paths[column];
    fields[column] = toFieldText(lookupZeekJsonField(object, name, parts));
  }
  return fields;
}

export class ZeekJsonParser implements LineParser {
  private readonly rowParsers = new Map<LogKind, ZeekRowParser>();

  /** fileKind is the kind detected for the file; a "_path" key on a line overrides it. */
  constructor(
    private readonly tally: FileTally,
    private readonly fileKind: LogKind,
    private readonly forcedKind?: LogKind,
  ) {}

  parseLine(line: string, lineNumber: number): LogRecord | undefined {
    if (line.trim().length === 0) return undefined;
    const tally = this.tally;
    tally.tally.read++;

    let object: unknown;
    try {
      object = JSON.parse(line);
    } catch {
      return tally.reject('invalid JSON', lineNumber, line);
    }
    if (object === null || typeof object !== 'object' || Array.isArray(object)) return tally.reject('invalid JSON', lineNumber, line);

    const kind = this.kindOf(object as Record<string, unknown>);
    if (typeof kind !== 'string') return tally.ignore(`unsupported log kind ${kind.unsupported}`);

    if (kind === 'conn') {
      const record = readPlainJsonConn(object as Record<string, unknown>, tally.file, lineNumber);
      if (record !== undefined) return record;
    }

    return this.rowParser(kind)(jsonRowFields(object as Record<string, unknown>, kind), lineNumber);
  }

  private kindOf(object: Record<string, unknown>): LogKind | { unsupported: string } {
    if (this.forcedKind !== undefined) return this.forcedKind;
    const path = object._path;
    if (typeof path !== 'string') return this.fileKind;
    const detection = kindFromPath(path);
    return 'kind' in detection ? detection.kind : detection;
  }

  private rowParser(kind: LogKind): ZeekRowParser {
    let parser = this.rowParsers.get(kind);
    if (parser === undefined) {
      parser = createZeekRowParser(kind, KIND_COLUMNS[kind], JSON_FORMAT, this.tally, 0);
      this.rowParsers.set(kind, parser);
    }
    return parser;
  }
}
