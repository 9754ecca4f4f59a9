// Compiles the ip-location-db ASN CSV files into sorted typed arrays for binary search.
// Format (README of @ip-location-db/asn): `ip_range_start,ip_range_end,
// autonomous_system_number,autonomous_system_organization`, inclusive ranges, no header;
// the organization is quoted when it contains a comma or quote ("" escapes a quote).
// Rows must be sorted by start. A row that overlaps the previous one is clipped so that
// the earlier row wins, and its line is reported in overlapLines.
import { DataError } from '../errors.ts';

/** IPv4 ranges: parallel arrays sorted by start, ranges disjoint. */
export interface Ipv4AsnRanges {
  starts: Uint32Array;
  ends: Uint32Array;
  asns: Uint32Array;
  /** Index into OrganizationTable.names. */
  organizations: Uint32Array;
  /** Lines whose range overlapped the previous row; each was clipped to start after it. */
  overlapLines: number[];
}

/** IPv6 ranges as 64-bit halves (high, low), sorted by start, ranges disjoint. */
export interface Ipv6AsnRanges {
  startsHigh: BigUint64Array;
  startsLow: BigUint64Array;
  endsHigh: BigUint64Array;
  endsLow: BigUint64Array;
  asns: Uint32Array;
  organizations: Uint32Array;
  overlapLines: number[];
}

/** Organization names, each stored once; the range arrays hold indexes into it. */
export type OrganizationTable = { names: string[]; indexes: Map<string, number> };

export function createOrganizationTable(): OrganizationTable {
  return { names: [], indexes: new Map() };
}

interface CsvRow {
  first: string;
  last: string;
  asn: number;
  organization: string;
}

/** Compiles `asn-ipv4-num.csv` text (ranges as unsigned 32-bit integers). `file` names the source in errors. */
export function compileIpv4AsnCsv(text: string, file: string, organizations: OrganizationTable): Ipv4AsnRanges {
  const lineCount = countLines(text);
  const starts = new Uint32Array(lineCount);
  const ends = new Uint32Array(lineCount);
  const asns = new Uint32Array(lineCount);
  const organizationIndexes = new Uint32Array(lineCount);

  const overlapLines: number[] = [];
  let count = 0;
  forEachRow(text, file, (row, line) => {
    const first = parseUint32(row.first, file, line, 'range start');
    const last = parseUint32(row.last, file, line, 'range end');
    if (last < first) fail(file, line, `range end ${row.last} is before range start ${row.first}`);
    let start = first;
    if (count > 0 && first <= ends[count - 1]) {
      if (first < starts[count - 1]) fail(file, line, `range ${row.first}-${row.last} starts before the previous range, but ranges must be sorted by start`);
      // NOTE: ip-location-db asn 2.3.2026061719 has one such overlap (line 399116, DoD ranges); the earlier row wins.
      overlapLines.push(line);
      start = ends[count - 1] + 1;
      if (start > last) return;
    }
    starts[count] = start;
    ends[count] = last;
    asns[count] = row.asn;
    organizationIndexes[count] = internOrganization(organizations, row.organization);
    count++;
  });

  return {
    starts: starts.subarray(0, count),
    ends: ends.subarray(0, count),
    asns: asns.subarray(0, count),
    organizations: organizationIndexes.subarray(0, count),
    overlapLines,
  };
}

/** Compiles `asn-ipv6.csv` text (ranges as IPv6 addresses). `file` names the source in errors. */
export function compileIpv6AsnCsv(text: string, file: string, organizations: OrganizationTable): Ipv6AsnRanges {
  const lineCount = countLines(text);
  const startsHigh = new BigUint64Array(lineCount);
  const startsLow = new BigUint64Array(lineCount);
  const endsHigh = new BigUint64Array(lineCount);
  const endsLow = new BigUint64Array(lineCount);
  const asns = new Uint32Array(lineCount);
  const organizationIndexes = new Uint32Array(lineCount);

  const overlapLines: number[] = [];
  let count = 0;
  forEachRow(text, file, (row, line) => {
    const [firstHigh, firstLow] = parseIpv6Halves(row.first, file, line, 'range start');
    const [lastHigh, lastLow] = parseIpv6Halves(row.last, file, line, 'range end');
    if (lastHigh < firstHigh || (lastHigh === firstHigh && lastLow < firstLow)) {
      fail(file, line, `range end ${row.last} is before range start ${row.first}`);
    }
    let startHigh = firstHigh;
    let startLow = firstLow;
    if (count > 0) {
      const previousHigh = endsHigh[count - 1];
      if (firstHigh < previousHigh || (firstHigh === previousHigh && firstLow <= endsLow[count - 1])) {
        const previousStartHigh = startsHigh[count - 1];
        if (firstHigh < previousStartHigh || (firstHigh === previousStartHigh && firstLow < startsLow[count - 1])) {
          fail(file, line, `range ${row.first}-${row.last} starts before the previous range, but ranges must be sorted by start`);
        }
        // Overlapping rows: the earlier row wins, as for IPv4.
        overlapLines.push(line);
        const next = ((previousHigh << 64n) | endsLow[count - 1]) + 1n;
        startHigh = next >> 64n;
        startLow = next & 0xffffffffffffffffn;
        if (startHigh > lastHigh || (startHigh === lastHigh && startLow > lastLow)) return;
      }
    }
    startsHigh[count] = startHigh;
    startsLow[count] = startLow;
    endsHigh[count] = lastHigh;
    endsLow[count] = lastLow;
    asns[count] = row.asn;
    organizationIndexes[count] = internOrganization(organizations, row.organization);
    count++;
  });

  return {
    startsHigh: startsHigh.subarray(0, count),
    startsLow: startsLow.subarray(0, count),
    endsHigh: endsHigh.subarray(0, count),
    endsLow: endsLow.subarray(0, count),
    asns: asns.subarray(0, count),
    organizations: organizationIndexes.subarray(0, count),
    overlapLines,
  };
}

function forEachRow(text: string, file: string, visit: (row: CsvRow, line: number) => void): void {
  let position = 0;
  let line = 0;
  while (position < text.length) {
    let end = text.indexOf('\n', position);
    if (end === -1) end = text.length;
    line++;
    const content = text.charCodeAt(end - 1) === 13 ? text.slice(position, end - 1) : text.slice(position, end);
    position = end + 1;
    if (content === '') continue;
    visit(parseRow(content, file, line), line);
  }
}

function parseRow(content: string, file: string, line: number): CsvRow {
  const firstComma = content.indexOf(',');
  const secondComma = content.indexOf(',', firstComma + 1);
  const thirdComma = content.indexOf(',', secondComma + 1);
  if (firstComma < 0 || secondComma < 0 || thirdComma < 0) {
    fail(file, line, `expected 4 fields (first,last,asn,organization) in "${content}"`);
  }
  const asnText = content.slice(secondComma + 1, thirdComma);
  const asn = parseUint32(asnText, file, line, 'AS number');
  return {
    first: content.slice(0, firstComma),
    last: content.slice(firstComma + 1, secondComma),
    asn,
    organization: unquote(content.slice(thirdComma + 1), file, line),
  };
}

function unquote(field: string, file: string, line: number): string {
  if (!field.startsWith('"')) return field;
  if (field.length < 2 || !field.endsWith('"')) fail(file, line, `unterminated quoted organization ${field}`);
  const inner = field.slice(1, -1);
  if (/"(?!")/.test(inner.replaceAll('""', ''))) fail(file, line, `stray quote in organization ${field}`);
  return inner.replaceAll('""', '"');
}

function internOrganization(table: OrganizationTable, name: string): number {
  let index = table.indexes.get(name);
  if (index === undefined) {
    index = table.names.length;
    table.names.push(name);
    table.indexes.set(name, index);
  }
  return index;
}

function parseUint32(text: string, file: string, line: number, what: string): number {
  const value = Number(text);
  if (text === '' || !/^\d+$/.test(text) || value > 0xffffffff) {
    fail(file, line, `invalid ${what} "${text}": expected an unsigned 32-bit integer`);
  }
  return value;
}

const HEX_GROUP = /^[0-9a-fA-F]{1,4}$/;

/** Parses plain IPv6 text (no embedded IPv4, no zone) into its high and low 64 bits. */
export function parseIpv6Halves(text: string, file: string, line: number, what: string): [bigint, bigint] {
  const invalid = (): never => fail(file, line, `invalid ${what} "${text}": expected an IPv6 address`);
  const halves = text.split('::');
  if (halves.length > 2) invalid();
  const head = halves[0] === '' ? [] : halves[0].split(':');
  const tail = halves.length === 2 && halves[1] !== '' ? halves[1].split(':') : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) invalid();

  const groups = [...head, ...new Array<string>(missing).fill('0'), ...tail];
  for (const group of groups) if (!HEX_GROUP.test(group)) invalid();
  const hex = groups.map((group) => group.padStart(4, '0'));
  return [BigInt(`0x${hex.slice(0, 4).join('')}`), BigInt(`0x${hex.slice(4).join('')}`)];
}

function countLines(text: string): number {
  let count = 1;
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) count++;
  return count;
}

function fail(file: string, line: number, what: string): never {
  throw new DataError(`ASN database ${file}, line ${line}: ${what}`, 'Reinstall @ip-location-db/asn (npm ci) or pass a GeoLite2-ASN MMDB with --asn.');
}
