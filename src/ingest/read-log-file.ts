// Reads one input file as batches of records.
import type { LogRecord, RecordTally } from '../types.ts';
import { FlowCsvParser } from './flow-csv.ts';
import type { InputFile } from './input-format.ts';
import type { LineParser } from './line-parser.ts';
import { readLineBatches } from './line-batches.ts';
import { FileTally, type RejectHandler } from './tally.ts';
import { ZeekJsonParser } from './zeek-json.ts';
import { ZeekTsvParser } from './zeek-tsv.ts';

export interface ReadLogFileOptions {
  /** Counts for this file or the whole run; readLogFile adds read, rejected and ignored counts. */
  tally: RecordTally;
  /** Called for every rejected line, for example with createRejectSampler().add. */
  onReject?: RejectHandler;
}

/**
 * Yields the file's records in batches, one batch per chunk read (a few thousand records), because a
 * promise per record would cost more than parsing a Zeek conn line. Each data line is counted in
 * options.tally.read, and each line that yields no record in rejected or ignored with a reason.
 * The caller counts each yielded record as used or ignored, so that read = used + rejected + ignored
 * is true once the later stages have decided. Throws InputError for an unreadable file, a truncated
 * gzip stream (after yielding the records before it), or a header that lacks required columns.
 */
export async function* readLogFile(input: InputFile, options: ReadLogFileOptions): AsyncGenerator<LogRecord[]> {
  const fileTally = new FileTally(input.path, options.tally, options.onReject);
  const forcedKind = input.kindForced === true ? input.kind : undefined;
  const parser: LineParser =
    input.format === 'zeek-tsv'
      ? new ZeekTsvParser(fileTally, forcedKind)
      : input.format === 'zeek-json'
        ? new ZeekJsonParser(fileTally, input.kind, forcedKind)
        : new FlowCsvParser(fileTally);

  let nextLine = 1;
  for await (const lines of readLineBatches(input.path)) {
    const records: LogRecord[] = [];
    parser.parseLines(lines, nextLine, records);
    nextLine += lines.length;
    if (records.length > 0) yield records;
  }
}
