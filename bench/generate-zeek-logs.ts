// Writes a synthetic Zeek conn log and ssl log for the assess benchmark. The records are made up,
// but their form is real: Zeek's ASCII writer header and field lists, remote addresses that the
// embedded GeoLite2 City database places in real countries, and server names taken from the
// curated domain lists in geodata/. The same seed and record count give byte-identical files.

import { closeSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { loadGeodata } from '../src/categorise/index.ts';
import { openGeoIp } from '../src/enrich/open-geoip.ts';
import { mulberry32 } from '../src/util/mulberry32.ts';

export interface GenerateOptions {
  /** Number of conn records to write. */
  records: number;
  /** Seed of the mulberry32 generator. */
  seed?: number;
  /** Distinct remote addresses to draw from (default 4,000). */
  poolSize?: number;
  /** Form of the conn log: Zeek ASCII (TSV, default) or Zeek JSON lines, with the same records. */
  connFormat?: 'tsv' | 'json';
}

export interface GeneratedLogs {
  connPath: string;
  sslPath: string;
  /** The monitored /24, for --population. */
  population: string;
  records: number;
  sslRecords: number;
  bytes: number;
  /** Remote addresses in the pool per country code, sorted by count. */
  poolCountries: [string, number][];
}

// Documentation prefix (RFC 5737), so the population never collides with a real network and
// never geolocates.
const POPULATION_PREFIX = '198.51.100.';
const POPULATION = `${POPULATION_PREFIX}0/24`;

// One week in seconds, starting Monday 2024-03-04 00:00 UTC. The window stays fixed whatever the
// record count, so the number of aggregate cells (keyed by UTC day and hour) does not grow with it.
const START_TS = Date.UTC(2024, 2, 4) / 1000;
const SPAN_SECONDS = 7 * 24 * 3600;

// No country gets more than this share of the pool, so the pool mixes many countries.
const MAX_COUNTRY_SHARE = 0.08;

// Lines are buffered and written in blocks of about this many characters.
const WRITE_BLOCK_CHARS = 4 * 1024 * 1024;


// Field lists and types close to what Zeek 6 writes in conn.log and ssl.log with the default
// scripts. The pipeline reads only the columns in KIND_COLUMNS (src/ingest/zeek-rows.ts), by name.
const CONN_FIELDS: [string, string][] = [
  ['ts', 'time'], ['uid', 'string'], ['id.orig_h', 'addr'], ['id.orig_p', 'port'], ['id.resp_h', 'addr'], ['id.resp_p', 'port'],
  ['proto', 'enum'], ['service', 'string'], ['duration', 'interval'], ['orig_bytes', 'count'], ['resp_bytes', 'count'],
  ['conn_state', 'string'], ['local_orig', 'bool'], ['local_resp', 'bool'], ['missed_bytes', 'count'], ['history', 'string'],
  ['orig_pkts', 'count'], ['orig_ip_bytes', 'count'], ['resp_pkts', 'count'], ['resp_ip_bytes', 'count'], ['tunnel_parents', 'set[string]'],
];
const SSL_FIELDS: [string, string][] = [
  ['ts', 'time'], ['uid', 'string'], ['id.orig_h', 'addr'], ['id.orig_p', 'port'], ['id.resp_h', 'addr'], ['id.resp_p', 'port'],
  ['version', 'string'], ['cipher', 'string'], ['curve', 'string'], ['server_name', 'string'], ['resumed', 'bool'],
  ['last_alert', 'string'], ['next_protocol', 'string'], ['established', 'bool'], ['ssl_history', 'string'],
  ['cert_chain_fps', 'vector[string]'], ['client_cert_chain_fps', 'vector[string]'], ['sni_matches_cert', 'bool'],
];

function zeekHeader(path: string, fields: [string, string][]): string {
  return [
    '#separator \\x09',
    '#set_separator\t,',
    '#empty_field\t(empty)',
    '#unset_field\t-',
    `#path\t${path}`,
    '#open\t2024-03-04-00-00-00',
    `#fields\t${fields.map(([name]) => name).join('\t')}`,
    `#types\t${fields.map(([, type]) => type).join('\t')}`,
  ].join('\n') + '\n';
}

const ZEEK_FOOTER = '#close\t2024-03-11-00-00-00\n';

/**
 * Rewrites one TSV line as Zeek's JSON writer would (LogAscii::use_json): flat dotted keys, unset
 * fields left out, numbers for time, interval, count and port, booleans, and lists for sets.
 */
function toZeekJson(line: string, fields: [string, string][]): string {
  const values = line.slice(0, -1).split('\t');
  const row: Record<string, unknown> = {};
  fields.forEach(([name, type], index) => {
    const value = values[index];
    if (value === '-') return;
    if (type === 'time' || type === 'interval' || type === 'count' || type === 'port') row[name] = Number(value);
    else if (type === 'bool') row[name] = value === 'T';
    else if (type.startsWith('set[')) row[name] = value === '(empty)' ? [] : value.split(',');
    else row[name] = value;
  });
  return JSON.stringify(row) + '\n';
}

// Rejects the IPv4 blocks that are not public unicast: the RFC 6890 special-purpose registry,
// multicast and reserved space.
function isPublicUnicast(a: number, b: number, c: number): boolean {
  if (a === 0 || a === 10 || a === 127 || a >= 224) return false;
  if (a === 100 && b >= 64 && b <= 127) return false;
  if (a === 169 && b === 254) return false;
  if (a === 172 && b >= 16 && b <= 31) return false;
  if (a === 192 && b === 168) return false;
  if (a === 192 && b === 0 && (c === 0 || c === 2)) return false;
  if (a === 198 && (b === 18 || b === 19)) return false;
  if (a === 198 && b === 51 && c === 100) return false;
  if (a === 203 && b === 0 && c === 113) return false;
  return true;
}

/**
 * Draws `size` distinct public IPv4 addresses that the embedded GeoLite2 City database places in
 * a country, with at most MAX_COUNTRY_SHARE of them in any one country.
 */
async function drawAddressPool(size: number, random: () => number): Promise<{ addresses: string[]; countries: [string, number][] }> {
  const geoip = await openGeoIp();
  const perCountry = new Map<string, number>();
  const maxPerCountry = Math.max(1, Math.floor(size * MAX_COUNTRY_SHARE));
  const seen = new Set<string>();
  const addresses: string[] = [];
  let attempts = 0;
  while (addresses.length < size) {
    attempts++;
    if (attempts > size * 1000) throw new Error(`drew only ${addresses.length} of ${size} geolocated addresses; lower --pool`);
    const a = 1 + Math.floor(random() * 223);
    const b = Math.floor(random() * 256);
    const c = Math.floor(random() * 256);
    const d = 1 + Math.floor(random() * 254);
    if (!isPublicUnicast(a, b, c)) continue;
    const address = `${a}.${b}.${c}.${d}`;
    if (seen.has(address)) continue;

    const country = geoip.lookup(address)?.location.country;
    if (!country) continue;
    const count = perCountry.get(country) ?? 0;
    if (count >= maxPerCountry) continue;
    perCountry.set(country, count + 1);
    seen.add(address);
    addresses.push(address);
  }
  const countries = [...perCountry].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1));
  return { addresses, countries };
}

/** Server names for SNI: the curated domains of geodata/, each with a typical host prefix. */
function serverNames(): string[] {
  const prefixes = ['www', 'api', 'static', 'cdn', 'login', 'mail'];
  const suffixes = [...loadGeodata().domainRules.keys()].sort();
  return suffixes.map((suffix, index) => `${prefixes[index % prefixes.length]}.${suffix}`);
}

const BASE62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Makes a Zeek-like connection uid: "C" and 17 base62 characters. */
function makeUid(random: () => number): string {
  let uid = 'C';
  for (let i = 0; i < 17; i++) uid += BASE62[Math.floor(random() * 62)];
  return uid;
}

function pick<T>(items: readonly T[], random: () => number): T {
  return items[Math.floor(random() * items.length)];
}

function between(low: number, high: number, random: () => number): number {
  return low + Math.floor(random() * (high - low + 1));
}

// Outbound services: [share, proto, port, service]; shares sum to 1.
const OUTBOUND_SERVICES: [number, string, number, string][] = [
  [0.6, 'tcp', 443, 'ssl'],
  [0.1, 'tcp', 80, 'http'],
  [0.15, 'udp', 53, 'dns'],
  [0.03, 'udp', 123, 'ntp'],
  [0.04, 'udp', 443, 'quic'],
  [0.02, 'tcp', 993, 'ssl'],
  [0.02, 'tcp', 22, 'ssh'],
  [0.02, 'tcp', 5228, '-'],
  [0.02, 'tcp', 8080, 'http'],
];

// Ports that Internet-wide scanners probe most (Telnet, SSH, HTTP, SMB, RDP, VNC, databases).
const SCANNED_PORTS = [22, 23, 80, 443, 445, 1433, 2323, 3306, 3389, 5432, 5900, 6379, 8080, 8443, 9200];

class LineWriter {
  private buffer: string[] = [];
  private size = 0;
  bytes = 0;

  constructor(private readonly fd: number) {}

  write(text: string): void {
    this.buffer.push(text);
    this.size += text.length;
    if (this.size >= WRITE_BLOCK_CHARS) this.flush();
  }

  flush(): void {
    if (this.buffer.length === 0) return;
    const block = this.buffer.join('');
    this.bytes += writeSync(this.fd, block);
    this.buffer = [];
    this.size = 0;
  }
}

/** Writes conn.log and ssl.log into `dir` and returns their paths and the population. */
export async function generateZeekLogs(dir: string, options: GenerateOptions): Promise<GeneratedLogs> {
  const random = mulberry32(options.seed ?? 20240304);
  const pool = await drawAddressPool(options.poolSize ?? 4000, random);
  const addresses = pool.addresses;
  const names = serverNames();

  // 40% of the pool are servers named by TLS; a tenth of those serve two names.
  const sslPath = join(dir, 'ssl.log');
  const sslFd = openSync(sslPath, 'w');
  const ssl = new LineWriter(sslFd);
  ssl.write(zeekHeader('ssl', SSL_FIELDS));
  let sslRecords = 0;
  const named = Math.floor(addresses.length * 0.4);
  for (let index = 0; index < named; index++) {
    const nameCount = random() < 0.1 ? 2 : 1;
    for (let n = 0; n < nameCount; n++) {
      const name = pick(names, random);
      const ts = (START_TS + random() * SPAN_SECONDS).toFixed(6);
      const local = `${POPULATION_PREFIX}${between(1, 254, random)}`;
      const port = between(32768, 60999, random);
      ssl.write(`${ts}\t${makeUid(random)}\t${local}\t${port}\t${addresses[index]}\t443\tTLSv13\tTLS_AES_128_GCM_SHA256\tx25519\t${name}\tF\t-\t-\tT\tCsiI\t-\t-\t-\n`);
      sslRecords++;
    }
  }
  ssl.write(ZEEK_FOOTER);
  ssl.flush();
  closeSync(sslFd);

  const json = options.connFormat === 'json';
  const connPath = join(dir, json ? 'conn.json' : 'conn.log');
  const connFd = openSync(connPath, 'w');
  const conn = new LineWriter(connFd);
  if (!json) conn.write(zeekHeader('conn', CONN_FIELDS));
  const step = SPAN_SECONDS / options.records;
  for (let i = 0; i < options.records; i++) {
    const ts = (START_TS + (i + random()) * step).toFixed(6);
    const line = connLine(ts, addresses, random);
    conn.write(json ? toZeekJson(line, CONN_FIELDS) : line);
  }
  if (!json) conn.write(ZEEK_FOOTER);
  conn.flush();
  closeSync(connFd);

  return {
    connPath,
    sslPath,
    population: POPULATION,
    records: options.records,
    sslRecords,
    bytes: conn.bytes + ssl.bytes,
    poolCountries: pool.countries,
  };
}

/**
 * Makes one conn line. 72% are outbound, to servers drawn with a skew towards the first addresses
 * of the pool, so a few servers carry most traffic. 20% are failed inbound scans, 5% established
 * inbound connections and 3% connections between two population hosts, which the pipeline ignores.
 */
function connLine(ts: string, addresses: readonly string[], random: () => number): string {
  const uid = makeUid(random);
  const local = `${POPULATION_PREFIX}${between(1, 254, random)}`;
  const ephemeral = between(32768, 60999, random);
  const kind = random();

  if (kind < 0.72) {
    const remote = addresses[Math.floor(addresses.length * random() ** 3)];
    let roll = random();
    let service = OUTBOUND_SERVICES[OUTBOUND_SERVICES.length - 1];
    for (const entry of OUTBOUND_SERVICES) {
      if (roll < entry[0]) {
        service = entry;
        break;
      }
      roll -= entry[0];
    }
    const [, proto, port, name] = service;
    return outboundLine(ts, uid, local, ephemeral, remote, proto, port, name, random);
  }

  if (kind < 0.92) {
    // A SYN scan: no reply (S0) or a reset (REJ).
    const remote = pick(addresses, random);
    const port = pick(SCANNED_PORTS, random);
    const rejected = random() < 0.3;
    return rejected
      ? `${ts}\t${uid}\t${remote}\t${ephemeral}\t${local}\t${port}\ttcp\t-\t0.000${between(100, 999, random)}\t0\t0\tREJ\tF\tT\t0\tSr\t1\t44\t1\t40\t(empty)\n`
      : `${ts}\t${uid}\t${remote}\t${ephemeral}\t${local}\t${port}\ttcp\t-\t-\t-\t-\tS0\tF\tT\t0\tS\t1\t44\t0\t0\t(empty)\n`;
  }

  if (kind < 0.97) {
    const remote = pick(addresses, random);
    const port = random() < 0.5 ? 22 : 443;
    const origBytes = between(500, 20_000, random);
    const respBytes = between(1_000, 200_000, random);
    const origPkts = between(6, 60, random);
    const respPkts = between(6, 200, random);
    return `${ts}\t${uid}\t${remote}\t${ephemeral}\t${local}\t${port}\ttcp\t${port === 22 ? 'ssh' : 'ssl'}\t${(random() * 30).toFixed(6)}\t${origBytes}\t${respBytes}\tSF\tF\tT\t0\tShADadFf\t${origPkts}\t${origBytes + origPkts * 52}\t${respPkts}\t${respBytes + respPkts * 52}\t(empty)\n`;
  }

  const other = `${POPULATION_PREFIX}${between(1, 254, random)}`;
  return `${ts}\t${uid}\t${local}\t${ephemeral}\t${other}\t445\ttcp\t-\t-\t-\t-\tS0\tT\tT\t0\tS\t1\t52\t0\t0\t(empty)\n`;
}

function outboundLine(
  ts: string,
  uid: string,
  local: string,
  localPort: number,
  remote: string,
  proto: string,
  port: number,
  service: string,
  random: () => number,
): string {
  const head = `${ts}\t${uid}\t${local}\t${localPort}\t${remote}\t${port}\t${proto}`;
  const state = random();

  if (proto === 'udp') {
    if (state < 0.05) return `${head}\t-\t-\t-\t-\tS0\tT\tF\t0\tD\t1\t${60 + between(0, 40, random)}\t0\t0\t(empty)\n`;
    const origBytes = between(30, 1_200, random);
    const respBytes = between(40, 9_000, random);
    const origPkts = between(1, 20, random);
    const respPkts = between(1, 30, random);
    return `${head}\t${service}\t${(random() * 2).toFixed(6)}\t${origBytes}\t${respBytes}\tSF\tT\tF\t0\tDd\t${origPkts}\t${origBytes + origPkts * 28}\t${respPkts}\t${respBytes + respPkts * 28}\t(empty)\n`;
  }

  // TCP: 5% no reply (S0), 3% reset (REJ), 85% complete (SF), 5% reset by the originator (RSTO)
  // and 2% a handshake left open (S1).
  if (state < 0.05) return `${head}\t-\t-\t-\t-\tS0\tT\tF\t0\tS\t2\t120\t0\t0\t(empty)\n`;
  if (state < 0.08) return `${head}\t-\t0.000${between(100, 999, random)}\t0\t0\tREJ\tT\tF\t0\tSr\t1\t60\t1\t40\t(empty)\n`;
  const origBytes = between(200, 6_000, random);
  const respBytes = between(500, 2_000_000, random);
  const origPkts = between(4, 80, random);
  const respPkts = between(4, 1_500, random);
  const duration = (random() * 120).toFixed(6);
  const [connState, history] = state < 0.93 ? ['SF', 'ShADadFf'] : state < 0.98 ? ['RSTO', 'ShADadR'] : ['S1', 'ShADad'];
  return `${head}\t${service}\t${duration}\t${origBytes}\t${respBytes}\t${connState}\tT\tF\t0\t${history}\t${origPkts}\t${origBytes + origPkts * 52}\t${respPkts}\t${respBytes + respPkts * 52}\t(empty)\n`;
}
