// Estimative words and their probability ranges, from US Intelligence Community Directive 203,
// "Analytic Standards" (2015), section D.6.e.(2)(a).

export type Likelihood =
  | 'almost no chance'
  | 'very unlikely'
  | 'unlikely'
  | 'roughly even chance'
  | 'likely'
  | 'very likely'
  | 'almost certain';

/** Ranges as [lower, upper) probabilities; the ends of the scale take everything outside them. */
export const LIKELIHOOD_RANGES: readonly { words: Likelihood; from: number; to: number }[] = [
  { words: 'almost no chance', from: 0.01, to: 0.05 },
  { words: 'very unlikely', from: 0.05, to: 0.2 },
  { words: 'unlikely', from: 0.2, to: 0.45 },
  { words: 'roughly even chance', from: 0.45, to: 0.55 },
  { words: 'likely', from: 0.55, to: 0.8 },
  { words: 'very likely', from: 0.8, to: 0.95 },
  { words: 'almost certain', from: 0.95, to: 0.99 },
];

export function likelihoodFor(probability: number): Likelihood {
  for (const range of LIKELIHOOD_RANGES) {
    if (probability < range.to) return range.words;
  }
  return 'almost certain';
}

/** Formats a likelihood's range as percentages, for example "55-80%". */
export function likelihoodRange(words: Likelihood): string {
  const range = LIKELIHOOD_RANGES.find((entry) => entry.words === words)!;
  return `${Math.round(range.from * 100)}-${Math.round(range.to * 100)}%`;
}
