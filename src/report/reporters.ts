// Reporter registry: each output format is one function from an assessment to text.

import type { Assessment } from './assessment.ts';
import { formatCsv } from './format-csv.ts';
import { formatJson } from './format-json.ts';
import { formatMarkdown } from './format-markdown.ts';
import { formatTable } from './format-table.ts';

export interface ReporterOptions {
  top?: number;
  topCities?: number;
}

export type Reporter = (assessment: Assessment, options: ReporterOptions) => string;

export const REPORTERS: Readonly<Record<string, Reporter>> = {
  table: formatTable,
  json: (assessment) => formatJson(assessment),
  csv: (assessment) => formatCsv(assessment),
  markdown: formatMarkdown,
};
