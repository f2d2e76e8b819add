/** Tables for the terminal: aligned columns, inline bars, colour through a styler. */
import type { AnalysisResult, BannerTable, FunnelStep, CrosstabStats, CrosstabTable, FrequencyTable, NumericTable, Table, TextTable } from '../../spec/result.js';
import { formatCount, formatNumber, formatPercent, forTerminal } from '../sanitize.js';
import { isOneCheckbox, isWeighted, ONE_CHECKBOX, ONE_CHECKBOX_NOTE, showsOneCheckbox, totalPercent } from './total.js';
import { gridRun } from './grid.js';
import { gridTitle, stepLabel } from '../title.js';
import { bannerCell } from './banner.js';
import { disclosureNote, metadataNote, netLabel, underHeading, weightsNote } from './notes.js';
import { padEnd, padStart, pieces, width as columnsOf } from './width.js';

/** Colour is applied by the caller's styler (chalk at the CLI edge, identity in tests). */
export interface Styler {
  title(s: string): string;
  dim(s: string): string;
  bar(s: string): string;
  warn(s: string): string;
}

export const plain: Styler = { title: (s) => s, dim: (s) => s, bar: (s) => s, warn: (s) => s };

export interface TextOptions {
  styler: Styler;
  /** Terminal width. __Default value:__ 100 */
  width: number;
}

export function renderText(result: AnalysisResult, options: TextOptions): string {
  const { styler: st } = options;
  const out: string[] = [];
  const inp = result.input;
  if (result.title) out.push(st.title(forTerminal(result.title)));
  const layout = inp.format === 'xlsx' ? `Excel workbook, sheet ${JSON.stringify(forTerminal(inp.sheet ?? ''))}` : `${inp.encoding}, delimiter ${JSON.stringify(inp.delimiter)}`;
  out.push(st.dim(`${forTerminal(inp.file)}: ${inp.rows} respondents, ${layout}, ${inp.headerRows} header row${inp.headerRows === 1 ? '' : 's'}`));
  if (result.withheld.length > 0) {
    out.push(st.warn(`Withheld as personal data (never tabulated): ${result.withheld.map((w) => `${forTerminal(w.column)} (${w.kind})`).join(', ')}`));
  }
  const metadata = metadataNote(result, forTerminal);
  if (metadata !== null) out.push(st.dim(metadata));
  if (result.funnel) out.push('', funnelText(result.funnel, st));
  if (result.weights) out.push('', st.dim(weightsNote(result.weights, forTerminal)));
  if (result.disclosure) out.push(st.dim(disclosureNote(result.disclosure)));
  const tables = result.tables;
  for (let i = 0; i < tables.length; i++) {
    const run = gridRun(tables, i);
    const together = run.length > 0 ? grid(run, options) : null;
    if (together !== null) {
      // A grid's items share their table's filter.
      out.push('', withFilter(run[0]!, together, options.styler));
      i += run.length - 1;
    } else out.push('', renderTable(tables[i]!, options));
  }
  return `${out.join('\n')}\n`;
}

/**
 * A grid as one table: its items as rows, the answers as columns, row percentages and each item's
 * base; null when its answers do not fit the terminal's width side by side.
 */
function grid(items: readonly FrequencyTable[], { styler: st, width }: TextOptions): string | null {
  const first = items[0]!;
  const title = gridTitle(first);
  const itemLabel = (t: FrequencyTable) => forTerminal(t.item ?? t.label);
  const answers = first.rows.map((r) => forTerminal(r.label));
  // A rating scale's items get their mean answer beside their base.
  const means = items.every((t) => t.mean !== undefined);
  const columns = answers.length + 1 + (means ? 1 : 0);
  // Answer columns as wide as their longest word (6 to 14), so headings wrap without cutting words;
  // item labels wrap into what is left (up to 32, down to 14), and only then do the columns narrow.
  const longestWord = Math.max(...answers.flatMap((a) => a.split(' ').map(columnsOf)));
  const natural = Math.max(6, ...wrapAll(items.map(itemLabel), 32, 2).flat().map(columnsOf));
  const roomFor = (colW: number) => width - 3 - columns * (colW + 1) + 1;
  const leastLabel = Math.min(natural, 14);
  let colW = Math.max(6, Math.min(14, longestWord));
  if (roomFor(colW) < leastLabel) colW = Math.max(6, Math.floor((width - 2 - leastLabel) / columns) - 1);
  // Too many answers for the terminal even so: a table per item.
  const room = roomFor(colW);
  if (room < 12) return null;
  const labels = natural <= room ? wrapAll(items.map(itemLabel), 32, 2) : wrapAll(items.map(itemLabel), room, 4);
  const lw = Math.max(6, ...labels.flat().map(columnsOf));
  const head = headingLines([...answers, 'n', ...(means ? ['mean'] : [])], colW, 4);
  const lines = [heading(title, first.id ?? first.question, st), ...head.map((h, i) => st.dim(`  ${padEnd(i === head.length - 1 ? 'row %' : '', lw)} ${h}`))];
  items.forEach((t, k) => {
    const [top, ...more] = labels[k]!;
    const cells = t.rows.map((r) => (r.suppressed ? '*' : formatPercent(r.percent)).padStart(colW));
    lines.push(`  ${padEnd(top!, lw)} ${cells.join(' ')} ${formatNumber(t.base).padStart(colW)}${means ? ` ${formatNumber(t.mean!).padStart(colW)}` : ''}`);
    for (const l of more) lines.push(`  ${l}`);
  });
  lines.push(st.dim(`  each item's answers, of those answering it${items.some((t) => t.missing > 0) ? ` (${items.map((t) => t.missing).reduce((a, b) => Math.max(a, b), 0)} missing at most)` : ''}${means ? '; mean of the numbered answers' : ''}`));
  // The ids that name an item in --by and in a spec.
  const ids = items.map((t) => t.itemId).filter((x): x is string => x !== undefined);
  if (ids.length === items.length) lines.push(st.dim(`  items (${forTerminal(first.question)}.<item>): ${ids.map(forTerminal).join(', ')}`));
  return lines.join('\n');
}

export function renderTable(t: Table, options: TextOptions): string {
  return withFilter(t, tableText(t, options), options.styler);
}

/** A table a spec's filter keeps to some rows says so under its heading, as the HTML report does. */
function withFilter(t: Table, text: string, st: Styler): string {
  return t.filter === undefined ? text : underHeading(text, st.dim(`  only rows where ${forTerminal(t.filter)}`), '\n');
}

function tableText(t: Table, options: TextOptions): string {
  switch (t.kind) {
    case 'frequency':
      return frequency(t, options);
    case 'numeric':
      return numeric(t, options);
    case 'text':
      return text(t, options);
    case 'crosstab':
      return crosstab(t, options);
    case 'banner':
      return banner(t, options);
  }
}

function banner(t: BannerTable, { styler: st, width }: TextOptions): string {
  const colW = 9;
  const rowLabel = (s: BannerTable['sections'][number], r: number) => truncate(forTerminal(netLabel(s.rowLabels[r]!, s.netRows?.includes(r) === true)), 30);
  const labels = t.sections.flatMap((s) => s.rowLabels.map((_, r) => rowLabel(s, r)));
  const lw = Math.max(12, ...labels.map(columnsOf));
  const head = headingLines(t.columns.map((c) => forTerminal(c.label)), colW);
  const lines = [t.id !== undefined ? heading(t.label, t.id, st) : st.title(forTerminal(t.label)), ...head.map((h) => st.dim(`  ${''.padEnd(lw)} ${h}`))];
  for (const s of t.sections) {
    lines.push(`  ${st.title(truncate(forTerminal(s.item ?? s.label), lw + 40))}`);
    s.rowLabels.forEach((_, r) => lines.push(`  ${padEnd(rowLabel(s, r), lw)} ${t.columns.map((_, c) => bannerCell(s, r, c).padStart(colW)).join(' ')}`));
    lines.push(st.dim(`  ${'Base (n)'.padEnd(lw)} ${s.unweightedBases.map((b) => formatNumber(b).padStart(colW)).join(' ')}`));
  }
  lines.push(st.dim(`  column %${t.minBase > 0 ? `; blank where a column has fewer than ${t.minBase} respondents` : ''}`));
  lines.push(...oneCheckboxLines(t, width, st));
  return lines.join('\n');
}

/** A table's title and its tag: the spec's table id when it gives one, else the question(s) it is of. */
function heading(label: string, id: string, st: Styler): string {
  return `${st.title(forTerminal(label))} ${st.dim(`[${id}]`)}`;
}

function frequency(t: FrequencyTable, { styler: st, width }: TextOptions): string {
  // One checkbox's answers are all of one option: a share of answers (always 100%) tells nothing.
  const oneBox = isOneCheckbox(t);
  const multi = t.type === 'multi' && !oneBox;
  // Nets and answers declared missing are marked, as the HTML report marks them: they are not answers in the base.
  // A long answer wraps over up to three lines rather than being cut: two answers that open alike stay apart.
  const labels = wrapAll(t.rows.map((r) => forTerminal(netLabel(r.label, r.net === true)) + (r.missing ? ' (not in base)' : '')), Math.max(20, Math.floor(width * 0.45)), 3);
  const lw = Math.max(6, ...labels.flat().map(columnsOf));
  const counts = t.rows.map((r) => formatCount(r.count));
  const cw = Math.max(5, ...counts.map((c) => c.length));
  const barWidth = Math.min(40, Math.max(5, width - lw - cw - (multi ? 22 : 12)));
  const item = t.itemId !== undefined ? `${t.question}.${t.itemId}` : undefined;
  // The spec's table id where it gives one (as report.html and the files in --out name the table); an item of a grid read as tables of their own names its item too.
  const lines = [heading(t.label, t.id !== undefined ? (item !== undefined ? `${t.id} · ${item}` : t.id) : (item ?? t.question), st)];
  const head = `  ${'Answer'.padEnd(lw)}  ${'Count'.padStart(cw)}  ${multi ? '% resp.  % answ.' : '     %'}`;
  lines.push(st.dim(head));
  t.rows.forEach((r, i) => {
    const pct = formatPercent(r.percent).padStart(6);
    const extra = multi ? `  ${formatPercent(r.percentOfResponses === undefined ? 0 : r.percentOfResponses).padStart(7)}` : '';
    const bar = '█'.repeat(Math.round(((r.percent ?? 0) / 100) * barWidth));
    const [first, ...more] = labels[i]!;
    lines.push(`  ${padEnd(first!, lw)}  ${counts[i]!.padStart(cw)}  ${pct}${extra}  ${st.bar(bar)}`);
    for (const l of more) lines.push(`  ${l}`);
  });
  const base = oneBox
    ? `Base: ${formatNumber(t.base)} respondents (${ONE_CHECKBOX})`
    : multi
    ? `Base: ${formatNumber(t.base)} respondents answering (% resp. = of respondents; % answ. = of ${formatNumber(t.responses ?? 0)} answers) · ${formatNumber(t.missing)} missing`
    : `Base: ${formatNumber(t.base)} answering · ${formatNumber(t.missing)} missing`;
  const weighted = t.effectiveBase !== undefined && t.unweightedBase !== undefined && Math.abs(t.effectiveBase - t.unweightedBase) > 1e-9;
  const bases = weighted ? ` · ${formatNumber(t.unweightedBase!)} respondents, effective base ${formatNumber(t.effectiveBase!, 1)}` : '';
  const outside = t.rows.some((r) => r.missing) ? ' · answers not in base: a % of everyone asked' : '';
  const mean = t.mean !== undefined ? ` · mean ${formatNumber(t.mean)}` : '';
  lines.push(st.dim(`  ${base}${mean}${bases}${outside}`));
  return lines.join('\n');
}

function numeric(t: NumericTable, { styler: st }: TextOptions): string {
  const cells = [
    ['n', formatNumber(t.n)],
    ['mean', formatNumber(t.mean)],
    ['sd', formatNumber(t.sd)],
    ['median', formatNumber(t.median)],
    ['min', formatNumber(t.min)],
    ['max', formatNumber(t.max)],
  ];
  const lines = [heading(t.label, t.id ?? t.question, st), `  ${cells.map(([k, v]) => `${st.dim(k!)} ${v}`).join('   ')}`];
  const notes = [`${formatNumber(t.missing)} missing`];
  if (t.invalid > 0) notes.push(`${formatNumber(t.invalid)} not numbers (excluded)`);
  lines.push(st.dim(`  ${notes.join(' · ')}`));
  return lines.join('\n');
}

function text(t: TextTable, { styler: st }: TextOptions): string {
  const range = t.min !== undefined ? ` · from ${t.min} to ${t.max}` : '';
  return `${heading(t.label, t.id ?? t.question, st)}\n  ${st.dim(`${t.type === 'date' ? 'date/time' : 'free text'}: ${formatNumber(t.n)} answered, ${formatNumber(t.distinct)}${t.distinctCapped ? '+' : ''} distinct${range} · ${formatNumber(t.missing)} missing`)}`;
}

function crosstab(t: CrosstabTable, { styler: st, width }: TextOptions): string {
  const columns = [...t.columnLabels.map((l) => forTerminal(l)), 'Total'];
  // Columns up to 16 wide where the row labels leave room; where they do not (many columns), the
  // row labels wrap narrower (down to 14) before a column gets narrower than its longest word.
  const longestWord = Math.max(...columns.flatMap((l) => l.split(' ').map(columnsOf)));
  const shownRows = t.rowLabels.map((l, r) => forTerminal(netLabel(l, t.netRows?.includes(r) === true)));
  const full = wrapAll(shownRows, 32, 3);
  const natural = Math.max(6, ...full.flat().map(columnsOf));
  const colsFitting = (labelW: number) => Math.floor((width - labelW - 4) / columns.length) - 1;
  const least = t.letters ? 8 : 7; // "100.0%" and a space; with letters, room for them too
  const wide = colsFitting(natural) >= Math.max(least, Math.min(16, longestWord));
  const leastLabel = Math.min(natural, 14);
  const colW = wide ? Math.min(16, colsFitting(natural)) : Math.max(least, Math.min(Math.max(longestWord, least), colsFitting(leastLabel)));
  const rowLabels = wide ? full : wrapAll(shownRows, Math.max(leastLabel, width - 4 - columns.length * (colW + 1)), 3);
  // Wide enough for the base rows' labels too, or they push their numbers out of line.
  const lw = Math.max(isWeighted(t) ? 'Weighted base'.length : 'Base (n)'.length, ...rowLabels.flat().map(columnsOf));
  const head = headingLines(columns, colW, wide ? 3 : 4);
  const lines = [heading(t.label, t.id ?? `${t.row} x ${t.column}`, st), ...head.map((h, i) => st.dim(`  ${padEnd(i === head.length - 1 ? 'column %' : '', lw)} ${h}`))];
  const letters = t.letters;
  if (letters) lines.push(st.dim(`  ${''.padEnd(lw)} ${letters.columns.map((l, c) => `(${l})${letters.tested[c] ? '' : '*'}`.padStart(colW)).join(' ')}`));
  t.rowLabels.forEach((_, r) => {
    const cells = t.columnLabels.map((_, c) => `${formatPercent(t.columnPercents[r]![c]!)}${letters ? ` ${letters.cells[r]![c]!}`.padEnd(4) : ''}`.padStart(colW));
    const total = `${formatPercent(totalPercent(t, r))}${letters ? '    ' : ''}`.padStart(colW);
    const [top, ...more] = rowLabels[r]!;
    lines.push(`  ${padEnd(top!, lw)} ${cells.join(' ')} ${total}`);
    for (const l of more) lines.push(`  ${l}`);
  });
  // Weighted: the respondents are the base (n); the weighted sums follow, labelled as such.
  const weighted = isWeighted(t);
  const bases = weighted ? [...t.unweightedColumnBases!, t.unweightedBase!] : [...t.columnBases, t.base];
  lines.push(st.dim(`  ${'Base (n)'.padEnd(lw)} ${bases.map((b) => formatNumber(b).padStart(colW)).join(' ')}`));
  if (weighted) lines.push(st.dim(`  ${'Weighted base'.padEnd(lw)} ${[...t.columnBases, t.base].map((b) => formatNumber(b, 1).padStart(colW)).join(' ')}`));
  lines.push(...oneCheckboxLines(t, width, st));
  if (letters) {
    lines.push(st.dim(`  letters: column is higher than the lettered column (upper case p < ${letters.alpha}${letters.alphaLower !== null ? `, lower case p < ${letters.alphaLower}` : ''}; ${letters.adjust} adjusted${letters.tested.includes(false) ? `; * base under ${letters.minBase}, not tested` : ''})`));
  }
  if (t.stats) {
    const s = t.stats;
    lines.push(st.dim(`  ${testSummary(s)}`));
    if (s.lowExpected > 0.2) lines.push(st.warn(`  warning: ${formatPercent(s.lowExpected * 100, 0)} of expected counts are under 5; the test is unreliable`));
  } else if (t.multi) {
    lines.push(st.dim('  multi-select: a respondent can be counted in more than one row or column, so no chi-square test'));
  }
  return lines.join('\n');
}

/**
 * A crosstab or banner with a lone checkbox down the side or across the top: its frequency table's
 * note (report.html and the Markdown say it too), under the bases, wrapped to the terminal's width.
 */
function oneCheckboxLines(t: CrosstabTable | BannerTable, width: number, st: Styler): string[] {
  return showsOneCheckbox(t) ? wrap(ONE_CHECKBOX_NOTE, Math.max(20, width - 2), Infinity).map((l) => st.dim(`  ${l}`)) : [];
}

/** Validity rules in order, with the rows each removed and the rows left. */
export function funnelText(steps: readonly FunnelStep[], st: Styler): string {
  const names = steps.map((s) => forTerminal(stepLabel(s)));
  const w = Math.max(...names.map(columnsOf), 10);
  const lines = [st.title('Validity filters'), st.dim(`  ${'rule'.padEnd(w)}  ${'removed'.padStart(8)}  ${'remaining'.padStart(9)}`)];
  steps.forEach((s, i) => lines.push(`  ${padEnd(names[i]!, w)}  ${(i === 0 ? '' : s.removed === 0 ? '0' : `-${s.removed}`).padStart(8)}  ${String(s.remaining).padStart(9)}`));
  return lines.join('\n');
}

/** One line naming the test and its result: Pearson, or Rao-Scott for weighted tables. */
export function testSummary(s: CrosstabStats): string {
  if (s.method === 'rao-scott-2') return `Rao-Scott F = ${formatNumber(s.f ?? 0, 3)} on ${formatNumber(s.ndf ?? 0)} and ${formatNumber(s.ddf ?? 0, 1)} df, ${pIs(s.p)} (weighted; X² = ${formatNumber(s.chi2)})`;
  if (s.method === 'rao-scott-1') return `Rao-Scott adjusted chi-square = ${formatNumber(s.adjustedChi2 ?? 0)}, df = ${s.df}, ${pIs(s.p)} (weighted)`;
  return `chi-square = ${formatNumber(s.chi2)}, df = ${s.df}, ${pIs(s.p)}, Cramér's V = ${formatNumber(s.cramersV, 3)}`;
}

/** "p = 0.042", or "p < 0.001" (never "p = < 0.001"). */
function pIs(p: number): string {
  return p < 0.001 ? 'p < 0.001' : `p = ${p.toFixed(3)}`;
}

/**
 * Column headings word-wrapped onto up to `maxLines` lines of `width` characters (what does not
 * fit cut with …), as lines of the columns side by side, the last line next to the numbers.
 */
function headingLines(labels: readonly string[], width: number, maxLines = 3): string[] {
  const wrapped = wrapAll(labels, width, maxLines);
  const height = Math.max(1, ...wrapped.map((w) => w.length));
  const lines: string[] = [];
  for (let i = 0; i < height; i++) lines.push(wrapped.map((w) => padStart(w[i - (height - w.length)] ?? '', width)).join(' ').trimEnd());
  return lines;
}

/**
 * Labels wrapped as `wrap` does, except that labels which would read the same once cut ("It's
 * important to be honest, kind…" for answers that differ in a comma near the end) are not cut:
 * they take the lines they need, so that no two rows or columns look alike.
 */
function wrapAll(labels: readonly string[], width: number, maxLines: number): string[][] {
  const wrapped = labels.map((l) => wrap(l, width, maxLines));
  const shown = new Map<string, Set<string>>();
  wrapped.forEach((w, i) => {
    const key = w.join('\n');
    shown.set(key, (shown.get(key) ?? new Set()).add(labels[i]!));
  });
  return wrapped.map((w, i) => (shown.get(w.join('\n'))!.size > 1 ? wrap(labels[i]!, width, Infinity) : w));
}

/**
 * Words onto lines of up to `width` columns, at most `maxLines` of them (what does not fit is cut
 * with …). A word of CJK characters, which are written without spaces, is broken where it fills a line.
 */
function wrap(label: string, width: number, maxLines: number): string[] {
  const lines: string[] = [];
  let line = '';
  const words = label.split(' ').filter((w) => w !== '').flatMap((w) => (columnsOf(w) > width && CJK.test(w) ? pieces(w, width, maxLines + 1) : [w]));
  for (const word of words) {
    if (line === '') line = word;
    else if (columnsOf(line) + 1 + columnsOf(word) <= width) line += ` ${word}`;
    else {
      lines.push(line);
      line = word;
    }
  }
  lines.push(line);
  const kept = lines.slice(0, maxLines).map((l) => truncate(l, width));
  // Words left over: the last line kept says so.
  if (lines.length > maxLines) kept[maxLines - 1] = truncate(`${lines[maxLines - 1]} ${lines[maxLines]}`, width);
  return kept;
}

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

function truncate(s: string, max: number): string {
  return columnsOf(s) > max ? `${pieces(s, max - 1, 1)[0]!.trimEnd()}…` : s;
}
