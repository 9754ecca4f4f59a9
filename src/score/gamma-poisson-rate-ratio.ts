import gammaQuantile from '@stdlib/stats-base-dists-gamma-quantile';
import gammainc from '@stdlib/math-base-special-gammainc';

export interface RateRatio {
  /** Posterior mean of the rate ratio observed / expected. */
  mean: number;
  /** Bounds of the central credible interval. */
  lower: number;
  upper: number;
  /** One-sided Poisson p-value of seeing at least `observed` when `expected` is the true mean. */
  pValue: number;
}

export interface RateRatioOptions {
  /** Gamma prior shape and rate on the ratio; shape / rate is the prior mean. */
  priorShape?: number;
  priorRate?: number;
  /** Mass of the central credible interval, for example 0.9. */
  credibleMass?: number;
}

/**
 * Gamma-Poisson rate ratio of an observed count against its expected count.
 *
 * With Y ~ Poisson(lambda * E) and a conjugate prior lambda ~ Gamma(a, b) (rate form), the posterior
 * is Gamma(a + y, b + E) (Gelman et al., Bayesian Data Analysis, 3rd ed., section 2.6). The p-value is
 * the Poisson upper tail P(Y >= y | E), computed as the lower regularized incomplete gamma P(y, E),
 * which also accepts the non-integer weighted counts of split attributions.
 */
export function gammaPoissonRateRatio(observed: number, expected: number, options: RateRatioOptions = {}): RateRatio {
  const priorShape = options.priorShape ?? 1;
  const priorRate = options.priorRate ?? 1;
  const credibleMass = options.credibleMass ?? 0.9;
  if (!(observed >= 0) || !(expected > 0)) throw new RangeError(`rate ratio needs observed >= 0 and expected > 0, got ${observed} and ${expected}`);

  const shape = priorShape + observed;
  const rate = priorRate + expected;
  const tail = (1 - credibleMass) / 2;
  return {
    mean: shape / rate,
    lower: gammaQuantile(tail, shape, rate),
    upper: gammaQuantile(1 - tail, shape, rate),
    pValue: observed <= 0 ? 1 : gammainc(expected, observed, true, false),
  };
}
