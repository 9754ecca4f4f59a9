// Decides which end of a connection is the monitored host, and so whether it is outbound or inbound.
import { ConfigError } from '../errors.ts';
import type { ConnRecord, Direction } from '../types.ts';
import type { PopulationSet } from './population-set.ts';

export type DirectionIgnoreReason = 'both endpoints in population' | 'no population endpoint';

export interface ClassifiedDirection {
  /** Outbound: the population host originated the connection. */
  direction: Direction;
  localHost: string;
  localPort: number;
  remoteHost: string;
  remotePort: number;
}

export interface IgnoredDirection {
  direction: undefined;
  ignoreReason: DirectionIgnoreReason;
}

export type DirectionResult = ClassifiedDirection | IgnoredDirection;

const BOTH_LOCAL: IgnoredDirection = { direction: undefined, ignoreReason: 'both endpoints in population' };
const NONE_LOCAL: IgnoredDirection = { direction: undefined, ignoreReason: 'no population endpoint' };

/**
 * Classifies a connection as outbound or inbound from the monitored population's side.
 * With a population, membership of the two endpoints decides. Without one, the Zeek local_orig and
 * local_resp flags decide (they come from Zeek's Site::local_nets).
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

  if (origLocal && respLocal) return BOTH_LOCAL;
  if (!origLocal && !respLocal) return NONE_LOCAL;
  if (origLocal) {
    return {
      direction: 'outbound',
      localHost: conn.origHost,
      localPort: conn.origPort,
      remoteHost: conn.respHost,
      remotePort: conn.respPort,
    };
  }
  return {
    direction: 'inbound',
    localHost: conn.respHost,
    localPort: conn.respPort,
    remoteHost: conn.origHost,
    remotePort: conn.origPort,
  };
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
