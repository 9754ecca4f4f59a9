// Input formats and the --input-format option.
import { ConfigError } from '../errors.ts';
import type { LogKind } from '../types.ts';

export type InputFormat = 'zeek-tsv' | 'zeek-json' | 'flow-csv';

/** One input file with its detected (or forced) format and kind. */
export interface InputFile {
  path: string;
  format: InputFormat;
  kind: LogKind;
  /** True when --input-format fixed the kind, so Zeek #path and JSON _path values do not change it. */
  kindForced?: boolean;
}

/** A file that discoverInputs found but will not read. */
export interface SkippedInput {
  path: string;
  reason: string;
}

/** A parsed --input-format value; kind is undefined where it is left to detection. */
export interface InputFormatOverride {
  format: InputFormat;
  kind?: LogKind;
}

const FORMATS: readonly InputFormat[] = ['zeek-tsv', 'zeek-json', 'flow-csv'];
const KINDS: readonly LogKind[] = ['conn', 'dns', 'ssl', 'http'];

/**
 * Parses an --input-format value: a format (zeek-tsv, zeek-json, flow-csv), optionally followed by
 * ":" and a log kind (conn, dns, ssl, http), for example "zeek-json:ssl". flow-csv is always conn.
 */
export function parseInputFormat(text: string): InputFormatOverride {
  const [formatText, kindText, extra] = text.trim().split(':');
  const expected = `Use one of ${FORMATS.join(', ')}, optionally followed by :conn, :dns, :ssl or :http (for example zeek-json:ssl).`;
  if (!FORMATS.includes(formatText as InputFormat) || extra !== undefined) {
    throw new ConfigError(`Invalid input format "${text}". ${expected}`);
  }
  const format = formatText as InputFormat;
  if (kindText === undefined) return { format, kind: format === 'flow-csv' ? 'conn' : undefined };
  if (!KINDS.includes(kindText as LogKind) || (format === 'flow-csv' && kindText !== 'conn')) {
    throw new ConfigError(`Invalid input format "${text}": unknown or impossible log kind "${kindText}". ${expected}`);
  }
  return { format, kind: kindText as LogKind };
}
