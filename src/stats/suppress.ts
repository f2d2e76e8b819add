/**
 * Disclosure control: published cells with fewer than `minCell` respondents are
 * suppressed, and enough other cells with them (complementary suppression) that
 * no suppressed value can be recovered by subtracting visible ones from a total.
 * Suppressed counts, percentages and intervals become null; zero cells stay
 * (a zero discloses no one).
 */
import type { BannerColumn, BannerTable, CrosstabTable, DisclosureSummary, FrequencyRow, FrequencyTable, Table } from '../spec/result.js';

export function suppressTables(tables: readonly Table[], minCell: number): { tables: Table[]; summary: DisclosureSummary } {
  const summary: DisclosureSummary = { minCell, primary: 0, complementary: 0, tables: 0 };
  const out = tables.map((t) => {
    const before = summary.primary + summary.complementary;
    const next = t.kind === 'frequency' ? frequency(t, minCell, summary) : t.kind === 'crosstab' ? crosstab(t, minCell, summary) : t.kind === 'banner' ? banner(t, minCell, summary) : t;
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
  // A mean of the scale would let the hidden counts be worked out again: it goes with them.
  const { mean: _, ...rest } = t;
  return { ...rest, rows: t.rows.map((r, i) => (hide[i] ? blank(r) : r)) };
}

function blank(r: FrequencyRow): FrequencyRow {
  const { ci: _ci, n: _n, ...rest } = r;
  return { ...rest, count: null, percent: null, ...(r.percentOfResponses !== undefined ? { percentOfResponses: null } : {}), suppressed: true } as unknown as FrequencyRow;
}

function crosstab(t: CrosstabTable, k: number, s: DisclosureSummary): CrosstabTable {
  // Tables reach here as tabulated: nothing is hidden yet.
  const ns = (t.unweightedCounts ?? t.counts).map((row) => row.map((x) => x ?? 0));
  const nets = new Set(t.netRows ?? []);
  const hide = cellMask(ns, nets, k);
  if (!hide.flat().some(Boolean)) return t;
  tally(ns, hide, k, s);
  const n = ns.map((row) => row.reduce((a, x) => a + x, 0));
  // A row's total is the sum of its cells: only a row that hides some can hide its total.
  const hiddenTotals = rowTotals(n, (r) => (hide[r]!.some(Boolean) ? 0 : Infinity), answerRowsOf(ns, nets), nets, k);
  s.complementary += hiddenTotals.filter((h, r) => h && !small(n[r]!, k)).length;
  const mask = <T>(m: T[][]): (T | null)[][] => m.map((row, r) => row.map((x, c) => (hide[r]![c] ? null : x)));
  const rowBases = t.rowBases.map((b, r) => (hiddenTotals[r] ? null : b));
  const out: CrosstabTable = { ...t, counts: mask(t.counts), columnPercents: mask(t.columnPercents), rowPercents: mask(t.rowPercents), totalPercents: mask(t.totalPercents), rowBases, suppressed: hide };
  if (t.unweightedCounts) out.unweightedCounts = mask(t.unweightedCounts);
  if (t.letters) out.letters = { ...t.letters, cells: t.letters.cells.map((row, r) => row.map((x, c) => (hide[r]![c] ? '' : x))) };
  // Tests on suppressed tables would recompute what was hidden.
  out.stats = null;
  return out;
}

/**
 * A banner is a crosstab of each row question by each banner question, beside a Total column (the
 * row question's own counts): each block of a section gets the crosstab rule, and the Total column
 * the rule of a crosstab's row totals. Column bases show, as a crosstab's do.
 */
function banner(t: BannerTable, k: number, s: DisclosureSummary): BannerTable {
  const blocks = bannerBlocks(t.columns);
  const total = t.columns.findIndex((c) => c.question === null);
  let any = false;
  const sections = t.sections.map((sec) => {
    // Weights are not respondents: a weighted banner must come with them (tabulated with stats.minCell).
    if (!sec.unweightedCounts && sec.bases.some((b, c) => b !== sec.unweightedBases[c])) throw new Error(`banner section '${sec.question}' is weighted but has no unweightedCounts`);
    // Blank columns (under minBase) publish no cell: never hidden, and never taken as complements.
    const ns = (sec.unweightedCounts ?? sec.counts).map((row) => row.map((x) => x ?? 0));
    const hide = bannerMask(ns, blocks, total < 0 ? null : total, new Set(sec.netRows ?? []), k);
    if (!hide.flat().some(Boolean)) return sec;
    any = true;
    tally(ns, hide, k, s);
    const mask = <T>(m: T[][]) => m.map((row, r) => row.map((x, c) => (hide[r]![c] ? null : x)));
    return { ...sec, counts: mask(sec.counts), percents: mask(sec.percents), ...(sec.unweightedCounts ? { unweightedCounts: mask(sec.unweightedCounts) } : {}), suppressed: hide };
  });
  return any ? { ...t, sections } : t;
}

/** The columns of each banner question: the blocks that are crosstabs of their own. */
function bannerBlocks(columns: readonly BannerColumn[]): number[][] {
  const blocks = new Map<string, number[]>();
  columns.forEach((c, i) => {
    if (c.question === null) return;
    const block = blocks.get(c.question) ?? [];
    block.push(i);
    blocks.set(c.question, block);
  });
  return [...blocks.values()];
}

/**
 * Which cells of a banner section to hide. The Total column holds what a crosstab's row totals hold,
 * but a banner shows it beside every block: a hidden total must not be the sum of one block's
 * visible cells, so the row hides a cell in each block too (its smallest, and what that entails),
 * until nothing more is needed.
 */
function bannerMask(ns: number[][], blocks: readonly number[][], total: number | null, nets: ReadonlySet<number>, k: number): boolean[][] {
  const also = ns.map((row) => row.map(() => false));
  const nonzero = (r: number, cols: readonly number[]) => cols.some((c) => ns[r]![c]! > 0);
  for (;;) {
    const hide = ns.map((row) => row.map(() => false));
    for (const cols of blocks) {
      const block = cellMask(ns.map((row) => cols.map((c) => row[c]!)), nets, k, also.map((row) => cols.map((c) => row[c]!)));
      block.forEach((row, r) => row.forEach((h, j) => (hide[r]![cols[j]!] = h)));
    }
    if (total === null) return hide;
    const hidesIn = (r: number, cols: readonly number[]) => cols.some((c) => hide[r]![c]) || !nonzero(r, cols);
    // The cheapest other total to hide: one already hiding a cell in every block, else in the most.
    const cost = (r: number) => blocks.filter((cols) => !hidesIn(r, cols)).length;
    const totals = rowTotals(ns.map((row) => row[total]!), cost, answerRowsOf(ns, nets), nets, k);
    let more = false;
    totals.forEach((hidden, r) => {
      if (!hidden) return;
      hide[r]![total] = true;
      for (const cols of blocks) {
        if (hidesIn(r, cols)) continue;
        const c = cols.filter((x) => ns[r]![x]! > 0).sort((a, b) => ns[r]![a]! - ns[r]![b]!)[0]!;
        also[r]![c] = true;
        more = true;
      }
    });
    if (!more) return hide;
  }
}

/**
 * The crosstab rule on respondents per cell (rows by columns): cells under the minimum are hidden
 * (and those `also` marks), then enough others that none follows from a row's or column's total,
 * then net cells that would give a hidden answer away.
 */
function cellMask(ns: number[][], nets: ReadonlySet<number>, k: number, also?: boolean[][]): boolean[][] {
  const answerRows = answerRowsOf(ns, nets);
  const columns = ns[0]?.map((_, c) => c) ?? [];
  const hide = ns.map((row, r) => row.map((x, c) => small(x, k) || also?.[r]?.[c] === true));
  // Rows and columns add up to visible bases: keep adding the smallest visible cell
  // to any row or column with exactly one hidden cell, until none is left alone.
  for (let changed = true; changed; ) {
    changed = false;
    const lines: number[][][] = [
      ...answerRows.map((r) => columns.map((c) => [r, c])),
      ...columns.map((c) => answerRows.map((r) => [r, c])),
    ];
    for (const line of lines) {
      if (line.filter(([r, c]) => hide[r!]![c!]).length !== 1) continue;
      const candidates = line.filter(([r, c]) => !hide[r!]![c!] && ns[r!]![c!]! > 0).sort((a, b) => ns[a[0]!]![a[1]!]! - ns[b[0]!]![b[1]!]!);
      const pick = candidates[0];
      if (!pick) continue;
      hide[pick[0]!]![pick[1]!] = true;
      changed = true;
    }
  }
  // Net rows combine answers: hide a net cell whenever an answer in its column is hidden.
  for (const r of nets) {
    for (const c of columns) {
      if (small(ns[r]![c]!, k) || answerRows.some((a) => hide[a]![c])) hide[r]![c] = true;
    }
  }
  return hide;
}

const answerRowsOf = (ns: readonly unknown[], nets: ReadonlySet<number>) => ns.map((_, r) => r).filter((r) => !nets.has(r));

/** Counts hidden cells: small ones as primary, the rest as complementary. */
function tally(ns: number[][], hide: boolean[][], k: number, s: DisclosureSummary): void {
  hide.forEach((row, r) => row.forEach((h, c) => {
    if (!h) return;
    if (small(ns[r]![c]!, k)) s.primary++;
    else s.complementary++;
  }));
}

/**
 * Which rows' Total (row base) to hide: a row holding fewer respondents than the minimum. Totals add
 * up to the base, so one hidden alone would be recovered by subtraction: the cheapest other row
 * (`cost`, then the smallest; Infinity: hiding its total would hide nothing) hides its total too.
 * Nets hide theirs whenever an answer's is hidden, as their cells do.
 */
function rowTotals(n: number[], cost: (r: number) => number, answerRows: number[], nets: ReadonlySet<number>, k: number): boolean[] {
  const hidden = n.map((x) => small(x, k));
  const hiddenAnswers = () => answerRows.filter((r) => hidden[r]).length;
  if (hiddenAnswers() === 1) {
    const pick = answerRows
      .filter((r) => !hidden[r] && n[r]! > 0 && cost(r) < Infinity)
      .sort((a, b) => cost(a) - cost(b) || n[a]! - n[b]!)[0];
    if (pick !== undefined) hidden[pick] = true;
  }
  if (hiddenAnswers() > 0) for (const r of nets) hidden[r] = true;
  return hidden;
}
