import type { ConnRecord } from '../types.ts';

export type Outcome = 'established' | 'failed';

// Zeek conn_state values where the responder never completed a handshake or only reset it.
// Source: Zeek documentation, base/protocols/conn/main.zeek, field conn_state.
const FAILED_STATES = new Set(['S0', 'REJ', 'RSTOS0', 'RSTRH', 'SH', 'SHR', 'OTH']);

/**
 * Classifies a connection as established (both sides exchanged packets and some payload) or
 * failed (no answer, rejected, or a bare handshake with no payload, as port scans leave).
 */
export function classifyOutcome(conn: ConnRecord): Outcome {
  if (conn.connState !== undefined && FAILED_STATES.has(conn.connState)) return 'failed';
  if (conn.respPackets === 0) return 'failed';

  const payload = (conn.origBytes ?? 0) + (conn.respBytes ?? 0);
  if (conn.origBytes !== undefined || conn.respBytes !== undefined) {
    return payload > 0 ? 'established' : 'failed';
  }
  // Flow exports without byte counts and without a state give no sign of failure.
  return 'established';
}
