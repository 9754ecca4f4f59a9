// Population stage: which addresses are the monitored users, and which way each connection goes.
export { normalizeAddress, parseIPv4 } from './normalize-address.ts';
export { PopulationSet, type PopulationNetwork } from './population-set.ts';
export { parsePopulation, type ParsePopulationOptions } from './parse-population.ts';
export {
  classifyDirection,
  requirePopulationOrLocalFlags,
  type DirectionIgnoreReason,
  type DirectionResult,
} from './classify-direction.ts';
