import test from 'ava';
import { LIKELIHOOD_RANGES, likelihoodFor, likelihoodRange } from '../../src/score/likelihood.ts';

// Words and ranges of ICD 203 "Analytic Standards" (2015): almost no chance 01-05 %, very unlikely
// 05-20 %, unlikely 20-45 %, roughly even chance 45-55 %, likely 55-80 %, very likely 80-95 %,
// almost certain 95-99 %.

test('boundaries map to the upper word', (t) => {
  t.is(likelihoodFor(0), 'almost no chance');
  t.is(likelihoodFor(0.049), 'almost no chance');
  t.is(likelihoodFor(0.05), 'very unlikely');
  t.is(likelihoodFor(0.2), 'unlikely');
  t.is(likelihoodFor(0.45), 'roughly even chance');
  t.is(likelihoodFor(0.5), 'roughly even chance');
  t.is(likelihoodFor(0.549), 'roughly even chance');
  t.is(likelihoodFor(0.55), 'likely');
  t.is(likelihoodFor(0.8), 'very likely');
  t.is(likelihoodFor(0.95), 'almost certain');
  t.is(likelihoodFor(0.99), 'almost certain');
  t.is(likelihoodFor(0.999), 'almost certain');
  t.is(likelihoodFor(1), 'almost certain');
});

test('ranges follow ICD 203', (t) => {
  t.deepEqual(
    LIKELIHOOD_RANGES.map((range) => [range.words, likelihoodRange(range.words)]),
    [
      ['almost no chance', '1-5%'],
      ['very unlikely', '5-20%'],
      ['unlikely', '20-45%'],
      ['roughly even chance', '45-55%'],
      ['likely', '55-80%'],
      ['very likely', '80-95%'],
      ['almost certain', '95-99%'],
    ],
  );
  // The ranges tile [0.01, 0.99) without gaps.
  for (let i = 1; i < LIKELIHOOD_RANGES.length; i++) t.is(LIKELIHOOD_RANGES[i].from, LIKELIHOOD_RANGES[i - 1].to);
});
