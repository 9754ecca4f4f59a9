import type { ConnRecord } from '../types.ts';

export type Outcome = 'established' | 'failed';

// Zeek conn_state values where the responder never completed a handshake or only reset it.
// Source: Zeek documentation, base/protocols/conn/main.zeek, field conn_state.
const FAILED_STATES = new Set(['S0', 'REJ', 'RSTOS0', 'RSTRH', 'SH', 'SHR', 'OTH']);

// A one-way flow (NetFlow v5/v9) from a client that sent at least this many packets is taken as
// established: a scan or an unanswered attempt sends one or two SYNs, while a TCP session sends
// its handshake ACK and data too. NOTE: a heuristic; UDP queries of one packet count as failed.
const ONE_WAY_MIN_PACKETS = 3;

/**
 * Classifies a connection as established (both sides exchanged packets and some payload) or
 * failed (no reply, rejected, or a bare handshake with no payload, as port scans leave).
 */
export function classifyOutcome(conn: ConnRecord): Outcome {
  if (conn.connState !== undefined && FAILED_STATES.has(conn.connState)) return 'failed';

  // Flow exports carry no state and no history. Without reverse counters, or with zero ones (a
  // one-way export), the reply is in another flow, so only the client's packet count can tell.
  if (conn.connState === undefined && conn.history === undefined && !(conn.respPackets! > 0) && !(conn.respBytes! > 0)) {
    if (conn.origBytes === 0) return 'failed';
    if (conn.origPackets === undefined) return 'established';
    return conn.origPackets >= ONE_WAY_MIN_PACKETS ? 'established' : 'failed';
  }
  if (conn.respPackets === 0) return 'failed';

  const payload = (conn.origBytes ?? 0) + (conn.respBytes ?? 0);
  if (conn.origBytes !== undefined || conn.respBytes !== undefined) {
    return payload > 0 ? 'established' : 'failed';
  }
  // Flow exports without byte counts and without a state give no sign of failure.
  return 'established';
}
