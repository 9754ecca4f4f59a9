// Compares one assessment with the truth of its scenario: where the true country and city
// rank, and which countries are reported present that should not be.

import type { Assessment } from '../report/assessment.ts';
import type { Likelihood } from '../score/likelihood.ts';
import type { Scenario } from './load-scenarios.ts';

export interface EvaluatedOutcome {
  status: 'evaluated';
  scenario: string;
  truth: { country: string; city?: string };
  /** 1-based rank of the true country; null when it is not ranked (absent, or insufficient evidence). */
  countryRank: number | null;
  /** Probability of presence of the true country, 0 when it is not listed. */
  probability: number;
  likelihood: Likelihood | null;
  confidence: 'low' | 'moderate' | 'high' | null;
  present: boolean;
  /** 1-based rank of the true city among its country's cities; null when not ranked or no city is given. */
  cityRank: number | null;
  /** Countries reported present other than the truth, sorted. */
  falsePresents: string[];
  /** Each country the scenario lists as absent, with its probability (0 when not listed) and presence. */
  absent: { country: string; probability: number; present: boolean }[];
  /** Truth country ranked first and present, true city (if given) first in it, and no absent country present. */
  passed: boolean;
}

export interface SkippedOutcome {
  status: 'skipped';
  scenario: string;
  truth: { country: string; city?: string };
  reason: string;
}

export type ScenarioOutcome = EvaluatedOutcome | SkippedOutcome;

/** Reads the outcome of a scenario from its assessment. */
export function scoreOutcome(scenario: Scenario, assessment: Assessment): EvaluatedOutcome {
  const countries = assessment.countries;
  const truth = countries.find((finding) => finding.country === scenario.truth.country);
  const city = scenario.truth.city === undefined ? undefined : truth?.cities?.find((finding) => finding.city === scenario.truth.city);

  const countryRank = truth?.rank ?? null;
  const present = truth?.present ?? false;
  const cityRank = city?.rank ?? null;
  const falsePresents = countries
    .filter((finding) => finding.present && finding.country !== scenario.truth.country)
    .map((finding) => finding.country)
    .sort();
  const absent = scenario.absent.map((code) => {
    const finding = countries.find((entry) => entry.country === code);
    return { country: code, probability: finding?.probability ?? 0, present: finding?.present ?? false };
  });

  const passed = countryRank === 1 && present && (scenario.truth.city === undefined || cityRank === 1) && absent.every((entry) => !entry.present);

  return {
    status: 'evaluated',
    scenario: scenario.name,
    truth: scenario.truth,
    countryRank,
    probability: truth?.probability ?? 0,
    likelihood: truth?.likelihood ?? null,
    confidence: truth?.confidence ?? null,
    present,
    cityRank,
    falsePresents,
    absent,
    passed,
  };
}
