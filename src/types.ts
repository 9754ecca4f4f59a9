// Shared record and result types for the pipeline stages:
// ingest -> population -> enrich -> categorise -> aggregate -> baseline -> score -> report.

/** Position of a record in its input, so that every rejection can name its file and line. */
export interface SourcePosition {
  file: string;
  /** 1-based line number in the (decompressed) file. */
  line: number;
}

export type LogKind = 'conn' | 'dns' | 'ssl' | 'http';

/** One connection summary, from a Zeek conn log or a NetFlow/IPFIX export. */
export interface ConnRecord {
  kind: 'conn';
  /** Start time, seconds since the Unix epoch (UTC). */
  ts: number;
  uid?: string;
  origHost: string;
  origPort: number;
  respHost: string;
  respPort: number;
  proto: string;
  service?: string;
  /** Seconds. */
  duration?: number;
  origBytes?: number;
  respBytes?: number;
  origPackets?: number;
  respPackets?: number;
  /** Zeek conn_state (S0, SF, REJ, ...). */
  connState?: string;
  history?: string;
  localOrig?: boolean;
  localResp?: boolean;
  source: SourcePosition;
}

export interface DnsRecord {
  kind: 'dns';
  ts: number;
  uid?: string;
  origHost: string;
  respHost: string;
  query: string;
  /** Answers as Zeek writes them: addresses, names (CNAME, PTR) or other rdata. */
  answers: string[];
  /** Seconds, one per answer where the log has them. */
  ttls: number[];
  source: SourcePosition;
}

export interface SslRecord {
  kind: 'ssl';
  ts: number;
  uid?: string;
  origHost: string;
  respHost: string;
  respPort: number;
  serverName: string;
  source: SourcePosition;
}

export interface HttpRecord {
  kind: 'http';
  ts: number;
  uid?: string;
  origHost: string;
  respHost: string;
  respPort: number;
  host: string;
  source: SourcePosition;
}

export type LogRecord = ConnRecord | DnsRecord | SslRecord | HttpRecord;

/** Counts for one input file or one whole run: read = used + rejected + ignored. */
export interface RecordTally {
  read: number;
  used: number;
  /** Rejected records by reason, for example "invalid ts". */
  rejected: Record<string, number>;
  /** Records that were valid but not relevant, by reason, for example "no population endpoint". */
  ignored: Record<string, number>;
}

export type Direction = 'outbound' | 'inbound';

/** Network class of an autonomous system or address block, from the curated lists in geodata/. */
export type NetworkClass =
  | 'global-platform'
  | 'cdn'
  | 'cloud-hosting'
  | 'opsec'
  | 'access-isp'
  | 'education'
  | 'government'
  | 'unknown';

/** Geolocation of one address, normalised across the MMDB schemas. */
export interface GeoLocation {
  /** ISO 3166-1 alpha-2, upper case. */
  country?: string;
  city?: string;
  subdivision?: string;
  latitude?: number;
  longitude?: number;
  /** Kilometres; undefined where the database gives no radius. */
  accuracyRadiusKm?: number;
  /** IANA zone name, for example "Europe/Prague". */
  timeZone?: string;
}

export interface NetworkInfo {
  asn?: number;
  organization?: string;
  networkClass: NetworkClass;
  /** Curated list that gave the class, for the evidence. */
  classSource?: string;
}

export type Category =
  | 'local-news'
  | 'national-government'
  | 'municipal-government'
  | 'university'
  | 'economic-zone'
  | 'national-platform'
  | 'global-service'
  | 'cdn-cloud'
  | 'opsec'
  | 'other';

/** The audience of one resource: who uses it, not where its server is. */
export interface ResourceAudience {
  /** Registrable domain (eTLD+1) or, without a domain, "AS<n>" or the address. */
  resource: string;
  category: Category;
  /** Country whose residents use the resource; undefined for global resources. */
  country?: string;
  /** Gazetteer city name where the resource is local to one city. */
  city?: string;
  /** Economic zone name, for category economic-zone. */
  zone?: string;
  /** Rule or list entry that matched, for the evidence. */
  rule: string;
}

// NOTE: category 'other' with a country set means a resource whose audience is that country
// (for example a shop under its ccTLD) but whose kind is not in the curated lists.
