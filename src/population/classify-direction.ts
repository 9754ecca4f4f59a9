// Decides which end of a connection is the monitored host, and so whether it is outbound or inbound.
import { ConfigError } from '../errors.ts';
import type { ConnRecord, Direction } from '../types.ts';
import type { PopulationSet } from './population-set.ts';

export type DirectionIgnoreReason = 'both endpoints in population' | 'no population endpoint';

/**
 * Direction of a connection seen from the population ("outbound": a population host originated
 * it), or why it has none.
 */
export type DirectionResult = Direction | DirectionIgnoreReason;

/**
 * Classifies a connection as outbound or inbound from the monitored population's side.
 * With a population, membership of the two endpoints decides. Without one, the Zeek local_orig and
 * local_resp flags decide (they come from Zeek's Site::local_nets). The remote end is the
 * responder of an outbound connection and the originator of an inbound one. The result is a
 * string, not an object, because this runs once per connection record.
 * Throws ConfigError when there is neither a population nor both flags on the record.
 */
export function classifyDirection(conn: ConnRecord, population?: PopulationSet): DirectionResult {
  let origLocal: boolean;
  let respLocal: boolean;
  if (population !== undefined) {
    origLocal = population.contains(conn.origHost);
    respLocal = population.contains(conn.respHost);
  } else {
    requirePopulationOrLocalFlags(conn, population);
    origLocal = conn.localOrig === true;
    respLocal = conn.localResp === true;
  }

  if (origLocal && respLocal) return 'both endpoints in population';
  if (!origLocal && !respLocal) return 'no population endpoint';
  return origLocal ? 'outbound' : 'inbound';
}

/**
 * Throws ConfigError unless a population is given or the record carries both Zeek local flags.
 * classifyDirection calls it, so a run without --population stops on the first record that needs one.
 */
export function requirePopulationOrLocalFlags(conn: ConnRecord, population?: PopulationSet): void {
  if (population !== undefined) return;
  if (conn.localOrig !== undefined && conn.localResp !== undefined) return;
  throw new ConfigError(
    `Cannot tell outbound from inbound connections: ${conn.source.file} line ${conn.source.line} has no local_orig/local_resp flags and no population was given.`,
    'Pass --population with the monitored networks, for example --population 192.0.2.0/24, or give Zeek logs written with Site::local_nets set.',
  );
}
