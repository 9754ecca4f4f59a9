import type { LogRecord } from '../types.ts';

/** Parses batches of lines of one file; keeps header state between batches. */
export interface LineParser {
  /** Parses lines numbered from firstLine and appends the records it accepts to out. */
  parseLines(lines: readonly string[], firstLine: number, out: LogRecord[]): void;
}
