import type { LogRecord } from '../types.ts';

/** Parses the lines of one file in order; keeps header state from line to line. */
export interface LineParser {
  /**
   * Parses one line and returns its record, or undefined for a header or blank line and for a
   * line it rejected or ignored (counted in its FileTally).
   */
  parseLine(line: string, lineNumber: number): LogRecord | undefined;
}
