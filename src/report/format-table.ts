import type { Assessment, Finding } from './assessment.ts';
import { describeDataQuality, describeEvidence } from './describe.ts';

export interface TableOptions {
  /** Countries to list; the rest are counted. */
  top?: number;
  /** Cities to list under each country. */
  topCities?: number;
}

/** Plain-text table for a terminal: ranked countries, their cities indented, then data quality. */
export function formatTable(assessment: Assessment, options: TableOptions = {}): string {
  const top = options.top ?? 10;
  const topCities = options.topCities ?? 5;
  const rows: string[][] = [['rank', 'place', 'likelihood', 'p', 'confidence', 'present', 'evidence']];

  const row = (finding: Finding, indent: string) => [
    finding.rank === null ? '-' : String(finding.rank),
    indent + finding.place,
    finding.status === 'ranked' ? finding.likelihood : 'insufficient evidence',
    finding.probability.toFixed(2),
    finding.confidence,
    finding.present ? 'yes' : 'no',
    describeEvidence(finding),
  ];

  const ranked = assessment.countries.filter((finding) => finding.status === 'ranked');
  for (const country of ranked.slice(0, top)) {
    rows.push(row(country, ''));
    for (const city of (country.cities ?? []).filter((finding) => finding.status === 'ranked').slice(0, topCities)) rows.push(row(city, '  '));
  }

  const widths = rows[0].map((_, column) => Math.max(...rows.map((cells) => (column === 6 ? 0 : cells[column].length))));
  const lines = rows.map((cells) => cells.map((cell, column) => (column === 6 ? cell : cell.padEnd(widths[column]))).join('  ').trimEnd());

  const window = assessment.window.first ? `${assessment.window.first} to ${assessment.window.last}` : 'no connections';
  const notShown = ranked.length - Math.min(top, ranked.length);
  const insufficient = assessment.countries.length - ranked.length;
  return [
    `footprint assessment (${window})`,
    '',
    ...lines,
    '',
    `${ranked.length} ${ranked.length === 1 ? 'country' : 'countries'} ranked${notShown > 0 ? ` (${notShown} not shown; use --top)` : ''}, ${insufficient} with insufficient evidence.`,
    '',
    'Data quality',
    ...describeDataQuality(assessment).map((line) => `  ${line}`),
    '',
  ].join('\n');
}
