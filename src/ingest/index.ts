// Ingest stage: find the log files, detect their format, and read them as typed records.
export { discoverInputs, type DiscoverInputsOptions, type DiscoveredInputs } from './discover-inputs.ts';
export { detectInput, type InputDetection } from './detect-input.ts';
export { parseInputFormat, type InputFile, type InputFormat, type InputFormatOverride, type SkippedInput } from './input-format.ts';
export { readLogFile, RecordBatch, type ReadLogFileOptions } from './read-log-file.ts';
export { readLineBatches, isGzipFile } from './line-batches.ts';
export { createTally, mergeTally, createRejectSampler, type RejectExample, type RejectHandler, type RejectSampler } from './tally.ts';
