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
 * The lines of one read chunk and the parser that turns each into a record on request. Records
 * are parsed one at a time, so each is garbage before the next exists. When a whole chunk of
 * records was parsed at once, they survived young-generation collections, and V8 then allocated
 * every later record in the old generation (Node 20).
 */
export class RecordBatch {
  #next = 0;

  constructor(
    private readonly lines: readonly string[],
    private readonly firstLine: number,
    private readonly parser: LineParser,
  ) {}

  /** Returns the next record, or undefined when the batch is done. Lines without a record are counted and skipped. */
  next(): LogRecord | undefined {
    const lines = this.lines;
    while (this.#next < lines.length) {
      const index = this.#next++;
      const record = this.parser.parseLine(lines[index], this.firstLine + index);
      if (record !== undefined) return record;
    }
    return undefined;
  }

  /** Returns the remaining records as a list. */
  toArray(): LogRecord[] {
    const records: LogRecord[] = [];
    for (let record = this.next(); record !== undefined; record = this.next()) records.push(record);
    return records;
  }
}

/**
 * Yields the file's records in batches, one batch per chunk read (a few thousand lines), because a
 * promise per record would cost more than parsing a Zeek conn line. Each data line is counted in
 * options.tally.read, and each line that yields no record in rejected or ignored with a reason.
 * The caller counts each record it takes as used or ignored, so that read = used + rejected +
 * ignored is true once the later stages have decided. Lines of a batch the caller did not finish
 * are parsed and counted before the next batch. Throws InputError for an unreadable file, a
 * truncated gzip stream (after yielding the records before it), or a header that lacks required
 * columns.
 */
export async function* readLogFile(input: InputFile, options: ReadLogFileOptions): AsyncGenerator<RecordBatch> {
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
    const batch = new RecordBatch(lines, nextLine, parser);
    nextLine += lines.length;
    yield batch;
    while (batch.next() !== undefined);
  }
}
