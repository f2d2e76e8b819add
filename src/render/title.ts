import { basename } from 'node:path';
import type { AnalysisResult, Table } from '../spec/result.js';

/** The title of a published result: the study's, or the export's file name (never the folders it was read from). */
export function resultTitle(result: AnalysisResult & { title?: string | undefined }): string {
  return result.title ?? inputName(result.input.file);
}

/**
 * A grid's title, from one of its items' tables (labelled `question | item`): the label without
 * ` | item`; coded headers (q0007_0001) give none, and the grid's id stands for it. Every output
 * (terminal, Markdown, report.html, the diverging chart) titles a grid by this.
 */
export function gridTitle(t: Table): string {
  if (t.kind !== 'frequency' || t.item === undefined) return t.label;
  const suffix = ` | ${t.item}`;
  const stripped = t.label.endsWith(suffix) ? t.label.slice(0, -suffix.length) : t.label;
  return stripped === t.item ? t.question : stripped;
}

/** A validity rule as the funnel names it, with the removals it counts apart: `speeders (20 of them end before they start)`. */
export function stepLabel(step: { rule: string; apart?: { label: string; removed: number } }): string {
  return step.apart ? `${step.rule} (${step.apart.removed} of them ${step.apart.label})` : step.rule;
}

/** An export as published files name it: its file name, without folders that can name the analyst (/Users/jane.doe/...). */
export function inputName(file: string): string {
  return basename(file.replace(/\\/g, '/'));
}
