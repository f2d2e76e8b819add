/**
 * Disclosure control: published cells with fewer than `minCell` respondents are
 * suppressed, and enough other cells with them (complementary suppression) that
 * no suppressed value can be recovered by subtracting visible ones from a total.
 * Suppressed counts, percentages and intervals become null; zero cells stay
 * (a zero discloses no one).
 */
import type { CrosstabTable, FrequencyRow, FrequencyTable, Table } from '../spec/result.js';

export interface DisclosureSummary {
  minCell: number;
  /** Cells hidden because they were small. */
  primary: number;
  /** Cells hidden so that the small ones cannot be recovered from totals. */
  complementary: number;
  /** Tables with at least one hidden cell. */
  tables: number;
}

export function suppressTables(tables: readonly Table[], minCell: number): { tables: Table[]; summary: DisclosureSummary } {
  const summary: DisclosureSummary = { minCell, primary: 0, complementary: 0, tables: 0 };
  const out = tables.map((t) => {
    const before = summary.primary + summary.complementary;
    const next = t.kind === 'frequency' ? frequency(t, minCell, summary) : t.kind === 'crosstab' ? crosstab(t, minCell, summary) : t;
    if (summary.primary + summary.complementary > before) summary.tables++;
    return next;
  });
  return { tables: out, summary };
}

const small = (n: number, k: number) => n > 0 && n < k;

function frequency(t: FrequencyTable, k: number, s: DisclosureSummary): FrequencyTable {
  const n = (r: FrequencyRow) => r.n ?? r.count ?? 0;
  const hide = t.rows.map((r) => small(n(r), k));
  s.primary += hide.filter(Boolean).length;
  // In a single-choice table the answers add up to the base: one hidden answer is recoverable.
  const answers = t.rows.map((r, i) => (!r.net && !r.missing ? i : -1)).filter((i) => i >= 0);
  if (t.type !== 'multi' && answers.filter((i) => hide[i]).length === 1) {
    const next = answers.filter((i) => !hide[i] && n(t.rows[i]!) > 0).sort((a, b) => n(t.rows[a]!) - n(t.rows[b]!))[0];
    if (next !== undefined) {
      hide[next] = true;
      s.complementary++;
    }
  }
  // A net with exactly one hidden member would give it away.
  t.rows.forEach((r, i) => {
    if (!r.net || hide[i] || !r.members) return;
    const hiddenMembers = t.rows.filter((m, j) => hide[j] && r.members!.includes(m.label)).length;
    if (hiddenMembers === 1) {
      hide[i] = true;
      s.complementary++;
    }
  });
  if (!hide.some(Boolean)) return t;
  return { ...t, rows: t.rows.map((r, i) => (hide[i] ? blank(r) : r)) };
}

function blank(r: FrequencyRow): FrequencyRow {
  const { ci: _ci, n: _n, ...rest } = r;
  return { ...rest, count: null, percent: null, ...(r.percentOfResponses !== undefined ? { percentOfResponses: null } : {}), suppressed: true } as unknown as FrequencyRow;
}

function crosstab(t: CrosstabTable, k: number, s: DisclosureSummary): CrosstabTable {
  // Tables reach here as tabulated: nothing is hidden yet.
  const ns = (t.unweightedCounts ?? t.counts) as number[][];
  const nets = new Set(t.netRows ?? []);
  const answerRows = t.rowLabels.map((_, r) => r).filter((r) => !nets.has(r));
  const hide = ns.map((row) => row.map((x) => small(x, k)));
  s.primary += hide.flat().filter(Boolean).length;
  // Rows and columns add up to visible bases: keep adding the smallest visible cell
  // to any row or column with exactly one hidden cell, until none is left alone.
  for (let changed = true; changed; ) {
    changed = false;
    const lines: number[][][] = [
      ...answerRows.map((r) => t.columnLabels.map((_, c) => [r, c])),
      ...t.columnLabels.map((_, c) => answerRows.map((r) => [r, c])),
    ];
    for (const line of lines) {
      if (line.filter(([r, c]) => hide[r!]![c!]).length !== 1) continue;
      const candidates = line.filter(([r, c]) => !hide[r!]![c!] && ns[r!]![c!]! > 0).sort((a, b) => ns[a[0]!]![a[1]!]! - ns[b[0]!]![b[1]!]!);
      const pick = candidates[0];
      if (!pick) continue;
      hide[pick[0]!]![pick[1]!] = true;
      s.complementary++;
      changed = true;
    }
  }
  // Net rows combine answers: hide a net cell whenever an answer in its column is hidden.
  for (const r of nets) {
    t.columnLabels.forEach((_, c) => {
      if (!hide[r]![c] && (small(ns[r]![c]!, k) || answerRows.some((a) => hide[a]![c]))) {
        hide[r]![c] = true;
        s.complementary++;
      }
    });
  }
  if (!hide.flat().some(Boolean)) return t;
  const hiddenTotals = rowTotals(ns, hide, answerRows, nets, k, s);
  const mask = <T>(m: T[][] | undefined) => m?.map((row, r) => row.map((x, c) => (hide[r]![c] ? null : x)));
  const rowBases = t.rowBases.map((b, r) => (hiddenTotals[r] ? null : b));
  const out = { ...t, counts: mask(t.counts), columnPercents: mask(t.columnPercents), rowPercents: mask(t.rowPercents), totalPercents: mask(t.totalPercents), rowBases, suppressed: hide } as unknown as CrosstabTable;
  if (t.unweightedCounts) out.unweightedCounts = mask(t.unweightedCounts) as unknown as number[][];
  if (t.letters) out.letters = { ...t.letters, cells: t.letters.cells.map((row, r) => row.map((x, c) => (hide[r]![c] ? '' : x))) };
  // Tests on suppressed tables would recompute what was hidden.
  out.stats = null;
  return out;
}

/**
 * Which rows' Total (row base) to hide: a row holding fewer respondents than the minimum. Totals add
 * up to the base, so one hidden alone would be recovered by subtraction: the smallest other row that
 * already hides cells (so its total cannot be summed from them) hides its total too. Nets hide theirs
 * whenever an answer's is hidden, as their cells do.
 */
function rowTotals(ns: number[][], hide: boolean[][], answerRows: number[], nets: Set<number>, k: number, s: DisclosureSummary): boolean[] {
  const n = ns.map((row) => row.reduce((a, x) => a + x, 0));
  const hidden = n.map((x) => small(x, k));
  const hiddenAnswers = () => answerRows.filter((r) => hidden[r]).length;
  if (hiddenAnswers() === 1) {
    const pick = answerRows.filter((r) => !hidden[r] && n[r]! > 0 && hide[r]!.some(Boolean)).sort((a, b) => n[a]! - n[b]!)[0];
    if (pick !== undefined) {
      hidden[pick] = true;
      s.complementary++;
    }
  }
  if (hiddenAnswers() > 0) {
    for (const r of nets) {
      if (!hidden[r]) s.complementary++;
      hidden[r] = true;
    }
  }
  return hidden;
}
