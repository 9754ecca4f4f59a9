// Expected shares of activity and local-resource use for a population that is not present.
// Two baselines: the world prior alone, or a reference aggregate (another population or an
// earlier window) shrunk towards the world prior by a pseudo-count, so that a place the
// reference never saw still gets a small, non-zero expectation.

import type { PlaceMeasures } from '../score/measure-places.ts';
import type { PriorKind, WorldPrior } from './load-world-prior.ts';

export type Measure = 'activity' | 'local';

export interface Baseline {
  /** Describes the baseline for the report. */
  description: string;
  /** Expected share of `measure` for a country among all countries. */
  countryShare(measure: Measure, country: string): number;
  /** Expected share of `measure` for a city among its country's. */
  cityShare(measure: Measure, country: string, city: string): number;
}

export interface BaselineOptions {
  minPriorShare: number;
  referencePseudoCount: number;
}

// Activity is traffic to servers, so its chance rate follows address space; local-resource use
// follows the people a resource is made for.
const PRIOR_KIND: Record<Measure, PriorKind> = { activity: 'ipv4', local: 'population' };

export function worldPriorBaseline(prior: WorldPrior, options: BaselineOptions): Baseline {
  return {
    description: `world prior (${PRIOR_KIND.activity} address share for activity, population share for local resources)`,
    countryShare: (measure, country) => Math.max(options.minPriorShare, prior.countries.get(country)?.[PRIOR_KIND[measure]] ?? 0),
    cityShare: (measure, country, city) => Math.max(options.minPriorShare, prior.cities.get(`${country}/${city}`)?.[PRIOR_KIND[measure]] ?? 0),
  };
}

/** Baseline from measured reference places, each share shrunk towards `fallback` with the pseudo-count. */
export function referenceBaseline(reference: Map<string, PlaceMeasures>, fallback: Baseline, options: BaselineOptions & { description: string }): Baseline {
  const countryTotals: Record<Measure, number> = { activity: 0, local: 0 };
  for (const measures of reference.values()) {
    if (measures.city) continue;
    countryTotals.activity += measures.activity;
    countryTotals.local += measures.local;
  }
  const k = options.referencePseudoCount;

  return {
    description: options.description,
    countryShare(measure, country) {
      const observed = reference.get(country)?.[measure] ?? 0;
      return (observed + k * fallback.countryShare(measure, country)) / (countryTotals[measure] + k);
    },
    cityShare(measure, country, city) {
      const observed = reference.get(`${country}/${city}`)?.[measure] ?? 0;
      const total = reference.get(country)?.[measure] ?? 0;
      return (observed + k * fallback.cityShare(measure, country, city)) / (total + k);
    },
  };
}
