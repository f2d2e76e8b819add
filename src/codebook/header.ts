/**
 * Header layouts of the common survey platforms, merged into one description
 * per column: Google Forms/Typeform/LimeSurvey use one row, SurveyMonkey two
 * (question text, then `Response` or the option/item label), Qualtrics three
 * (short names, question text, `{"ImportId":...}`) or two (its legacy export, or the
 * ImportId row deleted).
 */

export interface ColumnHeader {
  /** 0-based column index. */
  index: number;
  /** The export's own name for the column (Qualtrics short name, or the header text). */
  name: string;
  /** Question text; SurveyMonkey's blank continuation cells carry the text before them. */
  question: string;
  /** Item or option label from a second header row or a `Question [Item]` header; '' if none. */
  sub: string;
  /** Columns sharing a group number were laid out as one question. */
  group: number;
  /** SurveyMonkey marked the column as a free-text answer. */
  openEnded: boolean;
}

/** A column as a person reads it: `question | item`, else its text or name, else its place (`Column 3`). */
export function columnLabel(h: ColumnHeader): string {
  return h.sub ? `${h.question} | ${h.sub}` : h.question || h.name || `Column ${h.index + 1}`;
}

export type HeaderLayout = 'single' | 'surveymonkey' | 'qualtrics';

const SM_RESPONSE = new Set(['Response', 'Open-Ended Response']);

/**
 * Qualtrics' own columns: the name its first header row gives each, and the label its second
 * row gives it (lower case). The legacy export names its first ten columns V1..V10.
 */
const QUALTRICS_LABELS: ReadonlyMap<string, string> = new Map([
  ['startdate', 'start date'],
  ['enddate', 'end date'],
  ['status', 'response type'],
  ['ipaddress', 'ip address'],
  ['recordeddate', 'recorded date'],
  ['responseid', 'response id'],
  ['recipientlastname', 'recipient last name'],
  ['recipientfirstname', 'recipient first name'],
  ['recipientemail', 'recipient email'],
  ['externalreference', 'external data reference'],
  ['locationlatitude', 'location latitude'],
  ['locationlongitude', 'location longitude'],
  ['distributionchannel', 'distribution channel'],
  ['userlanguage', 'user language'],
  ['v1', 'responseid'],
  ['v2', 'responseset'],
  ['v3', 'name'],
  ['v4', 'externaldatareference'],
  ['v5', 'emailaddress'],
  ['v6', 'ipaddress'],
  ['v7', 'status'],
  ['v8', 'startdate'],
  ['v9', 'enddate'],
  ['v10', 'finished'],
]);

/**
 * A Qualtrics export whose second row labels its own columns ("Start Date" under StartDate,
 * "ResponseID" under V1): two header rows, with or without the ImportId row after them (the
 * legacy export has none, and one edited in a spreadsheet often loses it). A row of answers
 * never holds these labels, so two of them are enough.
 */
function labelsQualtricsColumns(row1: readonly string[], row2: readonly string[]): boolean {
  let matched = 0;
  for (let i = 0; i < row1.length && matched < 2; i++) {
    const label = QUALTRICS_LABELS.get(row1[i]!.trim().toLowerCase());
    if (label !== undefined && label === (row2[i] ?? '').trim().toLowerCase()) matched++;
  }
  return matched >= 2;
}

/**
 * How many of the first rows are header rows, and whose layout they follow. `forced` (the
 * user's --header-rows) sets the number; the layout is still detected when it agrees.
 */
export function detectHeaderRows(first: readonly (readonly string[])[], forced?: number): { rows: number; layout: HeaderLayout } {
  if (forced !== undefined) {
    const detected = detectHeaderRows(first);
    return detected.rows === forced ? detected : { rows: forced, layout: layoutFor(forced) };
  }
  const row2 = first[1];
  const row3 = first[2];
  if (row3 && row3.some((c) => c.trim().startsWith('{"ImportId"'))) return { rows: 3, layout: 'qualtrics' };
  if (row2 && labelsQualtricsColumns(first[0]!, row2)) return { rows: 2, layout: 'qualtrics' };
  if (row2 && row2.some((c) => SM_RESPONSE.has(c.trim()))) return { rows: 2, layout: 'surveymonkey' };
  return { rows: 1, layout: 'single' };
}

export function layoutFor(rows: number): HeaderLayout {
  return rows === 3 ? 'qualtrics' : rows === 2 ? 'surveymonkey' : 'single';
}

/** Merges the header rows into one description per column. */
export function mergeHeader(rows: readonly (readonly string[])[], layout: HeaderLayout, width: number): ColumnHeader[] {
  const cell = (r: number, c: number) => clean(rows[r]?.[c] ?? '');
  const out: ColumnHeader[] = [];
  let group = -1;
  let carried = '';
  for (let i = 0; i < width; i++) {
    const top = cell(0, i);
    if (layout === 'surveymonkey') {
      const second = cell(1, i);
      const continues = top === '' && i > 0 && carried !== '';
      if (!continues) {
        group++;
        carried = top;
      }
      out.push({ index: i, name: continues ? carried : top, question: carried, sub: SM_RESPONSE.has(second) ? '' : second, group, openEnded: second === 'Open-Ended Response' });
    } else if (layout === 'qualtrics') {
      const text = cell(1, i);
      // The legacy export's V1..V10 are better named by their label (ResponseID, IPAddress...).
      const name = /^V\d+$/.test(top) && QUALTRICS_LABELS.get(top.toLowerCase()) === text.toLowerCase() ? text : top;
      out.push({ index: i, name, question: text || top, sub: '', group: -1, openEnded: false });
    } else {
      const bracket = /^(.*\S)\s*\[(.+)\]$/s.exec(top);
      out.push({ index: i, name: top, question: bracket ? bracket[1]! : top, sub: bracket ? bracket[2]! : '', group: -1, openEnded: false });
    }
  }
  for (const col of out) {
    col.question = dropStray(col.question);
    col.sub = dropStray(col.sub);
  }
  if (layout !== 'surveymonkey') assignGroups(out, layout);
  return out;
}

/**
 * Letters left in a header by a character lost to a wrong encoding: one to three accented
 * letters straight after a closing mark, then `_` or the end ("fan of the Expanded
 * Universe?Œæ", "the following statement:ë_"our sex life ..."ë_" in FiveThirtyEight's
 * exports). They would show in titles and keep such a column out of its grid. A word never
 * follows a mark that way; the column's own name keeps them, so a spec that quotes it still
 * finds it.
 */
export function dropStray(text: string): string {
  return clean(text.replace(STRAY, ' '));
}

// Letters of Windows-1252 and Latin-1 only: a CJK answer after a colon ("満足度:高") is text.
const STRAY = /(?<=[?!.:;,"')\]])[\u00c0-\u00ffŒœŠšŽžŸƒ]{1,3}(?:_|$)/gu;

/**
 * Groups adjacent columns that share a question: `Question [Item]` headers,
 * and coded names `Q5_1`, `q0004_0001` sharing a stem.
 */
function assignGroups(cols: ColumnHeader[], layout: HeaderLayout): void {
  let group = -1;
  let prevKey: string | null = null;
  for (const col of cols) {
    const key = groupKey(col);
    if (key === null || key !== prevKey) group++;
    col.group = group;
    prevKey = key;
    if (key !== null && (layout === 'qualtrics' || key.startsWith('d:'))) {
      // Qualtrics writes grid and multi-select texts as "Question - Item".
      const cut = col.question.lastIndexOf(' - ');
      if (cut > 0) {
        col.sub = col.question.slice(cut + 3);
        col.question = col.question.slice(0, cut);
      }
    }
  }
  if (layout === 'qualtrics') splitLegacyItems(cols);
  // A stem used by a single column is not a group after all: undo the split.
  const sizes = new Map<number, number>();
  for (const c of cols) sizes.set(c.group, (sizes.get(c.group) ?? 0) + 1);
  for (const c of cols) {
    if (sizes.get(c.group) === 1 && c.sub !== '' && (layout === 'qualtrics' || c.name.includes(' - '))) {
      c.question = `${c.question} - ${c.sub}`;
      c.sub = '';
    }
  }
}

/**
 * Qualtrics' legacy export joins question and item with a bare "-" ("Which features?-Dark
 * mode"). Questions and items may hold a "-" too ("Pre-test", "Wi-Fi"), so a group is cut in
 * the text all its columns share: at its first "-" after a question's closing mark ("?-",
 * ")-", ":-"), else at its last "-".
 */
function splitLegacyItems(cols: ColumnHeader[]): void {
  for (let a = 0; a < cols.length; ) {
    let b = a + 1;
    while (b < cols.length && cols[b]!.group === cols[a]!.group) b++;
    const group = cols.slice(a, b);
    a = b;
    if (group.length < 2 || group.some((c) => c.sub !== '')) continue;
    let shared = group[0]!.question;
    for (const c of group) {
      let n = 0;
      while (n < shared.length && n < c.question.length && shared[n] === c.question[n]) n++;
      shared = shared.slice(0, n);
    }
    const afterMark = /[^\p{L}\p{N}\s]-/u.exec(shared);
    const cut = afterMark ? afterMark.index + 1 : shared.lastIndexOf('-');
    if (cut <= 0 || group.some((c) => c.question.slice(cut + 1).trim() === '')) continue;
    for (const c of group) {
      c.sub = c.question.slice(cut + 1).trim();
      c.question = c.question.slice(0, cut).trim();
    }
  }
}

/** A coded column name: its question's stem, then `_` and a number (Q5_1, q0004_0001, Q7_3_TEXT). */
export const CODED_NAME = /^([A-Za-z][\w.]*?)_(\d+)(?:_TEXT)?$/;

function groupKey(col: ColumnHeader): string | null {
  if (col.sub !== '') return `q:${col.question}`;
  const dash = col.name.lastIndexOf(' - ');
  if (dash > 0) return `d:${col.name.slice(0, dash)}`;
  const coded = CODED_NAME.exec(col.name);
  return coded ? `c:${coded[1]}` : null;
}

/** Header cells hold HTML line breaks and doubled spaces (SurveyMonkey); questions read better without. */
export function clean(s: string): string {
  return s
    .replace(/<br\s*\/?>/gi, ' ')
    .replace(/[\s\u00a0]+/g, ' ')
    .trim();
}
