// Expands the input paths into the list of log files to read.
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { InputError } from '../errors.ts';
import { detectInput, unrecognisedInputError } from './detect-input.ts';
import { parseInputFormat, type InputFile, type SkippedInput } from './input-format.ts';

export interface DiscoverInputsOptions {
  /** An --input-format value (see parseInputFormat); it replaces detection for every file. */
  inputFormat?: string;
}

export interface DiscoveredInputs {
  /** Files to read, sorted by path. */
  inputs: InputFile[];
  /** Files found but not read, sorted by path, each with the reason. */
  skipped: SkippedInput[];
}

/**
 * Detects the format and kind of each input from its content. A folder contributes the files
 * directly inside it. Its subfolders and hidden files are skipped with a reason, because Zeek keeps
 * one day per folder and reading deeper could mix days. A file inside a folder whose content is not a
 * recognised log is skipped, but a file named directly must be a log or InputError is thrown.
 * Throws InputError for a path that does not exist.
 */
export async function discoverInputs(paths: readonly string[], options: DiscoverInputsOptions = {}): Promise<DiscoveredInputs> {
  const override = options.inputFormat === undefined ? undefined : parseInputFormat(options.inputFormat);
  const inputs = new Map<string, InputFile>();
  const skipped = new Map<string, SkippedInput>();

  const consider = async (filePath: string, named: boolean): Promise<void> => {
    if (inputs.has(filePath) || skipped.has(filePath)) return;
    const detection = await detectInput(filePath, override);
    if ('kind' in detection) {
      const input: InputFile = { path: filePath, format: detection.format, kind: detection.kind };
      if (override?.kind !== undefined) input.kindForced = true;
      inputs.set(filePath, input);
    } else if ('unsupported' in detection) {
      skipped.set(filePath, { path: filePath, reason: `unsupported log kind ${detection.unsupported}` });
    } else if ('skipReason' in detection) {
      skipped.set(filePath, { path: filePath, reason: detection.skipReason });
    } else if (named) {
      throw unrecognisedInputError(filePath, detection.unrecognised);
    } else {
      skipped.set(filePath, { path: filePath, reason: `not a recognised log (${detection.unrecognised})` });
    }
  };

  for (const inputPath of paths) {
    const resolved = path.resolve(inputPath);
    const info = await statInput(resolved);
    if (!info.isDirectory()) {
      await consider(resolved, true);
      continue;
    }

    const entries = await readdir(resolved, { withFileTypes: true });
    entries.sort((a, b) => compareStrings(a.name, b.name));
    for (const entry of entries) {
      const entryPath = path.join(resolved, entry.name);
      if (entry.name.startsWith('.')) {
        skipped.set(entryPath, { path: entryPath, reason: 'hidden file' });
      } else if (entry.isDirectory()) {
        skipped.set(entryPath, { path: entryPath, reason: 'subfolder (name it as an input to read it)' });
      } else if (entry.isFile()) {
        await consider(entryPath, false);
      } else {
        skipped.set(entryPath, { path: entryPath, reason: 'not a regular file' });
      }
    }
  }

  return { inputs: sortByPath([...inputs.values()]), skipped: sortByPath([...skipped.values()]) };
}

async function statInput(filePath: string) {
  try {
    return await stat(filePath);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const problem = code === 'ENOENT' ? 'not found' : `cannot be read (${code ?? String(error)})`;
    throw new InputError(`Input ${filePath} ${problem}.`, 'Check the path: give Zeek log files, flow CSV files or folders that contain them.');
  }
}

function sortByPath<T extends { path: string }>(items: T[]): T[] {
  return items.sort((a, b) => compareStrings(a.path, b.path));
}

// Compares by UTF-16 code units, not locale, so the order is the same on every machine.
function compareStrings(a: string, b: string): number {
  if (a < b) return -1;
  if (a > b) return 1;
  return 0;
}
