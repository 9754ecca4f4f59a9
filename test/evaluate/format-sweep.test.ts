// Sweep presentation on hand-made rows: the Markdown table cell by cell, and the chart's lines.

import test from 'ava';
import { formatSweepMarkdown, plotSweepSvg } from '../../src/evaluate/format-sweep.ts';
import type { EvaluationMetrics } from '../../src/evaluate/compute-metrics.ts';
import type { SweepRow } from '../../src/evaluate/sweep-weights.ts';

function metrics(brierScore: number | null, passed: number): EvaluationMetrics {
  return {
    scenarios: 2,
    evaluated: 2,
    skipped: 0,
    passed,
    top1CountryAccuracy: 1,
    top1CityAccuracy: 0.5,
    meanReciprocalRank: 0.75,
    falsePresentCount: 2 - passed,
    brierScore,
    brierPairs: 4,
  };
}

const ROWS: SweepRow[] = [
  { values: { 'score.bias': -5, w: 1 }, metrics: metrics(0.02, 2), outcomes: [] },
  { values: { 'score.bias': -5, w: 2 }, metrics: metrics(0.05, 1), outcomes: [] },
  { values: { 'score.bias': -4, w: 1 }, metrics: metrics(0.1, 1), outcomes: [] },
  { values: { 'score.bias': -4, w: 2 }, metrics: metrics(null, 0), outcomes: [] },
];

test('Markdown table of a sweep', (t) => {
  const lines = formatSweepMarkdown(ROWS).trimEnd().split('\n');
  t.is(lines.length, 6);
  t.is(lines[0], '| score.bias | w | passed | top-1 country | top-1 city | MRR | false presents | Brier |');
  t.is(lines[1], '| --- | --- | --- | --- | --- | --- | --- | --- |');
  t.is(lines[2], '| -5 | 1 | 2 | 1.000 | 0.500 | 0.750 | 0 | 0.0200 |');
  // A null metric (no scenario evaluated) prints as a dash.
  t.is(lines[5], '| -4 | 2 | 0 | 1.000 | 0.500 | 0.750 | 2 | - |');
  t.is(formatSweepMarkdown([]), '(no combinations)\n');
});

test('chart draws one line per series', (t) => {
  const svg = plotSweepSvg(ROWS, { x: 'w', series: 'score.bias', metric: 'brierScore' });
  t.true(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"'));
  t.is(svg.match(/<polyline /g)?.length, 2);
  // Three points have a Brier score; the null one is left out.
  t.is(svg.match(/<circle /g)?.length, 3);
  t.regex(svg, />score\.bias = -5</);
  t.regex(svg, />score\.bias = -4</);
});
