// Streams the lines of a plain or gzip-compressed file in batches, one batch per read chunk.
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { InputError } from '../errors.ts';

// 256 KiB reads: large enough that the per-chunk overhead vanishes next to line parsing.
const CHUNK_BYTES = 256 * 1024;

/** Tests for the gzip magic bytes 1f 8b at the start of the file. */
export async function isGzipFile(filePath: string): Promise<boolean> {
  const handle = await openForReading(filePath);
  try {
    const head = Buffer.alloc(2);
    const { bytesRead } = await handle.read(head, 0, 2, 0);
    return bytesRead === 2 && head[0] === 0x1f && head[1] === 0x8b;
  } finally {
    await handle.close();
  }
}

async function openForReading(filePath: string) {
  try {
    return await open(filePath, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const problem = code === 'ENOENT' ? 'not found' : `cannot be read (${code ?? String(error)})`;
    throw new InputError(`Input file ${filePath} ${problem}.`, 'Check the path and the file permissions.');
  }
}

/**
 * Yields the file's lines in batches, without line terminators (LF or CRLF) and without a leading
 * UTF-8 byte order mark. The batches together hold every line in order, so a caller numbers lines
 * by counting. Decompresses gzip detected by its magic bytes. Throws InputError for a missing or unreadable file, and for a truncated or corrupt
 * gzip stream, naming the last complete line.
 *
 * This splits chunks itself instead of using node:readline: stream errors then reach the caller
 * through for await, and batching saves one promise per line.
 */
export async function* readLineBatches(filePath: string): AsyncGenerator<string[]> {
  const gzip = await isGzipFile(filePath);
  const file = createReadStream(filePath, { highWaterMark: CHUNK_BYTES });
  const stream = gzip ? pipeline(file, createGunzip({ chunkSize: CHUNK_BYTES }), () => {}) : file;
  stream.setEncoding('utf8');

  let linesRead = 0;
  // A UTF-8 byte order mark, which some Windows tools write, would otherwise start the first line.
  let pending = '';
  let atStart = true;
  try {
    for await (const chunk of stream as AsyncIterable<string>) {
      let text = pending + chunk;
      if (atStart) {
        atStart = false;
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      }
      const lines = text.split('\n');
      pending = lines.pop() ?? '';
      if (lines.length === 0) continue;
      if (text.indexOf('\r') !== -1) stripCarriageReturns(lines);
      linesRead += lines.length;
      yield lines;
    }
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw streamError(filePath, gzip, linesRead, error);
  } finally {
    stream.destroy();
  }

  if (pending !== '') yield [pending.endsWith('\r') ? pending.slice(0, -1) : pending];
}

function stripCarriageReturns(lines: string[]): void {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.endsWith('\r')) lines[i] = line.slice(0, -1);
  }
}

function streamError(filePath: string, gzip: boolean, linesRead: number, error: unknown): InputError {
  const detail = error instanceof Error ? error.message : String(error);
  if (gzip) {
    return new InputError(
      `Compressed input ${filePath} is truncated or corrupt after line ${linesRead} (${detail}).`,
      'The run stops here. Copy the file again, or recover the readable lines with `gzip -dc FILE > FILE.log` and give that file instead.',
    );
  }
  return new InputError(`Reading ${filePath} failed after line ${linesRead} (${detail}).`, 'Check that the file is readable.');
}
