// Population stage: which addresses are the monitored users, and which way each connection goes.
export { normalizeAddress, parseIPv4 } from './normalize-address.ts';
export { PopulationSet, type PopulationNetwork } from './population-set.ts';
export { parsePopulation, type ParsePopulationOptions } from './parse-population.ts';
export {
  classifyDirection,
  requirePopulationOrLocalFlags,
  type ClassifiedDirection,
  type DirectionIgnoreReason,
  type DirectionResult,
  type IgnoredDirection,
} from './classify-direction.ts';
