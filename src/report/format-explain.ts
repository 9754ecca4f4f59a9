import type { Assessment, Finding } from './assessment.ts';
import { FootprintError } from '../errors.ts';

/** Returns the finding of one country (ISO code, any case); throws when the run has no evidence for it. */
export function findCountry(assessment: Assessment, country: string): Finding {
  const code = country.toUpperCase();
  const finding = assessment.countries.find((entry) => entry.country === code);
  if (!finding) {
    const known = assessment.countries.map((entry) => entry.country).join(', ') || 'none';
    throw new FootprintError(`no evidence at all for country ${code} in this run`, `Countries with evidence: ${known}.`);
  }
  return finding;
}

/** Writes one country's finding, with its cities and every piece of evidence, as JSON. */
export function formatExplainJson(assessment: Assessment, country: string): string {
  return JSON.stringify({ schema: assessment.schema, run: assessment.run, window: assessment.window, finding: findCountry(assessment, country) }, null, 2) + '\n';
}

/** All evidence for one country and its cities, for an analyst who must defend or reject it. */
export function formatExplain(assessment: Assessment, country: string): string {
  const finding = findCountry(assessment, country);
  const lines = explainPlace(finding);
  for (const city of finding.cities ?? []) lines.push('', ...explainPlace(city));
  return lines.join('\n') + '\n';
}

// A test is significant when its q value is at most the false discovery rate of the weights
// (test.false_discovery_rate) and the whole credible interval of the rate ratio lies above 1.
function significance(summary: Finding['evidence']['local']): string {
  if (summary.significant) return 'significant';
  if (summary.interval[0] <= 1) return 'not significant (the interval does not lie above 1)';
  return 'not significant (q above the false discovery rate, test.false_discovery_rate in the weights)';
}

function explainPlace(finding: Finding): string[] {
  const evidence = finding.evidence;
  const test = (name: string, summary: Finding['evidence']['local']) =>
    `${name}: observed ${summary.observed}, expected ${summary.expected}, rate ratio ${summary.rateRatio} (interval ${summary.interval[0]} to ${summary.interval[1] < 0 ? 'inf' : summary.interval[1]}), q ${summary.qValue}, ${significance(summary)}`;
  const lines = [
    `== ${finding.place}${finding.rank ? ` (rank ${finding.rank})` : ''}`,
    `status: ${finding.status}; present: ${finding.present ? 'yes' : 'no'}`,
    `likelihood: ${finding.likelihood} (${finding.likelihoodRange}), p = ${finding.probability}${finding.city ? ` (${finding.conditionalProbability} given the country)` : ''}, score ${finding.score}`,
    `confidence: ${finding.confidence}`,
    ...finding.confidenceReasons.map((reason) => `  ${reason}`),
    test('activity', evidence.activity) + `; outbound ${evidence.activity.outbound}, inbound ${evidence.activity.inbound}`,
    test('local resources', evidence.local),
    'features (value -> contribution to score):',
    ...Object.keys(finding.features).map((name) => `  ${name}: ${finding.features[name as keyof Finding['features']]} -> ${finding.contributions[name as keyof Finding['features']]}`),
    `days with evidence: ${evidence.evidenceDays.join(', ') || 'none'} (of ${evidence.activeDays} active day(s), time zone ${evidence.timeZone ?? 'unknown'})`,
    `working-hours share: ${evidence.workingHoursShare ?? 'n/a'}${finding.features.working_hours === 0 && evidence.workingHoursShare !== null ? ' (too few events for the working-hours feature, or exactly the expected share)' : ''}; mean geolocation accuracy: ${evidence.meanAccuracyKm === null ? 'unknown (the database gives no radius)' : `${evidence.meanAccuracyKm} km`}; mean attribution ambiguity: ${evidence.meanAmbiguity}`,
    `inbound peers on access networks: ${evidence.inboundAccessPeerCount}; scanner peers discounted: ${evidence.scannerPeers}`,
    ...evidence.inboundAccessPeers.map((peer) => `  ${peer.peer}: ${peer.established} established of ${peer.connections}`),
    `local resources (${evidence.resourceCount}):`,
    ...evidence.resources.map((use) => `  ${use.resource} [${use.category}] ${use.place}: ${use.connections} connection(s); ${use.rule}`),
  ];
  return lines;
}
