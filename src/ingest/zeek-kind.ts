// Recognises the kind of a Zeek log from its #path or from the names of its fields.
import type { LogKind } from '../types.ts';

export type KindDetection = { kind: LogKind } | { unsupported: string };

const SUPPORTED_KINDS: ReadonlySet<string> = new Set<LogKind>(['conn', 'dns', 'ssl', 'http']);

/** Maps a Zeek #path (or JSON _path) value to a supported kind or an unsupported kind name. */
export function kindFromPath(path: string): KindDetection {
  return SUPPORTED_KINDS.has(path) ? { kind: path as LogKind } : { unsupported: path };
}

// Fields that only one Zeek log kind has, checked in order. The unsupported kinds are listed so that
// a file without #path still gets a useful skip reason. Field names are those of Zeek 4 to 6 base scripts.
// Zeek JSON leaves unset fields out, so each kind also has markers that Zeek always writes. In the
// base scripts these fields have a &default or are set when the record is made: ssl.log's resumed
// and established, dns.log's rejected, AA and RD, and http.log's trans_depth, request_body_len
// and tags. SIP also logs trans_depth and request_body_len, so that http marker comes last.
const KIND_MARKERS: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['ssl', ['server_name']],
  ['ssl', ['resumed', 'established']],
  ['dns', ['query', 'qtype']],
  ['dns', ['query', 'qtype_name']],
  ['dns', ['rejected', 'AA', 'RD']],
  ['sip', ['call_id']],
  ['http', ['method', 'host']],
  ['http', ['uri', 'host']],
  ['conn', ['conn_state']],
  ['conn', ['history', 'orig_bytes']],
  ['weird', ['name', 'addl']],
  ['notice', ['note', 'msg']],
  ['files', ['fuid', 'mime_type']],
  ['x509', ['certificate.version']],
  ['tunnel', ['tunnel_type']],
  ['software', ['software_type']],
  ['dhcp', ['msg_types']],
  ['ssh', ['auth_success']],
  ['smtp', ['mailfrom']],
  ['ntp', ['stratum']],
  ['http', ['trans_depth', 'request_body_len', 'tags']],
];

/**
 * Detects the kind from field names (flat dotted names such as "id.orig_h").
 * Returns undefined when the names fit no known Zeek log.
 */
export function kindFromFields(fields: ReadonlySet<string>): KindDetection | undefined {
  for (const [path, markers] of KIND_MARKERS) {
    if (markers.every((marker) => fields.has(marker))) return kindFromPath(path);
  }
  if (fields.has('ts') && (fields.has('id.orig_h') || fields.has('uid'))) return { unsupported: 'unknown' };
  return undefined;
}
