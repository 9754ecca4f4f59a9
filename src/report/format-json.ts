import type { Assessment } from './assessment.ts';

/** Writes the assessment as indented JSON; keys keep their construction order, so output is stable. */
export function formatJson(assessment: Assessment): string {
  return JSON.stringify(assessment, null, 2) + '\n';
}
