// Short text pieces shared by the human-readable reporters.

import type { Assessment, Finding } from './assessment.ts';

export function percent(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}

/** Describes the top evidence in one line: resources, categories, days and direction. */
export function describeEvidence(finding: Finding, resourceCount = 3): string {
  const evidence = finding.evidence;
  const parts: string[] = [];
  if (evidence.resourceCount > 0) {
    const names = evidence.resources.slice(0, resourceCount).map((use) => use.resource).join(', ');
    const more = evidence.resourceCount > resourceCount ? ` +${evidence.resourceCount - resourceCount} more` : '';
    parts.push(`${evidence.resourceCount} local resource(s): ${names}${more}`);
  }
  if (evidence.categories.length > 0) parts.push(`categories: ${evidence.categories.join(', ')}`);
  parts.push(`${evidence.evidenceDays.length}/${evidence.activeDays} day(s)`);
  const outbound = evidence.activity.outbound;
  const inbound = evidence.activity.inbound;
  parts.push(`activity out ${round(outbound)} / in ${round(inbound)}${evidence.activity.significant ? ` (x${round(evidence.activity.rateRatio)} baseline)` : ''}`);
  if (evidence.inboundAccessPeerCount > 0) parts.push(`${evidence.inboundAccessPeerCount} inbound access peer(s)`);
  return parts.join('; ');
}

export function round(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

/** Lists the data-quality lines that the table and Markdown reporters share. */
export function describeDataQuality(assessment: Assessment): string[] {
  const quality = assessment.dataQuality;
  const records = quality.records;
  const rejected = Object.entries(records.rejected);
  const ignored = Object.entries(records.ignored);
  const lines = [
    `records read ${records.read}, used ${records.used}, rejected ${rejected.reduce((sum, [, count]) => sum + count, 0)}, ignored ${ignored.reduce((sum, [, count]) => sum + count, 0)}`,
  ];
  for (const [reason, count] of rejected) lines.push(`  rejected: ${reason}: ${count}`);
  for (const [reason, count] of ignored) lines.push(`  ignored: ${reason}: ${count}`);
  for (const example of quality.rejectExamples.slice(0, 10)) lines.push(`  example: ${example.file}:${example.line}: ${example.reason}: ${JSON.stringify(example.value)}`);
  for (const skipped of quality.skippedFiles) lines.push(`  skipped file: ${skipped.path}: ${skipped.reason}`);
  lines.push(
    `population: ${assessment.run.population}`,
    `connections of the population ${quality.connections} to/from ${quality.distinctRemoteAddresses} remote addresses`,
    `global services ${percent(quality.globalServiceShare)}, CDN and cloud ${percent(quality.cdnCloudShare)}, VPN/Tor/VPS ${percent(quality.opsecShare)}, no domain attributed ${percent(quality.unattributedShare)}, not geolocated ${percent(quality.unlocatedShare)}`,
    ...(quality.connections > 0 && quality.unlocatedShare > 0.5
      ? [`warning: ${percent(quality.unlocatedShare)} of connections have no geolocation, so activity and city evidence are thin; check that --geoip covers these addresses`]
      : []),
    `GeoIP: ${describeDatabase(assessment.run.databases.geoip)}`,
    `ASN: ${describeDatabase(assessment.run.databases.asn)}`,
    `baseline: ${assessment.run.baseline}`,
    `weights: ${assessment.run.weights}`,
  );
  return lines;
}

function describeDatabase(database: Assessment['run']['databases']['geoip']): string {
  return `${database.databaseType}, built ${database.buildDate} (${database.schema} schema)`;
}
