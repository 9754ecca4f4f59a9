import test from 'ava';
import { benjaminiHochberg } from '../../src/score/benjamini-hochberg.ts';

const close = (actual: number[], expected: number[]) => actual.length === expected.length && actual.every((value, index) => Math.abs(value - expected[index]) < 1e-12);

test('worked example in input order', (t) => {
  // m = 4. Sorted: 0.005 (rank 1), 0.01 (2), 0.03 (3), 0.04 (4).
  // p * m / rank: 0.02, 0.02, 0.04, 0.04; running minimum from the top leaves them as they are.
  // Back in input order [0.01, 0.04, 0.03, 0.005]: [0.02, 0.04, 0.04, 0.02] (by hand).
  const q = benjaminiHochberg([0.01, 0.04, 0.03, 0.005]);
  t.true(close(q, [0.02, 0.04, 0.04, 0.02]), JSON.stringify(q));
});

test('running minimum keeps q monotone', (t) => {
  // m = 3, sorted 0.01, 0.045, 0.046: p * m / rank = 0.03, 0.0675, 0.046. Rank 2 takes the
  // minimum of itself and rank 3, 0.046, so q = [0.03, 0.046, 0.046] (by hand).
  const q = benjaminiHochberg([0.046, 0.01, 0.045]);
  t.true(close(q, [0.046, 0.03, 0.046]), JSON.stringify(q));

  // q ordered like p for a longer, shuffled list.
  const p = [0.2, 0.001, 0.04, 0.9, 0.013, 0.5, 0.02, 0.0001];
  const adjusted = benjaminiHochberg(p);
  const order = p.map((_, index) => index).sort((a, b) => p[a] - p[b]);
  for (let i = 1; i < order.length; i++) t.true(adjusted[order[i]] >= adjusted[order[i - 1]]);
  // Each q is at least its p and at most 1.
  adjusted.forEach((value, index) => {
    t.true(value >= p[index]);
    t.true(value <= 1);
  });
});

test('ties and large p-values', (t) => {
  // m = 2, both 0.02: rank 2 gives 0.02, rank 1 gives 0.04 then min 0.02.
  t.true(close(benjaminiHochberg([0.02, 0.02]), [0.02, 0.02]));
  // m = 3, [0.6, 0.7, 0.8]: 0.8, then min(0.8, 1.05), then min(0.8, 1.8): all 0.8.
  t.true(close(benjaminiHochberg([0.6, 0.7, 0.8]), [0.8, 0.8, 0.8]));
  // One test: q equals p.
  t.deepEqual(benjaminiHochberg([0.03]), [0.03]);
});

test('empty input gives empty output', (t) => {
  t.deepEqual(benjaminiHochberg([]), []);
});

test('input array is not reordered', (t) => {
  const p = [0.3, 0.1, 0.2];
  benjaminiHochberg(p);
  t.deepEqual(p, [0.3, 0.1, 0.2]);
});
