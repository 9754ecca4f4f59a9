import test from 'ava';
import { gammaPoissonRateRatio } from '../../src/score/gamma-poisson-rate-ratio.ts';

// Gamma(n, rate) CDF for a whole-number shape n, written without the library under test: the n-th
// arrival of a Poisson process of rate `rate` comes before q exactly when at least n arrivals fall
// in [0, q], so P(X <= q) = 1 - sum_{k<n} e^(-rate q) (rate q)^k / k!.
function erlangCdf(q: number, shape: number, rate: number): number {
  let term = Math.exp(-rate * q);
  let below = 0;
  for (let k = 0; k < shape; k++) {
    below += term;
    term *= (rate * q) / (k + 1);
  }
  return 1 - below;
}

// Poisson upper tail P(Y >= y | mean) for a whole-number y: 1 minus the pmf summed below y.
function poissonUpperTail(y: number, mean: number): number {
  let term = Math.exp(-mean);
  let below = 0;
  for (let k = 0; k < y; k++) {
    below += term;
    term *= mean / (k + 1);
  }
  return 1 - below;
}

test('posterior mean is (a + y) / (b + E)', (t) => {
  // Prior Gamma(1, 1), y = 3, E = 1: (1 + 3) / (1 + 1) = 2.
  t.is(gammaPoissonRateRatio(3, 1).mean, 2);
  // Prior Gamma(2, 4), y = 10, E = 6: (2 + 10) / (4 + 6) = 1.2.
  t.is(gammaPoissonRateRatio(10, 6, { priorShape: 2, priorRate: 4 }).mean, 1.2);
});

test('credible bounds of Gamma(4, 2)', (t) => {
  // y = 3, E = 1 with the Gamma(1, 1) prior gives the posterior Gamma(4, rate 2), which is
  // chi-square(8) / 4. A printed chi-square table gives 2.73264 (lower 5 %) and 15.50731 (upper 5 %)
  // for 8 degrees of freedom, so the 90 % bounds are 0.68316 and 3.87683.
  // scipy 1.17.1 gamma.ppf gives 0.6831591983749155 and 3.8768282639663627.
  const ratio = gammaPoissonRateRatio(3, 1, { credibleMass: 0.9 });
  t.true(Math.abs(ratio.lower - 0.6831591983749155) < 1e-9, `lower ${ratio.lower}`);
  t.true(Math.abs(ratio.upper - 3.8768282639663627) < 1e-9, `upper ${ratio.upper}`);
  t.true(Math.abs(ratio.lower - 2.73264 / 4) < 1e-5);
  t.true(Math.abs(ratio.upper - 15.50731 / 4) < 1e-5);

  // The Erlang CDF puts 5 % of the mass below the lower bound and 95 % below the upper one.
  t.true(Math.abs(erlangCdf(ratio.lower, 4, 2) - 0.05) < 1e-9);
  t.true(Math.abs(erlangCdf(ratio.upper, 4, 2) - 0.95) < 1e-9);
});

test('credible bounds of Gamma(11, 3)', (t) => {
  // y = 10, E = 2, prior Gamma(1, 1): posterior Gamma(11, rate 3), mean 11/3.
  // scipy 1.17.1 gamma.ppf(0.05 | 0.95, 11, scale=1/3): 2.0563357631317736 and 5.654073078573967.
  const ratio = gammaPoissonRateRatio(10, 2);
  t.true(Math.abs(ratio.mean - 11 / 3) < 1e-12);
  t.true(Math.abs(ratio.lower - 2.0563357631317736) < 1e-9, `lower ${ratio.lower}`);
  t.true(Math.abs(ratio.upper - 5.654073078573967) < 1e-9, `upper ${ratio.upper}`);
  t.true(Math.abs(erlangCdf(ratio.lower, 11, 3) - 0.05) < 1e-9);
  t.true(Math.abs(erlangCdf(ratio.upper, 11, 3) - 0.95) < 1e-9);
});

test('credible mass widens the interval', (t) => {
  // A 99 % interval of Gamma(4, 2) has its lower bound at the 0.5 % quantile, its upper at 99.5 %.
  const ratio = gammaPoissonRateRatio(3, 1, { credibleMass: 0.99 });
  t.true(Math.abs(erlangCdf(ratio.lower, 4, 2) - 0.005) < 1e-9);
  t.true(Math.abs(erlangCdf(ratio.upper, 4, 2) - 0.995) < 1e-9);
  t.true(ratio.lower < 0.6831591983749155);
});

test('p-value is the Poisson upper tail', (t) => {
  // y = 3, E = 1: 1 - e^-1 (1 + 1 + 1/2) = 0.0803014 (by hand).
  const small = gammaPoissonRateRatio(3, 1).pValue;
  t.true(Math.abs(small - 0.0803013970713942) < 1e-12, `p ${small}`);
  t.true(Math.abs(small - poissonUpperTail(3, 1)) < 1e-12);

  // y = 10, E = 2: 1 - sum_{k<10} e^-2 2^k / k! = 4.6498075e-5 (scipy 1.17.1 gammainc(10, 2)).
  const tiny = gammaPoissonRateRatio(10, 2).pValue;
  t.true(Math.abs(tiny - 4.649807501726386e-5) < 1e-15, `p ${tiny}`);

  // y = 1, E = 1: P(Y >= 1) = 1 - e^-1 = 0.6321206.
  t.true(Math.abs(gammaPoissonRateRatio(1, 1).pValue - (1 - Math.exp(-1))) < 1e-12);
});

test('p-value of a fractional count', (t) => {
  // y = 2.5, E = 1: the regularized lower incomplete gamma P(2.5, 1) is 0.150854964, summed by hand
  // from the series x^a e^-x / Gamma(a+1) * sum_n x^n / ((a+1)...(a+n)). scipy 1.17.1 gives
  // gammainc(2.5, 1) = 0.15085496391539038. It lies between the tails at y = 2 and y = 3.
  const p = gammaPoissonRateRatio(2.5, 1).pValue;
  t.true(Math.abs(p - 0.15085496391539038) < 1e-12, `p ${p}`);
  t.true(p < poissonUpperTail(2, 1));
  t.true(p > poissonUpperTail(3, 1));
});

test('observed zero gives p-value 1', (t) => {
  const ratio = gammaPoissonRateRatio(0, 5);
  t.is(ratio.pValue, 1);
  // Posterior Gamma(1, 6): mean 1/6; exponential, so its 5 % quantile is -ln(0.95) / 6.
  t.true(Math.abs(ratio.mean - 1 / 6) < 1e-12);
  t.true(Math.abs(ratio.lower - -Math.log(0.95) / 6) < 1e-12);
});

test('invalid counts throw RangeError', (t) => {
  t.throws(() => gammaPoissonRateRatio(3, 0), { instanceOf: RangeError, message: 'rate ratio needs observed >= 0 and expected > 0, got 3 and 0' });
  t.throws(() => gammaPoissonRateRatio(3, -1), { instanceOf: RangeError });
  t.throws(() => gammaPoissonRateRatio(3, Number.NaN), { instanceOf: RangeError });
  t.throws(() => gammaPoissonRateRatio(-1, 1), { instanceOf: RangeError, message: 'rate ratio needs observed >= 0 and expected > 0, got -1 and 1' });
  t.throws(() => gammaPoissonRateRatio(Number.NaN, 1), { instanceOf: RangeError });
});
