import type { Assessment, Finding } from './assessment.ts';
import { describeDataQuality, describeEvidence } from './describe.ts';

/** Markdown report: a findings table, cities per present country, and the data quality. */
export function formatMarkdown(assessment: Assessment, options: { top?: number; topCities?: number } = {}): string {
  const top = options.top ?? 10;
  const topCities = options.topCities ?? 5;
  const escape = (text: string) => text.replace(/\|/g, '\\|');
  const row = (finding: Finding) =>
    `| ${finding.rank ?? '-'} | ${escape(finding.place)} | ${finding.likelihood} (${finding.likelihoodRange}) | ${finding.probability.toFixed(2)} | ${finding.confidence} | ${finding.present ? 'yes' : 'no'} | ${escape(describeEvidence(finding))} |`;
  const header = ['| rank | place | likelihood | p | confidence | present | evidence |', '| ---: | --- | --- | ---: | --- | --- | --- |'];

  const ranked = assessment.countries.filter((finding) => finding.status === 'ranked');
  const lines = ['# footprint assessment', '', `Window: ${assessment.window.first ?? '-'} to ${assessment.window.last ?? '-'}`, '', '## Countries', '', ...header];
  for (const country of ranked.slice(0, top)) lines.push(row(country));
  const insufficient = assessment.countries.length - ranked.length;
  lines.push('', `${ranked.length} ${ranked.length === 1 ? 'country' : 'countries'} ranked${ranked.length > top ? ` (${ranked.length - top} not shown)` : ''}, ${insufficient} with insufficient evidence.`);

  for (const country of ranked.slice(0, top).filter((finding) => finding.present || finding.rank === 1)) {
    const cities = (country.cities ?? []).filter((finding) => finding.status === 'ranked').slice(0, topCities);
    if (cities.length === 0) continue;
    lines.push('', `## Cities in ${country.country}`, '', ...header, ...cities.map(row));
  }

  lines.push('', '## Data quality', '', ...describeDataQuality(assessment).map((line) => (line.startsWith('  ') ? `  - ${line.trim()}` : `- ${line}`)), '');
  return lines.join('\n');
}
