// Detects an input file's format and log kind from its first lines, never from its name.
import { InputError } from '../errors.ts';
import type { LogKind } from '../types.ts';
import { isFlowCsvHeader, splitCsvLine } from './flow-csv.ts';
import type { InputFormat, InputFormatOverride } from './input-format.ts';
import { readLineBatches } from './line-batches.ts';
import { kindFromFields, kindFromPath, type KindDetection } from './zeek-kind.ts';
import { applyZeekHeaderLine, defaultZeekTsvHeader, detectZeekTsvKind } from './zeek-tsv.ts';

export type InputDetection =
  | { format: InputFormat; kind: LogKind }
  | { format: InputFormat; unsupported: string }
  | { skipReason: string }
  | { unrecognised: string };

// Lines inspected at most. A Zeek TSV header has 8 lines and a CSV file decides on its first line.
// Zeek JSON leaves unset fields out, so a JSON log is judged on the keys of all these lines.
const MAX_DETECTION_LINES = 64;

/**
 * Reads the start of a file and detects its format and kind. Returns { unrecognised } with a
 * description when the content fits no supported format, { skipReason } for an empty file.
 * Throws InputError for a missing or unreadable file.
 */
export async function detectInput(filePath: string, override?: InputFormatOverride): Promise<InputDetection> {
  const head = await readHead(filePath);
  const first = head.find((line) => line.trim() !== '');
  if (first === undefined) return { skipReason: 'empty file' };

  // A JSON log whose first line is damaged is still recognised by the object lines after it.
  const format = override?.format ?? guessFormat(first) ?? (detectKind('zeek-json', head, first) !== undefined ? 'zeek-json' : undefined);
  if (format === undefined) {
    return { unrecognised: `the first line starts with ${JSON.stringify(first.slice(0, 40))}` };
  }
  if (override?.kind !== undefined) return { format, kind: override.kind };

  const detection = detectKind(format, head, first);
  if (detection === undefined) return { unrecognised: `its ${format} header names no known log fields` };
  return 'kind' in detection ? { format, kind: detection.kind } : { format, unsupported: detection.unsupported };
}

async function readHead(filePath: string): Promise<string[]> {
  const head: string[] = [];
  try {
    for await (const batch of readLineBatches(filePath)) {
      head.push(...batch.slice(0, MAX_DETECTION_LINES - head.length));
      if (head.length >= MAX_DETECTION_LINES) break;
    }
  } catch (error) {
    // A truncated gzip file still has a readable start, so detection goes on with what was read.
    if (head.length === 0) throw error;
  }
  return head;
}

function guessFormat(first: string): InputFormat | undefined {
  if (first.startsWith('#')) return 'zeek-tsv';
  if (first.trimStart().startsWith('{')) return 'zeek-json';
  if (isFlowCsvHeader(splitCsvLine(first))) return 'flow-csv';
  return undefined;
}

function detectKind(format: InputFormat, head: readonly string[], first: string): KindDetection | undefined {
  switch (format) {
    case 'flow-csv':
      return isFlowCsvHeader(splitCsvLine(first)) ? { kind: 'conn' } : undefined;
    case 'zeek-tsv': {
      const header = defaultZeekTsvHeader();
      for (const line of head) {
        if (!line.startsWith('#')) break;
        applyZeekHeaderLine(header, line);
      }
      return header.fields.length === 0 && header.path === undefined ? undefined : detectZeekTsvKind(header);
    }
    case 'zeek-json':
      return detectJsonKind(head);
  }
}

/**
 * Detects the kind of a JSON log from its first object lines, in order: a line's "_path" value,
 * or else the keys of the lines read so far, decide as soon as they name a kind. Zeek's JSON
 * writer leaves unset fields out, so one line may lack the marker fields of its kind (an ssl line
 * of a failed handshake has no server_name). Lines that are not JSON objects are passed over.
 */
function detectJsonKind(head: readonly string[]): KindDetection | undefined {
  const keys = new Set<string>();
  for (const line of head) {
    if (line.trim() === '') continue;
    let object: unknown;
    try {
      object = JSON.parse(line);
    } catch {
      continue;
    }
    if (object === null || typeof object !== 'object' || Array.isArray(object)) continue;

    const record = object as Record<string, unknown>;
    if (typeof record._path === 'string') return kindFromPath(record._path);
    for (const key of flattenKeys(record)) keys.add(key);
    const detection = kindFromFields(keys);
    if (detection !== undefined && !('unsupported' in detection && detection.unsupported === 'unknown')) return detection;
  }
  return keys.size === 0 ? undefined : kindFromFields(keys);
}

// Lists keys in the flat dotted form, so {"id": {"orig_h": ...}} gives "id" and "id.orig_h".
function flattenKeys(object: Record<string, unknown>, prefix = ''): string[] {
  const keys: string[] = [];
  for (const [key, value] of Object.entries(object)) {
    const name = prefix + key;
    keys.push(name);
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      keys.push(...flattenKeys(value as Record<string, unknown>, `${name}.`));
    }
  }
  return keys;
}

/** Builds the InputError for a file named as input whose content fits no supported format. */
export function unrecognisedInputError(filePath: string, description: string): InputError {
  return new InputError(
    `Input file ${filePath} is not a recognised log: ${description}.`,
    'Expected a Zeek TSV log (with #fields header), Zeek JSON lines, or a NetFlow/IPFIX CSV export with a header row. Use --input-format to force a format.',
  );
}
