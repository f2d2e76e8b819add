/**
 * Respondent-level data for `survey clean`: one row per kept respondent, answers
 * as their (recoded) labels, personal data dropped or replaced by a keyed hash.
 */
import { createHmac } from 'node:crypto';
import type { Codebook } from '../spec/codebook.js';
import type { Tabulation } from '../engine/tabulation.js';
import type { Cells } from '../ingest/cells.js';
import type { Rejection } from '../filters/apply.js';
import { csvCell } from '../render/sanitize.js';
import { isBlank, normalizeCell } from '../codebook/values.js';
import { maskContacts } from '../privacy/mask.js';

export interface CleanColumns {
  header: string[];
  row(t: Tabulation, cells: Cells): string;
}

/** The column that holds each kept row's final weight (design weight x raking), when the study is weighted. */
const WEIGHT_COLUMN = 'survey_weight';

/**
 * `pseudonymise` lists personal-data question ids to keep as HMAC-SHA-256 of the
 * normalised value under `key` (the same person gets the same pseudonym across
 * files with the same key; without the key it cannot be reversed or recomputed).
 * `weighted` adds each row's final weight.
 */
export function cleanColumns(codebook: Codebook, pseudonymise: ReadonlySet<string>, key: Buffer | null, weighted = false): CleanColumns {
  const cols: { name: string; value: (t: Tabulation, cells: Cells) => string | number }[] = [];
  for (const q of codebook.questions) {
    if (q.type === 'pii') {
      if (!pseudonymise.has(q.id) || key === null) continue;
      const col = q.columns[0]!;
      cols.push({
        name: q.id,
        value: (_t, cells) => {
          const v = normalizeCell(cells.get(col));
          return isBlank(v) ? '' : createHmac('sha256', key).update(v.toLowerCase()).digest('hex').slice(0, 32);
        },
      });
      continue;
    }
    if (q.type === 'matrix') {
      q.items.forEach((item) => cols.push({ name: `${q.id}.${item.id}`, value: (t) => text(t.values.resolve(`${q.id}.${item.id}`)) }));
      continue;
    }
    cols.push({ name: q.id, value: (t) => text(t.values.resolve(q.id)) });
  }
  // The weight every table counted the row with, so that the clean data reproduces them.
  if (weighted) cols.push({ name: WEIGHT_COLUMN, value: (t) => t.rowWeight() });
  return {
    header: cols.map((c) => c.name),
    row: (t, cells) => cols.map((c) => csvCell(c.value(t, cells))).join(','),
  };
}

/** An answer as a cell; e-mail addresses, phone numbers and IPs typed into it are masked. */
function text(v: unknown): string | number {
  if (v === null || v === undefined) return '';
  if (Array.isArray(v)) return maskContacts(v.join('; '));
  if (typeof v === 'number') return v;
  return maskContacts(String(v));
}

/** The header of a rejects file: line, rule, reason, then the columns that are not personal data. */
export function rejectsHeader(columns: readonly string[]): string {
  return ['line', 'rule', 'reason', ...columns].map(csvCell).join(',');
}

/**
 * One removed row of a rejects file: its line, rule and reason, then its cells of the columns
 * that are not personal data, with e-mail addresses, phone numbers and IPs typed into them masked.
 */
export function rejectsLine(r: Rejection, cells: readonly string[]): string {
  return [csvCell(r.line), csvCell(maskContacts(r.rule)), csvCell(maskContacts(r.reason)), ...cells.map((c) => csvCell(maskContacts(c)))].join(',');
}
