// Test helper: reads a whole file through readLogFile and returns its records, tally and rejection examples.
import { fileURLToPath } from 'node:url';
import { createRejectSampler, createTally, readLogFile, type InputFile, type RejectExample } from '../../src/ingest/index.ts';
import type { LogRecord, RecordTally } from '../../src/types.ts';

export const FIXTURES = fileURLToPath(new URL('../fixtures/ingest/', import.meta.url));

export interface ReadResult {
  records: LogRecord[];
  tally: RecordTally;
  examples: RejectExample[];
}

export async function readAll(input: InputFile): Promise<ReadResult> {
  const tally = createTally();
  const sampler = createRejectSampler();
  const records: LogRecord[] = [];
  for await (const batch of readLogFile(input, { tally, onReject: sampler.add })) records.push(...batch.toArray());
  // readLogFile leaves used to its caller; this caller uses every record it receives.
  tally.used = records.length;
  return { records, tally, examples: sampler.examples() };
}
