// Parses the --population value: CIDRs and addresses, inline or from a file.
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ipaddr from 'ipaddr.js';
import { ConfigError } from '../errors.ts';
import { normalizeAddress, parseIPv4 } from './normalize-address.ts';
import { PopulationSet, ipv6ToBigInt, type PopulationNetwork } from './population-set.ts';

export interface ParsePopulationOptions {
  /** Folder against which a relative file name in spec is resolved; defaults to process.cwd(). */
  baseDir?: string;
}

const EXPECTED_FORM = 'Write an IPv4 or IPv6 address or CIDR, for example 192.0.2.0/24, 198.51.100.7 or 2001:db8::/32.';

/**
 * Parses a population spec into a PopulationSet. When spec names an existing file, the file is read:
 * one address or CIDR per line, with `#` starting a comment. Otherwise spec is a comma-separated list.
 * A CIDR with host bits set (192.0.2.5/24) is read as its network (192.0.2.0/24), as ip route does.
 * IPv4-mapped IPv6 (::ffff:192.0.2.0/120) becomes the IPv4 network (192.0.2.0/24).
 * Throws ConfigError naming the value, and the file and line where it came from a file.
 */
export function parsePopulation(spec: string, options: ParsePopulationOptions = {}): PopulationSet {
  const trimmed = spec.trim();
  const filePath = trimmed.includes(',') || trimmed === '' ? undefined : existingFile(trimmed, options.baseDir);

  const networks: PopulationNetwork[] = [];
  if (filePath !== undefined) {
    const lines = readFileSync(filePath, 'utf8').split(/\r?\n/);
    lines.forEach((line, index) => {
      const value = line.replace(/#.*/, '').trim();
      if (value !== '') networks.push(parseNetwork(value, `${filePath}:${index + 1}`));
    });
    if (networks.length === 0) {
      throw new ConfigError(`The population file ${filePath} lists no address or CIDR. ${EXPECTED_FORM}`);
    }
  } else {
    const items = trimmed.split(',');
    for (const item of items) {
      const value = item.trim();
      if (value !== '') networks.push(parseNetwork(value, undefined, items.length === 1));
    }
    if (networks.length === 0) {
      throw new ConfigError(`The population is empty. ${EXPECTED_FORM}`);
    }
  }

  return new PopulationSet(networks);
}

function existingFile(name: string, baseDir: string | undefined): string | undefined {
  const resolved = path.resolve(baseDir ?? process.cwd(), name);
  let isFolder = false;
  try {
    const stats = statSync(resolved);
    if (stats.isFile()) return resolved;
    isFolder = stats.isDirectory();
  } catch {
    return undefined;
  }
  if (isFolder) {
    throw new ConfigError(`The population path ${name} is a folder. Give a file with one address or CIDR per line, or the CIDRs themselves.`);
  }
  return undefined;
}

// Parses one address or CIDR. location is "file:line" for values read from a file. couldBeFile is
// true when the value was the whole spec, so the error can add that no such file exists either.
function parseNetwork(value: string, location: string | undefined, couldBeFile = false): PopulationNetwork {
  const fail = (problem: string): never => {
    const where = location === undefined ? '' : ` at ${location}`;
    throw new ConfigError(`Invalid population entry "${value}"${where}: ${problem}. ${EXPECTED_FORM}`);
  };

  const slash = value.indexOf('/');
  const addressText = slash === -1 ? value : value.slice(0, slash);
  const prefixText = slash === -1 ? undefined : value.slice(slash + 1);

  const address = normalizeAddress(addressText);
  if (address === undefined) {
    // The whole value may have been meant as a file name, so the message names it as given.
    if (couldBeFile) return fail('it is neither an IP address or CIDR nor an existing file');
    const pathHint = /[\\/]/.test(value) && !/^[0-9a-f:.]+\/\d+$/i.test(value) ? ' (a population file must be given alone, not in a list)' : '';
    return fail(`"${addressText}" is not an IP address${pathHint}`);
  }

  const isIPv4 = parseIPv4(address) !== -1;
  const wasMapped = isIPv4 && addressText.includes(':');
  const textBits = isIPv4 && !wasMapped ? 32 : 128;

  let prefix = textBits;
  if (prefixText !== undefined) {
    if (!/^\d{1,3}$/.test(prefixText) || Number(prefixText) > textBits) {
      return fail(`the prefix length must be a whole number from 0 to ${textBits}`);
    }
    prefix = Number(prefixText);
  }

  if (wasMapped) {
    // ::ffff:0:0/96 is the whole IPv4 space, so a mapped prefix p covers IPv4 prefix p - 96.
    if (prefix < 96) return fail('an IPv4-mapped network needs a prefix length of at least 96');
    prefix -= 96;
  }

  return isIPv4 ? ipv4Network(address, prefix) : ipv6Network(address, prefix);
}

function ipv4Network(address: string, prefix: number): PopulationNetwork {
  const size = 2n ** BigInt(32 - prefix);
  const first = (BigInt(parseIPv4(address)) / size) * size;
  const networkText = ipaddr.IPv4.networkAddressFromCIDR(`${address}/${prefix}`).toString();
  return { cidr: `${networkText}/${prefix}`, family: 'ipv4', first, last: first + size - 1n };
}

function ipv6Network(address: string, prefix: number): PopulationNetwork {
  const size = 2n ** BigInt(128 - prefix);
  const first = (ipv6ToBigInt(address) / size) * size;
  const networkText = ipaddr.IPv6.networkAddressFromCIDR(`${address.replace(/%.*/, '')}/${prefix}`).toString();
  return { cidr: `${networkText}/${prefix}`, family: 'ipv6', first, last: first + size - 1n };
}
