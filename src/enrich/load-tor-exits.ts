// Reads a Tor exit list as the Tor Project publishes it: either the bulk exit list
// (https://check.torproject.org/torbulkexitlist, one address per line) or the
// exit-addresses format (lines "ExitAddress <address> <date> <time>" among others).
import { readFile } from 'node:fs/promises';
import { InputError } from '../errors.ts';
import { parseAddress } from './parse-address.ts';

/** Returns the canonical text of every exit address in `path`. Throws InputError naming the line of an invalid address. */
export async function loadTorExits(path: string): Promise<Set<string>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new InputError(`Tor exit list ${path} not found or not readable`, 'Check the path given with --tor-exits.');
  }
  return parseTorExits(text, path);
}

/** Parses the text of a Tor exit list; `file` names it in errors. */
export function parseTorExits(text: string, file: string): Set<string> {
  const exits = new Set<string>();
  const exitAddressFormat = /^ExitNode /m.test(text);
  text.split('\n').forEach((rawLine, index) => {
    const line = rawLine.trim();
    if (line === '' || line.startsWith('#')) return;

    let candidate: string;
    if (exitAddressFormat) {
      // Only ExitAddress lines carry addresses; ExitNode, Published and LastStatus do not.
      if (!line.startsWith('ExitAddress ')) return;
      candidate = line.split(/\s+/)[1] ?? '';
    } else {
      candidate = line;
    }
    const parsed = parseAddress(candidate);
    if (parsed === undefined) {
      throw new InputError(
        `${file}, line ${index + 1}: invalid address "${candidate}" in Tor exit list`,
        'Expected one address per line (torbulkexitlist) or the exit-addresses format.',
      );
    }
    exits.add(parsed.text);
  });
  return exits;
}
