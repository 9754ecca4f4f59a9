import Papa from 'papaparse';
import type { Assessment, Finding } from './assessment.ts';

/** Formats one row per place (countries, then their cities), for spreadsheets and notebooks. */
export function formatCsv(assessment: Assessment): string {
  const rows: Record<string, string | number | boolean>[] = [];
  const add = (finding: Finding, level: 'country' | 'city') => {
    rows.push({
      level,
      rank: finding.rank ?? '',
      place: finding.place,
      country: finding.country,
      city: finding.city ?? '',
      status: finding.status,
      present: finding.present,
      probability: finding.probability,
      likelihood: finding.likelihood,
      confidence: finding.confidence,
      score: finding.score,
      activity_observed: finding.evidence.activity.observed,
      activity_expected: finding.evidence.activity.expected,
      activity_rate_ratio: finding.evidence.activity.rateRatio,
      activity_q_value: finding.evidence.activity.qValue,
      local_observed: finding.evidence.local.observed,
      local_expected: finding.evidence.local.expected,
      local_rate_ratio: finding.evidence.local.rateRatio,
      local_q_value: finding.evidence.local.qValue,
      local_resources: finding.evidence.resourceCount,
      categories: finding.evidence.categories.join(' '),
      evidence_days: finding.evidence.evidenceDays.length,
      inbound_access_peers: finding.evidence.inboundAccessPeerCount,
      // Every listed resource and peer: the top 10 by default, all with --all-evidence.
      resources: finding.evidence.resources.map((use) => use.resource).join(' '),
      inbound_peers: finding.evidence.inboundAccessPeers.map((peer) => peer.peer).join(' '),
    });
  };
  for (const country of assessment.countries) {
    add(country, 'country');
    for (const city of country.cities ?? []) add(city, 'city');
  }
  return Papa.unparse(rows, { newline: '\n' }) + '\n';
}
