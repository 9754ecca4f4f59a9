// NetFlow/IPFIX flow exports in CSV: nfdump `-o csv` columns (ts, td, sa, da, sp, dp, pr, ipkt,
// ibyt, opkt, obyt) or IPFIX information element names (RFC 7012: sourceIPv4Address,
// flowStartMilliseconds, octetDeltaCount, ...). Each flow becomes a ConnRecord.
// NOTE: NetFlow v5/v9 records are one-way, so a server's reply is a separate flow whose source is the
// server, and classifyDirection calls it inbound. Bidirectional exports (IPFIX RFC 5103, NSEL) fill
// respBytes and respPackets from the reverse counters and have no such reply flows.
import Papa from 'papaparse';
import { InputError } from '../errors.ts';
import { normalizeAddress } from '../population/normalize-address.ts';
import type { ConnRecord, LogRecord } from '../types.ts';
import { checkTimestampRange, parseIsoTimestamp, parseNonNegative, parsePort } from './field-values.ts';
import type { LineParser } from './line-parser.ts';
import type { FileTally } from './tally.ts';

/** Column positions of one CSV header; -1 where the column is absent. */
interface FlowColumns {
  start: number;
  /** Units per second of the start and end columns: 1 for seconds, 1000 for milliseconds. */
  unitsPerSecond: number;
  end: number;
  durationSeconds: number;
  durationMilliseconds: number;
  origHosts: number[];
  respHosts: number[];
  origPort: number;
  respPort: number;
  proto: number;
  origBytes: number;
  respBytes: number;
  origPackets: number;
  respPackets: number;
  /** Highest position read, so a short row can be rejected before indexing past its end. */
  last: number;
}

// Time columns by preference, with their units per second. Dividing (not multiplying by 0.001)
// gives the nearest double, so 1655195400123 ms is exactly 1655195400.123 s.
const START_COLUMNS: ReadonlyArray<readonly [string, string, number]> = [
  ['ts', 'te', 1],
  ['flowstartseconds', 'flowendseconds', 1],
  ['flowstartmilliseconds', 'flowendmilliseconds', 1e3],
  ['flowstartmicroseconds', 'flowendmicroseconds', 1e6],
  ['flowstartnanoseconds', 'flowendnanoseconds', 1e9],
];

/** Splits one CSV line; papaparse handles quoted values, plain lines take the fast path. */
export function splitCsvLine(line: string): string[] {
  if (line.indexOf('"') === -1) return line.split(',');
  const result = Papa.parse<string[]>(line, { delimiter: ',' });
  return result.data[0] ?? [];
}

/** Tests whether a CSV header names the columns of an nfdump or IPFIX flow export. */
export function isFlowCsvHeader(names: readonly string[]): boolean {
  const lower = new Set(names.map((name) => name.trim().toLowerCase()));
  const nfdump = lower.has('sa') && lower.has('da') && lower.has('ts');
  const ipfix =
    (lower.has('sourceipv4address') || lower.has('sourceipv6address')) &&
    (lower.has('destinationipv4address') || lower.has('destinationipv6address'));
  return nfdump || ipfix;
}

function mapColumns(names: readonly string[], tally: FileTally, headerLine: number): FlowColumns {
  const positions = new Map(names.map((name, index) => [name.trim().toLowerCase(), index]));
  const find = (...candidates: string[]): number => {
    for (const candidate of candidates) {
      const position = positions.get(candidate);
      if (position !== undefined) return position;
    }
    return -1;
  };
  const findAll = (...candidates: string[]): number[] =>
    candidates.map((candidate) => positions.get(candidate) ?? -1).filter((position) => position !== -1);

  const timeColumns = START_COLUMNS.find(([start]) => positions.has(start));
  const columns: FlowColumns = {
    start: timeColumns === undefined ? -1 : find(timeColumns[0]),
    unitsPerSecond: timeColumns?.[2] ?? 1,
    end: timeColumns === undefined ? -1 : find(timeColumns[1]),
    durationSeconds: find('td'),
    durationMilliseconds: find('flowdurationmilliseconds'),
    origHosts: findAll('sa', 'sourceipv4address', 'sourceipv6address'),
    respHosts: findAll('da', 'destinationipv4address', 'destinationipv6address'),
    origPort: find('sp', 'sourcetransportport'),
    respPort: find('dp', 'destinationtransportport'),
    proto: find('pr', 'protocolidentifier'),
    origBytes: find('ibyt', 'octetdeltacount', 'octettotalcount'),
    respBytes: find('obyt', 'reverseoctetdeltacount', 'reverseoctettotalcount'),
    origPackets: find('ipkt', 'packetdeltacount', 'packettotalcount'),
    respPackets: find('opkt', 'reversepacketdeltacount', 'reversepackettotalcount'),
    last: 0,
  };

  const missing: string[] = [];
  if (columns.start === -1) missing.push('a start time (ts or flowStartMilliseconds)');
  if (columns.origHosts.length === 0) missing.push('a source address (sa or sourceIPv4Address)');
  if (columns.respHosts.length === 0) missing.push('a destination address (da or destinationIPv4Address)');
  if (columns.proto === -1) missing.push('a protocol (pr or protocolIdentifier)');
  if (missing.length > 0) {
    throw new InputError(
      `${tally.file} line ${headerLine}: the flow CSV header has no ${missing.join(', ')}.`,
      'Export flows with `nfdump -o csv`, or with IPFIX element names as column headers.',
    );
  }

  columns.last = Math.max(
    ...[columns.start, columns.end, columns.durationSeconds, columns.durationMilliseconds, columns.origPort, columns.respPort],
    ...[columns.proto, columns.origBytes, columns.respBytes, columns.origPackets, columns.respPackets],
    ...columns.origHosts,
    ...columns.respHosts,
  );
  return columns;
}

// IANA protocol numbers of the protocols Zeek names; Zeek calls ICMPv6 "icmp" as well.
const PROTOCOL_NAMES: Readonly<Record<string, string>> = { '1': 'icmp', '6': 'tcp', '17': 'udp', '58': 'icmp', '132': 'sctp', icmp6: 'icmp', 'ipv6-icmp': 'icmp' };

function protocolName(text: string): string {
  const lower = text.trim().toLowerCase();
  return PROTOCOL_NAMES[lower] ?? lower;
}

// NOTE: nfdump writes ts and te in the local time zone of the machine that ran it, without a zone.
// They are read as UTC here, so run nfdump with TZ=UTC.
function parseFlowTime(text: string, unitsPerSecond: number): number | undefined {
  const number = +text;
  if (text.length !== 0 && number - number === 0) return checkTimestampRange(number / unitsPerSecond);
  return parseIsoTimestamp(text.trim());
}

export class FlowCsvParser implements LineParser {
  private columns: FlowColumns | undefined;
  // nfdump ends its CSV output with a "Summary" block of totals, which holds no flows.
  private inSummary = false;

  constructor(private readonly tally: FileTally) {}

  parseLine(line: string, lineNumber: number): LogRecord | undefined {
    if (line.length === 0 || this.inSummary) return undefined;
    if (this.columns === undefined) {
      this.columns = mapColumns(splitCsvLine(line), this.tally, lineNumber);
      return undefined;
    }
    if (line.startsWith('Summary')) {
      this.inSummary = true;
      return undefined;
    }

    this.tally.tally.read++;
    return this.parseRow(splitCsvLine(line), lineNumber, line);
  }

  private parseRow(fields: readonly string[], line: number, text: string): ConnRecord | undefined {
    const columns = this.columns!;
    const tally = this.tally;
    if (fields.length <= columns.last) return tally.rejectFieldCount(line, fields.length, columns.last + 1, text, true);

    const ts = parseFlowTime(fields[columns.start], columns.unitsPerSecond);
    if (ts === undefined) return tally.reject('invalid ts', line, fields[columns.start]);

    const origHost = firstAddress(fields, columns.origHosts);
    if (origHost === undefined) return tally.reject('invalid address', line, joinValues(fields, columns.origHosts));
    const respHost = firstAddress(fields, columns.respHosts);
    if (respHost === undefined) return tally.reject('invalid address', line, joinValues(fields, columns.respHosts));

    // Flows of protocols without ports (ICMP, GRE) may leave the port empty.
    const origPortText = columns.origPort === -1 ? '' : fields[columns.origPort].trim();
    const origPort = origPortText === '' ? 0 : parsePort(origPortText);
    if (origPort === -1) return tally.reject('invalid port', line, origPortText);
    const respPortText = columns.respPort === -1 ? '' : fields[columns.respPort].trim();
    const respPort = respPortText === '' ? 0 : parsePort(respPortText);
    if (respPort === -1) return tally.reject('invalid port', line, respPortText);

    const proto = protocolName(fields[columns.proto]);
    if (proto === '') return tally.reject('missing proto', line, text);

    let duration: number | undefined;
    if (columns.durationSeconds !== -1) {
      duration = parseNonNegative(fields[columns.durationSeconds].trim());
    } else if (columns.durationMilliseconds !== -1) {
      duration = parseNonNegative(fields[columns.durationMilliseconds].trim()) / 1000;
    } else if (columns.end !== -1) {
      const end = parseFlowTime(fields[columns.end], columns.unitsPerSecond);
      duration = end === undefined ? NaN : end - ts;
    }
    if (duration !== undefined && !(duration >= 0)) return tally.reject('invalid duration', line, text);

    const counters = [columns.origBytes, columns.respBytes, columns.origPackets, columns.respPackets].map((position) =>
      position === -1 ? undefined : parseNonNegative(fields[position].trim()),
    );
    if (counters.some((value) => value !== undefined && value !== value)) return tally.reject('invalid counter', line, text);

    return {
      kind: 'conn',
      ts,
      uid: undefined,
      origHost,
      origPort,
      respHost,
      respPort,
      proto,
      service: undefined,
      duration,
      origBytes: counters[0],
      respBytes: counters[1],
      origPackets: counters[2],
      respPackets: counters[3],
      connState: undefined,
      history: undefined,
      localOrig: undefined,
      localResp: undefined,
      source: { file: tally.file, line },
    };
  }
}

// IPFIX exports carry separate IPv4 and IPv6 columns and fill only one per row.
function firstAddress(fields: readonly string[], positions: readonly number[]): string | undefined {
  for (const position of positions) {
    const text = fields[position].trim();
    if (text !== '') return normalizeAddress(text);
  }
  return undefined;
}

function joinValues(fields: readonly string[], positions: readonly number[]): string {
  return positions.map((position) => fields[position]).join(' ');
}
