// The result of `footprint assess`: ranked findings and the data quality of the run.
// The JSON reporter writes this object as it is; docs/assessment-schema.md documents each field.

import type { RecordTally } from '../types.ts';
import type { PlaceScore } from '../score/score-places.ts';
import type { Likelihood } from '../score/likelihood.ts';
import type { FeatureName } from '../score/load-weights.ts';
import { likelihoodRange } from '../score/likelihood.ts';
import { compareText } from '../util/compare-text.ts';

export const ASSESSMENT_SCHEMA = 'footprint-assessment/1';

export interface RateTestSummary {
  observed: number;
  expected: number;
  rateRatio: number;
  /** Central credible interval of the rate ratio. */
  interval: [number, number];
  qValue: number;
  significant: boolean;
}

export interface ResourceEvidence {
  resource: string;
  category: string;
  /** City of the resource's audience, for resources counted at country level. */
  place: string;
  connections: number;
  rule: string;
}

export interface Finding {
  /** 1-based rank among ranked places of its level; null when the evidence is insufficient. */
  rank: number | null;
  place: string;
  country: string;
  city: string | null;
  status: 'ranked' | 'insufficient evidence';
  present: boolean;
  /** Probability of presence, 0 to 1; for a city, its country's probability times conditionalProbability. */
  probability: number;
  /** For a city, the probability given that its country is a candidate; for a country, equal to probability. */
  conditionalProbability: number;
  likelihood: Likelihood;
  /** Probability range of the likelihood words, for example "80-95%". */
  likelihoodRange: string;
  confidence: 'low' | 'moderate' | 'high';
  confidenceReasons: string[];
  /** Logit of the probability: bias plus the feature contributions. */
  score: number;
  features: Record<FeatureName, number>;
  contributions: Record<FeatureName, number>;
  evidence: {
    activity: RateTestSummary & { outbound: number; inbound: number };
    local: RateTestSummary;
    resources: ResourceEvidence[];
    resourceCount: number;
    categories: string[];
    evidenceDays: string[];
    activeDays: number;
    inboundAccessPeers: { peer: string; established: number; connections: number }[];
    inboundAccessPeerCount: number;
    scannerPeers: number;
    timeZone: string | null;
    /** Share of evidence events in local working hours, null without events. */
    workingHoursShare: number | null;
    meanAccuracyKm: number | null;
    meanAmbiguity: number;
  };
  cities?: Finding[];
}

export interface DatabaseSummary {
  databaseType: string;
  buildDate: string;
  schema: string;
  paths: string[];
}

export interface DataQuality {
  records: RecordTally;
  rejectExamples: { reason: string; file: string; line: number; value: string }[];
  files: { path: string; format: string; kind: string; read: number; used: number; rejected: number; ignored: number }[];
  skippedFiles: { path: string; reason: string }[];
  connections: number;
  /** Shares of the population's connections, 0 to 1. */
  globalServiceShare: number;
  cdnCloudShare: number;
  opsecShare: number;
  unattributedShare: number;
  unlocatedShare: number;
  byCategory: Record<string, number>;
  byNetworkClass: Record<string, number>;
  distinctRemoteAddresses: number;
}

export interface Assessment {
  schema: typeof ASSESSMENT_SCHEMA;
  run: {
    inputs: string[];
    population: string;
    weights: string;
    baseline: string;
    databases: { geoip: DatabaseSummary; asn: DatabaseSummary };
  };
  /** First and last connection time, ISO 8601 UTC. */
  window: { first: string | null; last: string | null };
  dataQuality: DataQuality;
  countries: Finding[];
}

const round = (value: number, digits = 4) => Math.round(value * 10 ** digits) / 10 ** digits;

function summariseTest(test: PlaceScore['tests']['local']): RateTestSummary {
  return {
    observed: round(test.observed),
    expected: round(test.expected, 6),
    rateRatio: round(test.mean),
    interval: [round(test.lower), Number.isFinite(test.upper) ? round(test.upper) : -1],
    qValue: round(test.qValue, 6),
    significant: test.significant,
  };
}

/** Turns one place score into a finding; `resourceLimit` caps the listed resources (Infinity for all). */
export function toFinding(score: PlaceScore, resourceLimit: number, workingHours: [number, number]): Finding {
  const measures = score.measures;
  const events = measures.eventsByLocalHour.reduce((sum, value) => sum + value, 0);
  const inHours = measures.eventsByLocalHour.slice(workingHours[0], workingHours[1]).reduce((sum, value) => sum + value, 0);
  const roundRecord = <K extends string>(record: Record<K, number>) => Object.fromEntries(Object.entries(record).map(([key, value]) => [key, round(value as number)])) as Record<K, number>;

  return {
    rank: null,
    place: measures.place,
    country: measures.country,
    city: measures.city ?? null,
    status: score.insufficient ? 'insufficient evidence' : 'ranked',
    present: score.present,
    probability: round(score.probability),
    conditionalProbability: round(score.conditionalProbability),
    likelihood: score.likelihood,
    likelihoodRange: likelihoodRange(score.likelihood),
    confidence: score.confidence,
    confidenceReasons: score.confidenceReasons,
    score: round(score.logit),
    features: roundRecord(score.features),
    contributions: roundRecord(score.contributions),
    evidence: {
      activity: { ...summariseTest(score.tests.activity), outbound: round(measures.activityOutbound), inbound: round(measures.activityInbound) },
      local: summariseTest(score.tests.local),
      resources: measures.localResources.slice(0, resourceLimit).map((use) => ({
        resource: use.resource,
        category: use.category,
        place: use.place,
        connections: round(use.connections),
        rule: use.rule,
      })),
      resourceCount: measures.localResources.length,
      categories: measures.localCategories,
      evidenceDays: measures.evidenceDays,
      activeDays: measures.activeDays,
      inboundAccessPeers: measures.inboundAccessPeers.slice(0, resourceLimit).map((peer) => ({ peer: peer.peer, established: peer.established, connections: peer.connections })),
      inboundAccessPeerCount: measures.inboundAccessPeers.length,
      scannerPeers: measures.scannerPeers,
      timeZone: measures.timeZone ?? null,
      workingHoursShare: events > 0 ? round(inHours / events) : null,
      meanAccuracyKm: measures.meanAccuracyKm === undefined ? null : round(measures.meanAccuracyKm, 1),
      meanAmbiguity: round(measures.meanAmbiguity),
    },
  };
}

/** Orders findings: ranked places by probability, then score, then name; insufficient ones last by name. */
export function rankFindings(findings: Finding[]): Finding[] {
  const ranked = findings.filter((finding) => finding.status === 'ranked');
  const insufficient = findings.filter((finding) => finding.status !== 'ranked');
  ranked.sort((a, b) => b.probability - a.probability || b.score - a.score || (a.place < b.place ? -1 : 1));
  insufficient.sort((a, b) => compareText(a.place, b.place));
  ranked.forEach((finding, index) => (finding.rank = index + 1));
  return [...ranked, ...insufficient];
}

/** Builds ranked country findings, each with its ranked cities. */
export function buildFindings(scores: PlaceScore[], options: { resourceLimit: number; workingHours: [number, number] }): Finding[] {
  const countries = scores.filter((score) => !score.measures.city).map((score) => toFinding(score, options.resourceLimit, options.workingHours));
  const citiesByCountry = new Map<string, Finding[]>();
  for (const score of scores) {
    if (!score.measures.city) continue;
    const list = citiesByCountry.get(score.measures.country) ?? [];
    list.push(toFinding(score, options.resourceLimit, options.workingHours));
    citiesByCountry.set(score.measures.country, list);
  }
  for (const country of countries) country.cities = rankFindings(citiesByCountry.get(country.country) ?? []);
  return rankFindings(countries);
}
