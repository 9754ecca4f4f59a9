// Zeek ASCII (TSV) logs: header directives, several header blocks per file, rows split once.
import { InputError } from '../errors.ts';
import type { LogKind, LogRecord } from '../types.ts';
import { unescapeZeek } from './field-values.ts';
import type { LineParser } from './line-parser.ts';
import type { FileTally } from './tally.ts';
import { kindFromFields, kindFromPath, type KindDetection } from './zeek-kind.ts';
import { createConnLineParser, type ConnLineParser } from './zeek-conn-line.ts';
import { createZeekRowParser, type ZeekRowParser } from './zeek-rows.ts';

/** Header values of one Zeek TSV header block. */
export interface ZeekTsvHeader {
  separator: string;
  setSeparator: string;
  emptyField: string;
  unsetField: string;
  path?: string;
  fields: string[];
}

/** Returns Zeek's default header values (those of its ASCII writer). */
export function defaultZeekTsvHeader(): ZeekTsvHeader {
  return { separator: '\t', setSeparator: ',', emptyField: '(empty)', unsetField: '-', fields: [] };
}

/**
 * Applies one header line ("#fields\tts\tuid...") to header. "#separator" is followed by a space
 * and an escaped value such as \x09; the other directives use the separator itself.
 * Directives footprint does not need (#open, #close, #types) are accepted and not stored.
 */
export function applyZeekHeaderLine(header: ZeekTsvHeader, line: string): void {
  if (line.startsWith('#separator ')) {
    header.separator = unescapeZeek(line.slice('#separator '.length));
    return;
  }

  const parts = line.split(header.separator);
  const values = parts.slice(1);
  switch (parts[0]) {
    case '#set_separator':
      header.setSeparator = unescapeZeek(values[0] ?? ',');
      break;
    case '#empty_field':
      header.emptyField = values[0] ?? '(empty)';
      break;
    case '#unset_field':
      header.unsetField = values[0] ?? '-';
      break;
    case '#path':
      header.path = values[0];
      break;
    case '#fields':
      header.fields = values;
      break;
  }
}

/** Detects the log kind of a header block, or returns undefined when it fits no Zeek log. */
export function detectZeekTsvKind(header: ZeekTsvHeader): KindDetection | undefined {
  if (header.path !== undefined && header.path !== '') return kindFromPath(header.path);
  return kindFromFields(new Set(header.fields));
}

export class ZeekTsvParser implements LineParser {
  private header = defaultZeekTsvHeader();
  private headerLine = 0;
  // Rebuilt on the first data line after any header line, so a new header block takes effect.
  private rowParser: ZeekRowParser | undefined;
  // Fast path for conn lines with a one-character separator; same results as rowParser.
  private connLineParser: ConnLineParser | undefined;
  private skipReason: string | undefined;
  private ready = false;

  constructor(
    private readonly tally: FileTally,
    private readonly forcedKind?: LogKind,
  ) {}

  parseLine(line: string, lineNumber: number): LogRecord | undefined {
    if (line.length === 0) return undefined;
    if (line.charCodeAt(0) === 35 /* # */) {
      applyZeekHeaderLine(this.header, line);
      if (line.startsWith('#fields')) this.headerLine = lineNumber;
      this.ready = false;
      return undefined;
    }

    if (!this.ready) this.prepare(lineNumber);
    const tally = this.tally;
    tally.tally.read++;
    if (this.skipReason !== undefined) return tally.ignore(this.skipReason);

    if (this.connLineParser !== undefined) return this.connLineParser(line, lineNumber);
    const fields = line.split(this.header.separator);
    if (fields.length !== this.header.fields.length) return tally.rejectFieldCount(lineNumber, fields.length, this.header.fields.length, line);
    return this.rowParser!(fields, lineNumber);
  }

  private prepare(lineNumber: number): void {
    const header = this.header;
    if (header.fields.length === 0) {
      throw new InputError(
        `${this.tally.file} line ${lineNumber}: data row before any #fields header.`,
        'A Zeek TSV log starts with #separator, #fields and #types lines. Check that the file is complete.',
      );
    }

    const detection: KindDetection = this.forcedKind !== undefined
      ? { kind: this.forcedKind }
      : detectZeekTsvKind(header) ?? { unsupported: 'unknown' };
    if ('unsupported' in detection) {
      this.skipReason = `unsupported log kind ${detection.unsupported}`;
      this.rowParser = undefined;
      this.connLineParser = undefined;
    } else {
      const format = { unset: header.unsetField, empty: header.emptyField, setSeparator: header.setSeparator, escaped: true };
      this.rowParser = createZeekRowParser(detection.kind, header.fields, format, this.tally, this.headerLine);
      this.connLineParser = detection.kind === 'conn' ? createConnLineParser(header.fields, header.separator, format, this.tally) : undefined;
      this.skipReason = undefined;
    }
    this.ready = true;
  }
}
