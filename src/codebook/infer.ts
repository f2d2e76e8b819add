/**
 * Infers a codebook from the header and a sample of rows: which columns form
 * one question, each question's type and its answers in their natural order.
 * Pure: strings in, a Codebook out. Beside its rules, numbersReadAsAnswers (a small scale of
 * whole numbers), which the layers that read a question ask of it. (readsOneCheckbox, a lone
 * checkbox column, is in multi.ts: tabulation asks it, and need not load inference for it.)
 */
import type { Codebook, Item, PiiKind, Question, QuestionType } from '../spec/codebook.js';
import { CODED_NAME, columnLabel, type ColumnHeader } from './header.js';
import { caseVariantShare, guessJoinedMulti, splitCell } from './multi.js';
import { isQuestionAboutContact, looksLikeIds, piiFromHeader, piiFromValues } from './pii.js';
import { isPlatformMetadata } from './metadata.js';
import { orderOptions } from './scales.js';
import { isBlank, normalizeCell, optionCellState, parseDateTime, parseNumber } from './values.js';
import { uniqueIds, slug } from './ids.js';
import { holdsContacts } from '../privacy/mask.js';

export interface InferOptions {
  /** `;`-delimited exports write decimals with a comma. */
  decimalComma: boolean;
  /**
   * A column's distinct raw cells in first-seen order with their counts, when the caller
   * counted them already (engine/rows.ts Sample); null to count from the rows.
   */
  distinct?: (column: number) => { cells: readonly string[]; counts: readonly number[] } | null;
}

/** What the sample says about one column. */
interface ColumnStats {
  header: ColumnHeader;
  /** Distinct normalised non-blank answers with their counts, in first-seen order. */
  counts: Map<string, number>;
  nonBlank: number;
}

/** Cells that mean "chosen" without naming the option (Qualtrics legacy, some tools). */
const CHOSEN_MARK = new Set(['1', 'true', 'yes', 'selected', 'checked', 'x']);

export function inferCodebook(headers: readonly ColumnHeader[], sample: readonly (readonly string[])[], options: InferOptions): Codebook {
  const counted = columnStats(headers, sample, options.distinct);
  const withNA = new Set(counted.filter((s) => s.counts.has(R_MISSING)).map((s) => s.header.index));
  const naIsMissing = withNA.size >= R_MISSING_COLUMNS;
  const stats = unheadedGrids(naIsMissing ? counted.map(withoutNA) : counted, options);
  const drafts: Draft[] = [];
  for (const group of groupsOf(stats)) {
    if (group.length === 1) drafts.push(inferColumn(group[0]!, options));
    else drafts.push(...inferGroup(group, sample, options));
  }
  const ids = uniqueIds(drafts.map((d) => d.idBase));
  const questions = drafts.map((d, i) => ({ ...d.question, id: ids[i]! }));
  if (!naIsMissing) return { questions: oneDateOrder(questions, drafts) };
  // Every question, not only those whose sample holds it: the rest of the file may.
  const marked = questions.map((q) => (NA_CODED.has(q.type) ? { ...q, missing: [R_MISSING] } : q));
  return { questions: oneDateOrder(marked, drafts), missing: [R_MISSING] };
}

/**
 * R (`write.csv`) and pandas write a missing value as `NA`. In an export with whole cells of `NA`
 * in several columns it marks questions a respondent was not asked, and is no answer: outside
 * the base, as a blank is. In one or two columns it may be an answer ("NA" for North America).
 */
export const R_MISSING = 'NA';
const R_MISSING_COLUMNS = 3;
/** Question types whose coders leave a declared missing answer out of the base (all but withheld personal data). */
const NA_CODED: ReadonlySet<QuestionType> = new Set(['single', 'multi', 'matrix', 'numeric', 'text', 'date']);

/** A column's stats with its `NA` cells taken as blanks, so that they do not decide its type or answers. */
function withoutNA(s: ColumnStats): ColumnStats {
  const na = s.counts.get(R_MISSING);
  if (na === undefined) return s;
  const counts = new Map(s.counts);
  counts.delete(R_MISSING);
  return { ...s, counts, nonBlank: s.nonBlank - na };
}

/**
 * One export writes its dates one way: when a column shows them day-first (a 23/01), its other
 * slashed date columns whose dates all fall on days 1-12 are day-first too, so that a start and
 * an end time never disagree.
 */
function oneDateOrder(questions: Question[], drafts: readonly Draft[]): Question[] {
  const dmy = questions.some((q) => q.dateOrder === 'dmy');
  return questions.map((q, i) => {
    if (q.type !== 'date' || q.dateOrder !== undefined || !drafts[i]!.ambiguousDates) return q;
    // With no column to tell, month-first (US) is a guess, and said to be one.
    return dmy ? { ...q, dateOrder: 'dmy' } : { ...q, dateOrderGuessed: true };
  });
}

interface Draft {
  idBase: string;
  question: Question;
  /** A date column of slashed dates that read as well day-first as month-first. */
  ambiguousDates?: boolean;
}

/**
 * Every column's stats: from its distinct cells when they were counted already, else in one
 * pass over the rows, row by row (as they lie in memory). Either way answers are in
 * first-seen order: a normalised answer is first seen with the first of its raw forms.
 */
function columnStats(headers: readonly ColumnHeader[], sample: readonly (readonly string[])[], distinct: InferOptions['distinct']): ColumnStats[] {
  const stats = headers.map((header): ColumnStats => ({ header, counts: new Map<string, number>(), nonBlank: 0 }));
  const columns = headers.map((h) => h.index);
  const fromRows: number[] = [];
  for (let c = 0; c < stats.length; c++) {
    const d = distinct?.(columns[c]!) ?? null;
    if (d === null) {
      fromRows.push(c);
      continue;
    }
    const s = stats[c]!;
    for (let k = 0; k < d.cells.length; k++) {
      const v = normalizeCell(d.cells[k]!);
      if (isBlank(v)) continue;
      s.nonBlank += d.counts[k]!;
      s.counts.set(v, (s.counts.get(v) ?? 0) + d.counts[k]!);
    }
  }
  // A column past the distinct cells the sample counts (ids, times, free text: never a list of
  // answers) is told by its first rows: the shares of dates, numbers and personal data in 10,000
  // answers say what 50,000 would, at a fifth of the cost.
  const rows = distinct === undefined ? sample.length : Math.min(sample.length, MANY_DISTINCT_ROWS);
  for (let r = 0; r < rows; r++) {
    const row = sample[r]!;
    for (const c of fromRows) {
      const v = normalizeCell(row[columns[c]!] ?? '');
      if (isBlank(v)) continue;
      const s = stats[c]!;
      s.nonBlank++;
      s.counts.set(v, (s.counts.get(v) ?? 0) + 1);
    }
  }
  return stats;
}

/** A grid item's answers: a few, like a scale's. */
const MAX_GRID_ANSWERS = 20;
const SECTION = /^(section|part|page|block|module|step)\b/i;

/**
 * Adjacent columns laid out as one grid by an export that has no grid headers, as a
 * hand-edited export does: headed "Question: item" and sharing the question ("How often do
 * you: Pray aloud before meals", "How often do you: Wear religious clothing"), or three or more
 * sharing a long opening ("Please rate how much you like the traditional cuisine of Algeria.",
 * "... of Argentina."). Each must be a choice question that shares at least half its answers
 * with the first, or "About you: Age" and "About you: Region" would be one grid.
 */
function unheadedGrids(stats: ColumnStats[], options: InferOptions): ColumnStats[] {
  const sizes = new Map<number, number>();
  for (const s of stats) sizes.set(s.header.group, (sizes.get(s.header.group) ?? 0) + 1);
  // Each column is asked about again and again as runs are tried: its answer is kept.
  const known = new Map<ColumnStats, boolean>();
  const gridable = (s: ColumnStats): boolean => {
    let v = known.get(s);
    if (v === undefined) known.set(s, (v = isGridItem(s)));
    return v;
  };
  const isGridItem = (s: ColumnStats): boolean => {
    const h = s.header;
    if (h.sub !== '' || (h.group >= 0 && sizes.get(h.group)! > 1)) return false;
    // A section heading ("Part 2: ..."), or an export that names its own questions (Qualtrics' Q12), is no grid's question.
    if (SECTION.test(h.question) || hasOwnId(h)) return false;
    // Items are choices: dates, numbers, free text and personal data ("Stay: Check-in date", "Phone: Weekdays") stay apart.
    return s.counts.size >= 2 && s.counts.size <= MAX_GRID_ANSWERS && inferColumn(s, options).question.type === 'single';
  };
  const split = (s: ColumnStats) => {
    const q = s.header.question;
    const cut = q.indexOf(': ');
    if (cut < 3 || cut + 2 >= q.length || !gridable(s)) return null;
    return { question: q.slice(0, cut), sub: q.slice(cut + 2).trim() };
  };
  const agree = (a: ColumnStats, b: ColumnStats) => {
    let shared = 0;
    for (const v of a.counts.keys()) if (b.counts.has(v)) shared++;
    return shared * 2 >= Math.max(a.counts.size, b.counts.size);
  };
  let group = Math.max(-1, ...stats.map((s) => s.header.group)) + 1;
  const out = [...stats];
  const grouped = new Array<boolean>(stats.length).fill(false);
  const assign = (a: number, b: number, part: (s: ColumnStats) => { question: string; sub: string }): void => {
    for (let i = a; i < b; i++) {
      out[i] = { ...stats[i]!, header: { ...stats[i]!.header, ...part(stats[i]!), group } };
      grouped[i] = true;
    }
    group++;
  };
  for (let a = 0; a < stats.length; ) {
    const first = split(stats[a]!);
    let b = a + 1;
    while (first && b < stats.length && split(stats[b]!)?.question === first.question && agree(stats[a]!, stats[b]!)) b++;
    if (b - a >= 2) assign(a, b, (s) => split(s)!);
    a = b;
  }
  const free = (i: number) => i < stats.length && !grouped[i] && gridable(stats[i]!);
  const q = (i: number) => stats[i]!.header.question;
  const stripEnd = (t: string) => t.trim().replace(/[.:;,!?]+$/, '').trim();
  for (let a = 0; a < stats.length; a++) {
    if (!free(a) || !free(a + 1) || !agree(stats[a]!, stats[a + 1]!)) continue;
    const opening = wordPrefix(q(a), q(a + 1));
    if (opening.length < MIN_OPENING) continue;
    // A leading question the next two share a longer opening without ("How satisfied are you overall ...") starts no grid.
    if (free(a + 2) && wordPrefix(q(a + 1), q(a + 2)).length > opening.length) continue;
    let b = a + 2;
    // The opening is fixed by the first two: a column that would shorten it ends the run.
    while (free(b) && agree(stats[a]!, stats[b]!) && q(b).startsWith(opening) && q(b).length > opening.length) b++;
    if (b - a < 3) continue;
    const items = Array.from({ length: b - a }, (_, k) => stripEnd(q(a + k).slice(opening.length)));
    // Distinct, non-empty items, none a word-prefix of another (a screener and its follow-ups).
    const bad = items.some((x, i) => x === '' || /^[(\[]|[)\]]$/.test(x) || items.some((y, j) => i !== j && (y === x || y.startsWith(x + ' '))));
    if (bad) continue;
    const question = opening.replace(/[\s,;:\-\u2013\u2014/(]+$/, '');
    assign(a, b, (s) => ({ question, sub: stripEnd(s.header.question.slice(opening.length)) }));
    a = b - 1;
  }
  return out;
}

/** A grid's shared opening, at least (see unheadedGrids). */
const MIN_OPENING = 15;

/**
 * The words two texts open with: their common start, cut back to the last space in it (an
 * opening found before, which ends with one, stays whole); headers are trimmed, so every item
 * keeps a word after it.
 */
function wordPrefix(a: string, b: string): string {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  const space = a.lastIndexOf(' ', n - 1);
  return space < 0 || space + 1 >= b.length ? '' : a.slice(0, space + 1);
}

/** Rows that tell a column of many distinct answers (see `columnStats`). */
const MANY_DISTINCT_ROWS = 10_000;

function groupsOf(stats: ColumnStats[]): ColumnStats[][] {
  const out: ColumnStats[][] = [];
  for (const s of stats) {
    const last = out[out.length - 1];
    if (last && s.header.group >= 0 && last[0]!.header.group === s.header.group) last.push(s);
    else out.push([s]);
  }
  return out;
}

function baseQuestion(id: string, label: string, type: QuestionType, columns: number[]): Question {
  return { id, label, type, columns, options: [], items: [] };
}

function idFor(h: ColumnHeader): string {
  // Short export names (Qualtrics Q12, coded q0012) are better ids than long texts.
  if (hasOwnId(h)) return h.name;
  return slug(h.question || h.name) || `col_${h.index + 1}`;
}

function hasOwnId(h: ColumnHeader): boolean {
  return h.name !== h.question && /^[A-Za-z][\w.]{0,30}$/.test(h.name);
}

function inferColumn(s: ColumnStats, options: InferOptions): Draft {
  const h = s.header;
  const label = columnLabel(h);
  const idBase = h.sub ? slug(`${h.question} ${h.sub}`) : idFor(h);
  const columns = [h.index];
  const q = (type: QuestionType) => baseQuestion(idBase, label, type, columns);
  const values = [...s.counts.keys()];

  const pii = headerPii(s) ?? piiFromValues(values) ?? unnamedId(s);
  if (pii) return { idBase, question: { ...q('pii'), pii } };
  const drafted = inferAnswers(s, options, values, idBase, q);
  if (isPlatformMetadata(h.name, values) && drafted.question.type !== 'date') drafted.question.metadata = true;
  return drafted;
}

function inferAnswers(s: ColumnStats, options: InferOptions, values: string[], idBase: string, q: (type: QuestionType) => Question): Draft {
  const h = s.header;
  if (s.nonBlank === 0) return { idBase, question: { ...q('single'), options: [] } };

  // Slashed dates are month-first unless that reading fails where day-first works (23/11s, not one typo).
  const monthFirst = share(s, (v) => !Number.isNaN(parseDateTime(v)));
  const slashed = values.some((v) => /^\d{1,2}\/\d{1,2}\//.test(v));
  const dayFirst = slashed ? share(s, (v) => !Number.isNaN(parseDateTime(v, 'dmy'))) : monthFirst;
  const dates = Math.max(monthFirst, dayFirst);
  if (dates >= 0.9 && !values.every((v) => /^\d+$/.test(v))) {
    const dmy = monthFirst < 0.9 && dayFirst >= 0.9;
    return { idBase, question: { ...q('date'), ...(dmy ? { dateOrder: 'dmy' as const } : {}) }, ambiguousDates: slashed && dayFirst === monthFirst };
  }

  const numbers = share(s, (v) => !Number.isNaN(parseNumber(v, options.decimalComma)));
  if (numbers >= 0.95) {
    const parsed = values.map((v) => parseNumber(v, options.decimalComma)).filter((n) => !Number.isNaN(n));
    const smallScale = parsed.every((n) => Number.isInteger(n)) && s.counts.size <= 11 && !h.openEnded;
    if (!smallScale) return { idBase, question: q('numeric') };
  }

  const box = loneCheckbox(s);
  if (box) return { idBase, question: box(q('multi')) };

  if (!h.openEnded) {
    const multi = guessJoinedMulti(s.counts);
    if (multi) {
      const optionCounts = new Map<string, number>();
      const atoms = new Set(multi.atoms);
      for (const [v, c] of s.counts) {
        for (const p of splitCell(v, multi.joiner, atoms).parts) optionCounts.set(p, (optionCounts.get(p) ?? 0) + c);
      }
      const ordered = orderOptions([...optionCounts.keys()], optionCounts);
      return {
        idBase,
        question: { ...q('multi'), options: ordered.options, layout: { kind: 'joined', separator: multi.joiner }, ...(ordered.scale ? { scale: ordered.scale } : { order: 'count' as const }) },
      };
    }
  }

  if (h.openEnded || looksLikeText(s) || typedContacts(s)) return { idBase, question: q('text') };
  const ordered = orderOptions(values, s.counts);
  return { idBase, question: { ...q('single'), options: ordered.options, ...(ordered.scale ? { scale: ordered.scale } : { order: 'count' as const }) } };
}

/**
 * A choice question whose every answer is a number (1 and -1): a column of few distinct numbers,
 * read as answers (inferAnswers reads a small scale of whole numbers so).
 */
export function numbersReadAsAnswers(q: Question): boolean {
  return q.type === 'single' && q.options.length > 0 && q.options.every((o) => o.trim() !== '' && Number.isFinite(Number(o)));
}

/** The sub-heading of a column for typing in an answer not listed. */
const OTHER_SPECIFY = /^other\b.*\b(specify|please|describe)\b/i;

/** A header asking to tick several: the one column left of a multi-select whose other options' columns are gone. */
const SELECT_ALL = /\b(select|check|tick|mark|choose) all that apply\b/i;

/**
 * A lone column of a "select all that apply" question holding one answer (FiveThirtyEight's
 * "... Please select all that apply. - Macy's Parade"): a multi-select of that one option, its
 * text cut from the question, rather than a choice everyone answering made (100%).
 */
function loneCheckbox(s: ColumnStats): ((q: Question) => Question) | null {
  const h = s.header;
  if (h.openEnded || s.counts.size !== 1) return null;
  const value = [...s.counts.keys()][0]!;
  // Typeform writes each checkbox as a column headed by its option, holding it or a blank. Which
  // adjacent ones make one question cannot be told (two questions' options may touch), so each is
  // a checkbox of its own, based on every respondent: right numbers, if not grouped.
  const ownHeader = value.trim().toLowerCase() === h.name.trim().toLowerCase();
  if (!SELECT_ALL.test(h.question) && !ownHeader) return null;
  if (optionCellState(value) !== 'chosen') return null;
  const label = CHOSEN_MARK.has(value.toLowerCase()) ? h.sub || value : value;
  const question = h.question.endsWith(` - ${label}`) ? h.question.slice(0, -(label.length + 3)) : h.question;
  return (q) => ({ ...q, label: question, options: [], items: [{ id: slug(label) || 'option_1', label, column: h.index }], layout: { kind: 'columns' } });
}

/** Personal data named by the header, unless the column is a question about e-mail or phones. */
function headerPii(s: ColumnStats): { kind: PiiKind; reason: string } | null {
  const pii = piiFromHeader(s.header.name, s.header.question);
  return pii && !isQuestionAboutContact(pii.kind, s.counts) ? pii : null;
}

/**
 * Answers picked from a list hold no e-mail, phone or name: a column where several different
 * answers do, given by a tenth of those answering or more, was typed (free text). A write-in or
 * two among a list's answers ("Other: call me on ...") leaves it a choice, masked where shown.
 */
function typedContacts(s: ColumnStats): boolean {
  let distinct = 0;
  let given = 0;
  for (const [v, c] of s.counts) {
    if (!holdsContacts(v)) continue;
    distinct++;
    given += c;
  }
  return distinct >= 2 && given >= 0.1 * s.nonBlank;
}

/** Free text: many different answers, or long ones rarely repeated. */
function looksLikeText(s: ColumnStats): boolean {
  const distinct = s.counts.size;
  if (distinct <= 12) return typedByFew(s);
  const ratio = distinct / s.nonBlank;
  let chars = 0;
  for (const [v, c] of s.counts) chars += v.length * c;
  const meanLength = chars / s.nonBlank;
  // Answers picked from a list never vary in case; typed ones ("Pune", "pune") do.
  return distinct > 60 || ratio > 0.5 || (meanLength > 40 && ratio > 0.2) || caseVariantShare(s.counts) >= 0.2;
}

/**
 * A pilot's or a small study's comments: a few answers, none given twice, of sentence length
 * (20 characters on average). As options they would be printed word for word, one respondent
 * each; as text they are counted. A list's options repeat, or are short.
 */
function typedByFew(s: ColumnStats): boolean {
  if (s.nonBlank < 3 || s.counts.size !== s.nonBlank) return false;
  let chars = 0;
  for (const v of s.counts.keys()) chars += v.length;
  return chars / s.nonBlank >= 20;
}

/** An unnamed column of unique whole numbers is a row or respondent id. */
function unnamedId(s: ColumnStats): { kind: PiiKind; reason: string } | null {
  if (looksLikeIds(s.counts)) return { kind: 'id', reason: 'every answer a different code of letters and digits (a respondent or panel id)' };
  if (s.header.name !== '' || s.nonBlank < 2) return null;
  if (s.counts.size === s.nonBlank && [...s.counts.keys()].every((v) => /^\d+$/.test(v))) {
    return { kind: 'id', reason: 'an unnamed column of unique numbers (a row or respondent id)' };
  }
  return null;
}

function share(s: ColumnStats, test: (v: string) => boolean): number {
  if (s.nonBlank === 0) return 0;
  let n = 0;
  for (const [v, c] of s.counts) if (test(v)) n += c;
  return n / s.nonBlank;
}

/**
 * A group of columns laid out as one question: one column per option
 * (multi-select, or a single choice spread over columns) or one per grid item.
 * Free-text columns inside a group ("Other (please specify)") become questions of their own.
 */
function inferGroup(group: ColumnStats[], sample: readonly (readonly string[])[], options: InferOptions): Draft[] {
  const first = group[0]!.header;
  const stem = idForGroup(first);
  // Coded names with no question text (q0004_0001, q0004_0002): the question is q0004, not its first column.
  const label = first.question === first.name && CODED_NAME.test(first.name) ? CODED_NAME.exec(first.name)![1]! : first.question;
  const asColumns = group.map((s) => optionColumn(s));
  const out: Draft[] = [];
  const optionCols = group.filter((_, i) => asColumns[i] !== null);
  const otherCols = group.filter((_, i) => asColumns[i] === null);

  if (optionCols.length >= 2 && optionCols.length >= otherCols.length) {
    // "Other (please specify)" typed in a column of its own (SurveyMonkey) is an option too: typed
    // in is chosen, so one who chose only Other is in the base. The text stays a question of its own.
    const hasOther = optionCols.some((s) => /^other\b/i.test(asColumns[group.indexOf(s)] ?? ''));
    const specify = hasOther ? [] : otherCols.filter((s) => OTHER_SPECIFY.test(s.header.sub));
    for (const s of specify) {
      optionCols.push(s);
      asColumns[group.indexOf(s)] = s.header.sub;
    }
    optionCols.sort((a, b) => a.header.index - b.header.index);
    const labels = distinctLabels(optionCols.map((s) => asColumns[group.indexOf(s)]!), optionCols);
    const items: Item[] = optionCols.map((s, i) => ({ id: slug(labels[i]!) || `opt_${i + 1}`, label: labels[i]!, column: s.header.index }));
    const counts = new Map(optionCols.map((s, i) => [labels[i]!, chosenCount(s)] as const));
    const several = sample.some((row) => {
      let n = 0;
      for (const s of optionCols) if (isChosen(row[s.header.index] ?? '')) n++;
      return n > 1;
    });
    const type: QuestionType = several ? 'multi' : 'single';
    // Options keep the questionnaire's order for multi-selects and natural order for scales.
    const ordered = type === 'single' ? orderOptions(labels, counts) : { options: labels };
    const question: Question = {
      ...baseQuestion(stem, label, type, optionCols.map((s) => s.header.index)),
      options: ordered.options,
      items: uniqueItemIds(items),
      layout: { kind: 'columns' },
      ...('scale' in ordered && ordered.scale ? { scale: ordered.scale } : {}),
    };
    out.push({ idBase: stem, question });
    for (const s of otherCols) out.push(inferColumn(s, options));
    return out;
  }

  // A grid: every column is an item answered on a shared scale. Text items split off.
  // Personal data named by the header or shown by the answers is withheld, as a column of its own.
  const gridCols = group.filter((s) => !(s.header.openEnded || looksLikeText(s)) && headerPii(s) === null && piiFromValues([...s.counts.keys()]) === null);
  const rest = group.filter((s) => !gridCols.includes(s));
  if (gridCols.length >= 2) {
    const counts = new Map<string, number>();
    for (const s of gridCols) for (const [v, c] of s.counts) counts.set(v, (counts.get(v) ?? 0) + c);
    const ordered = orderOptions([...counts.keys()], counts);
    const items: Item[] = gridCols.map((s, i) => {
      const label = s.header.sub || s.header.name || `Item ${i + 1}`;
      return { id: slug(label) || `item_${i + 1}`, label, column: s.header.index };
    });
    out.push({
      idBase: stem,
      question: {
        ...baseQuestion(stem, label, 'matrix', gridCols.map((s) => s.header.index)),
        options: ordered.options,
        items: uniqueItemIds(items),
        ...(ordered.scale ? { scale: ordered.scale } : {}),
      },
    });
  } else rest.unshift(...gridCols);
  for (const s of rest.sort((a, b) => a.header.index - b.header.index)) out.push(inferColumn(s, options));
  return out;
}

function idForGroup(h: ColumnHeader): string {
  const coded = CODED_NAME.exec(h.name);
  if (coded && h.name !== h.question) return coded[1]!;
  if (coded && h.sub === '') return coded[1]!;
  return slug(h.question) || `col_${h.index + 1}`;
}

/** The option a one-column-per-option column stands for, or null if it holds several answers. */
function optionColumn(s: ColumnStats): string | null {
  const chosen = [...s.counts.keys()].filter((v) => optionCellState(v) === 'chosen');
  if (chosen.length > 1) return null;
  const value = chosen[0];
  if (value === undefined || CHOSEN_MARK.has(value.toLowerCase())) return s.header.sub || s.header.name || null;
  return value;
}

/**
 * Option labels that tell the columns apart: columns whose cells all say the same thing ("✓",
 * "Chosen") are named by their headers instead, and headers that repeat get their column number,
 * so that a table never has two rows with one label.
 */
function distinctLabels(labels: readonly string[], cols: readonly ColumnStats[]): string[] {
  const repeated = (ls: readonly string[]) => {
    const n = new Map<string, number>();
    for (const l of ls) n.set(l, (n.get(l) ?? 0) + 1);
    return (l: string) => n.get(l)! > 1;
  };
  const byCell = repeated(labels);
  const named = labels.map((l, i) => (byCell(l) ? cols[i]!.header.sub || cols[i]!.header.name || l : l));
  const byHeader = repeated(named);
  return named.map((l, i) => (byHeader(l) ? `${l} (column ${cols[i]!.header.index + 1})` : l));
}

function isChosen(raw: string): boolean {
  return optionCellState(normalizeCell(raw)) === 'chosen';
}

function chosenCount(s: ColumnStats): number {
  let n = 0;
  for (const [v, c] of s.counts) if (optionCellState(v) === 'chosen') n += c;
  return n;
}

function uniqueItemIds(items: Item[]): Item[] {
  const ids = uniqueIds(items.map((i) => i.id));
  return items.map((item, i) => ({ ...item, id: ids[i]! }));
}
