// Presents a weights sweep: a Markdown table of the metrics of each combination, and a small
// SVG line chart of one metric, drawn by hand so that a notebook needs no plotting package.

import type { EvaluationMetrics } from './compute-metrics.ts';
import type { SweepRow } from './sweep-weights.ts';

const METRIC_COLUMNS: { metric: keyof EvaluationMetrics; title: string; digits: number }[] = [
  { metric: 'passed', title: 'passed', digits: 0 },
  { metric: 'top1CountryAccuracy', title: 'top-1 country', digits: 3 },
  { metric: 'top1CityAccuracy', title: 'top-1 city', digits: 3 },
  { metric: 'meanReciprocalRank', title: 'MRR', digits: 3 },
  { metric: 'falsePresentCount', title: 'false presents', digits: 0 },
  { metric: 'brierScore', title: 'Brier', digits: 4 },
];

/** Formats one Markdown table row per combination: the swept values, then the metrics. */
export function formatSweepMarkdown(rows: readonly SweepRow[]): string {
  if (rows.length === 0) return '(no combinations)\n';
  const keys = Object.keys(rows[0].values);
  const header = [...keys, ...METRIC_COLUMNS.map((column) => column.title)];
  const lines = [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`];
  for (const row of rows) {
    const metrics = METRIC_COLUMNS.map(({ metric, digits }) => {
      const value = row.metrics[metric];
      return value === null ? '-' : value.toFixed(digits);
    });
    lines.push(`| ${[...keys.map((key) => String(row.values[key])), ...metrics].join(' | ')} |`);
  }
  return lines.join('\n') + '\n';
}

export interface SweepChartOptions {
  /** Swept key on the horizontal axis. */
  x: string;
  /** Swept key that gives one line per value; none draws a single line. */
  series?: string;
  /** Metric on the vertical axis. */
  metric: 'brierScore' | 'meanReciprocalRank' | 'top1CountryAccuracy' | 'top1CityAccuracy' | 'falsePresentCount' | 'passed';
  width?: number;
  height?: number;
}

// Colour-blind-safe palette of Okabe and Ito, "Color Universal Design" (2008).
const COLOURS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#F0E442', '#000000'];

/** Draws the metric against the `x` key as an SVG line chart, one line per value of `series`. */
export function plotSweepSvg(rows: readonly SweepRow[], options: SweepChartOptions): string {
  const width = options.width ?? 640;
  const height = options.height ?? 360;
  const margin = { left: 60, right: 150, top: 20, bottom: 45 };
  const plotWidth = width - margin.left - margin.right;
  const plotHeight = height - margin.top - margin.bottom;

  const points = rows
    .map((row) => ({ x: row.values[options.x], series: options.series ? row.values[options.series] : undefined, y: row.metrics[options.metric] }))
    .filter((point): point is { x: number; series: number | undefined; y: number } => point.x !== undefined && point.y !== null);
  const seriesValues = [...new Set(points.map((point) => point.series))].sort((a, b) => (a ?? 0) - (b ?? 0));

  const xs = points.map((point) => point.x);
  const ys = points.map((point) => point.y);
  const [xMin, xMax] = [Math.min(...xs), Math.max(...xs)];
  // The vertical axis starts at 0, so that lines of small differences do not look steep.
  const [yMin, yMax] = [Math.min(0, ...ys), Math.max(...ys) || 1];
  const scaleX = (value: number) => margin.left + (xMax === xMin ? plotWidth / 2 : ((value - xMin) / (xMax - xMin)) * plotWidth);
  const scaleY = (value: number) => margin.top + plotHeight - ((value - yMin) / (yMax - yMin)) * plotHeight;

  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
    `<line x1="${margin.left}" y1="${margin.top + plotHeight}" x2="${margin.left + plotWidth}" y2="${margin.top + plotHeight}" stroke="black"/>`,
    `<line x1="${margin.left}" y1="${margin.top}" x2="${margin.left}" y2="${margin.top + plotHeight}" stroke="black"/>`,
  ];
  for (const value of [...new Set(xs)].sort((a, b) => a - b)) {
    parts.push(`<text x="${scaleX(value).toFixed(1)}" y="${margin.top + plotHeight + 16}" text-anchor="middle">${value}</text>`);
  }
  for (let tick = 0; tick <= 4; tick += 1) {
    const value = yMin + ((yMax - yMin) * tick) / 4;
    parts.push(`<text x="${margin.left - 6}" y="${(scaleY(value) + 4).toFixed(1)}" text-anchor="end">${Number(value.toFixed(3))}</text>`);
  }
  parts.push(`<text x="${margin.left + plotWidth / 2}" y="${height - 8}" text-anchor="middle">${escapeXml(options.x)}</text>`);
  parts.push(`<text x="14" y="${margin.top + plotHeight / 2}" text-anchor="middle" transform="rotate(-90 14 ${margin.top + plotHeight / 2})">${escapeXml(options.metric)}</text>`);

  seriesValues.forEach((series, index) => {
    const colour = COLOURS[index % COLOURS.length];
    const line = points.filter((point) => point.series === series).sort((a, b) => a.x - b.x);
    const path = line.map((point) => `${scaleX(point.x).toFixed(1)},${scaleY(point.y).toFixed(1)}`).join(' ');
    parts.push(`<polyline points="${path}" fill="none" stroke="${colour}" stroke-width="2"/>`);
    for (const point of line) parts.push(`<circle cx="${scaleX(point.x).toFixed(1)}" cy="${scaleY(point.y).toFixed(1)}" r="3" fill="${colour}"/>`);
    const label = options.series ? `${options.series} = ${series}` : options.metric;
    parts.push(`<text x="${margin.left + plotWidth + 10}" y="${margin.top + 14 + index * 16}" fill="${colour}">${escapeXml(label)}</text>`);
  });

  parts.push('</svg>');
  return parts.join('\n');
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
