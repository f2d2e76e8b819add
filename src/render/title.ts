import { basename } from 'node:path';
import type { AnalysisResult } from '../spec/result.js';

/** The title of a published result: the study's, or the export's file name (never the folders it was read from). */
export function resultTitle(result: AnalysisResult & { title?: string | undefined }): string {
  return result.title ?? inputName(result.input.file);
}

/** A validity rule as the funnel names it, with the removals it counts apart: `speeders (20 of them end before they start)`. */
export function stepLabel(step: { rule: string; apart?: { label: string; removed: number } }): string {
  return step.apart ? `${step.rule} (${step.apart.removed} of them ${step.apart.label})` : step.rule;
}

/** An export as published files name it: its file name, without folders that can name the analyst (/Users/jane.doe/...). */
export function inputName(file: string): string {
  return basename(file.replace(/\\/g, '/'));
}
