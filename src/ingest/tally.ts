// Record counts and rejection examples, so that no skipped input line goes unreported.
import type { RecordTally } from '../types.ts';

/** One rejected line, kept so the report can show what was wrong and where. */
export interface RejectExample {
  reason: string;
  file: string;
  /** 1-based line number in the decompressed file. */
  line: number;
  /** The offending field value, or the start of the line when the whole line is bad. */
  value: string;
}

export type RejectHandler = (example: RejectExample) => void;

export function createTally(): RecordTally {
  return { read: 0, used: 0, rejected: {}, ignored: {} };
}

/** Adds the counts of source into target and returns target. */
export function mergeTally(target: RecordTally, source: RecordTally): RecordTally {
  target.read += source.read;
  target.used += source.used;
  addCounts(target.rejected, source.rejected);
  addCounts(target.ignored, source.ignored);
  return target;
}

function addCounts(target: Record<string, number>, source: Record<string, number>): void {
  for (const [reason, count] of Object.entries(source)) {
    target[reason] = (target[reason] ?? 0) + count;
  }
}

export interface RejectSampler {
  /** Records one rejection; pass it as the onReject option of readLogFile. */
  add: RejectHandler;
  /** Returns the kept examples sorted by reason, file and line. */
  examples(): RejectExample[];
}

/** Creates a collector that keeps the first maxPerReason examples of each rejection reason. */
export function createRejectSampler(maxPerReason = 5): RejectSampler {
  const byReason = new Map<string, RejectExample[]>();
  return {
    add(example) {
      let list = byReason.get(example.reason);
      if (list === undefined) {
        list = [];
        byReason.set(example.reason, list);
      }
      if (list.length < maxPerReason) list.push(example);
    },
    examples() {
      return [...byReason.values()].flat().sort(compareExamples);
    },
  };
}

function compareExamples(a: RejectExample, b: RejectExample): number {
  if (a.reason !== b.reason) return a.reason < b.reason ? -1 : 1;
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return a.line - b.line;
}

// Maximum length of a value kept in an example, so one huge malformed line cannot bloat the report.
const MAX_EXAMPLE_LENGTH = 200;

/** Counting state for one file, passed to every line parser. */
export class FileTally {
  constructor(
    readonly file: string,
    readonly tally: RecordTally,
    private readonly onReject?: RejectHandler,
  ) {}

  reject(reason: string, line: number, value: string): undefined {
    this.tally.rejected[reason] = (this.tally.rejected[reason] ?? 0) + 1;
    if (this.onReject !== undefined) {
      const keptValue = value.length > MAX_EXAMPLE_LENGTH ? `${value.slice(0, MAX_EXAMPLE_LENGTH)}...` : value;
      this.onReject({ reason, file: this.file, line, value: keptValue });
    }
    return undefined;
  }

  /**
   * Rejects a line with the wrong number of fields; the example gives both counts before the line.
   * `atLeast` marks `expected` as a minimum, for formats whose rows may have more fields.
   */
  rejectFieldCount(line: number, found: number, expected: number, text: string, atLeast = false): undefined {
    return this.reject('wrong field count', line, `${found} fields, expected ${atLeast ? 'at least ' : ''}${expected}: ${text}`);
  }

  ignore(reason: string): undefined {
    this.tally.ignored[reason] = (this.tally.ignored[reason] ?? 0) + 1;
    return undefined;
  }
}
