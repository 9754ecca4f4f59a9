import test from 'ava';
import { classifyOutcome } from '../../src/aggregate/classify-outcome.ts';
import type { ConnRecord } from '../../src/types.ts';

function conn(fields: Partial<ConnRecord>): ConnRecord {
  return {
    kind: 'conn',
    ts: 1_700_000_000,
    origHost: '192.0.2.10',
    origPort: 50000,
    respHost: '198.51.100.20',
    respPort: 443,
    proto: 'tcp',
    source: { file: 'conn.log', line: 9 },
    ...fields,
  };
}

// Meanings of conn_state from the Zeek documentation (base/protocols/conn/main.zeek):
// S0 no reply, REJ rejected, SF normal setup and teardown, RSTO originator aborted, SH originator
// sent SYN then FIN with no SYN-ACK, OTH no SYN seen (midstream traffic).

test('Zeek failure states are failed', (t) => {
  // Even with payload counted, these states mean no handshake with the responder.
  for (const state of ['S0', 'REJ', 'SH', 'OTH', 'RSTOS0', 'RSTRH', 'SHR']) {
    t.is(classifyOutcome(conn({ connState: state, origBytes: 100, respBytes: 200, respPackets: 2 })), 'failed', state);
  }
});

test('SF depends on payload', (t) => {
  t.is(classifyOutcome(conn({ connState: 'SF', origBytes: 517, respBytes: 4810, respPackets: 8 })), 'established');
  // A full handshake and teardown with no payload, as a connect scan leaves.
  t.is(classifyOutcome(conn({ connState: 'SF', origBytes: 0, respBytes: 0, respPackets: 2 })), 'failed');
  // Payload from one side is enough.
  t.is(classifyOutcome(conn({ connState: 'SF', origBytes: 120, respBytes: 0, respPackets: 3 })), 'established');
});

test('RSTO depends on payload', (t) => {
  t.is(classifyOutcome(conn({ connState: 'RSTO', origBytes: 300, respBytes: 1200, respPackets: 4 })), 'established');
  t.is(classifyOutcome(conn({ connState: 'RSTO', origBytes: 0, respBytes: 0, respPackets: 1 })), 'failed');
});

test('no reply packets means failed', (t) => {
  t.is(classifyOutcome(conn({ connState: 'S1', origBytes: 10, respBytes: 10, respPackets: 0 })), 'failed');
});

test('flows without state', (t) => {
  // NetFlow/IPFIX records: no conn_state.
  t.is(classifyOutcome(conn({ origBytes: 900, respBytes: 0 })), 'established');
  t.is(classifyOutcome(conn({ origBytes: 0, respBytes: 0 })), 'failed');
  // A one-way export (zero reverse counters) without packet counts cannot show the reply.
  t.is(classifyOutcome(conn({ origBytes: 900, respPackets: 0 })), 'established');
  // With packet counts: one SYN of 44 bytes is a scan; 12 client packets carried a session.
  t.is(classifyOutcome(conn({ origBytes: 44, origPackets: 1, respBytes: 0, respPackets: 0 })), 'failed');
  t.is(classifyOutcome(conn({ origBytes: 900, origPackets: 12, respBytes: 0, respPackets: 0 })), 'established');
  // Reverse counters (bidirectional IPFIX, RFC 5103) with a reply: established.
  t.is(classifyOutcome(conn({ origBytes: 44, origPackets: 1, respBytes: 60, respPackets: 1 })), 'established');
  // Neither bytes nor state: nothing says it failed.
  t.is(classifyOutcome(conn({})), 'established');
  t.is(classifyOutcome(conn({ respBytes: 40 })), 'established');
});
