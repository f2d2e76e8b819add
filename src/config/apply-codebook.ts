/**
 * Applies a spec's codebook overrides to the inferred codebook. Questions are
 * matched by column, so a spec only needs to say what differs from inference;
 * every reference is checked, with the closest id suggested on a miss.
 */
import { findRef, type Band, type Codebook, type Item, type Question } from '../spec/codebook.js';
import { caseScore, inBand, normalizeCell, parseDateTime, parseNumber } from '../codebook/values.js';
import { messages } from '../errors/messages.js';
import type { ColumnRef, QuestionSpec, StudySpec } from '../spec/analysis.js';
import type { ColumnHeader } from '../codebook/header.js';
import { SurveyError } from '../errors/survey-error.js';
import { formatPath, type LoadedSpec } from './load-spec.js';
import { orderOptions } from '../codebook/scales.js';
import { withQuotedAnswer } from '../expr/compile.js';
import { didYouMean, distance } from '../errors/suggest.js';

export function applySpecCodebook(inferred: Codebook, headers: readonly ColumnHeader[], loaded: LoadedSpec): Codebook {
  const spec = loaded.spec;
  // A spec's top-level missing list, even empty, is the study's: it replaces the NA inference found.
  const inferredNA = spec.missing !== undefined ? (inferred.missing ?? []).filter((m) => !spec.missing!.includes(m)) : [];
  let questions = inferred.questions.map((q) => (inferredNA.length > 0 && q.missing ? { ...q, missing: q.missing.filter((m) => !inferredNA.includes(m)) } : q));
  // Said in an info line only when inferred: a spec that lists its missing codes knows them.
  const studyMissing = spec.missing === undefined ? inferred.missing : undefined;
  // A column a spec question already took may be read again by another ("height" and a recoded
  // "height_group"): each spec question stays, on the inferred reading of its column.
  const fromSpec = new Set<Question>();
  // Columns the inference itself reads twice (an "Other (please specify)" column: an option of its
  // multi-select, and its text): a spec question taking one leaves the other reading in place.
  const readTwice = new Set(inferred.questions.flatMap((q) => q.columns).filter((c, k, all) => all.indexOf(c) !== k));
  (spec.questions ?? []).forEach((qs, i) => {
    const path = ['questions', i];
    const columns = columnsOf(qs, headers, loaded, path);
    // A column read twice is matched by the reading of it alone (the Other text, not its multi-select).
    const alone = readTwice.has(columns[0]!);
    const at = questions.findIndex((q) => !fromSpec.has(q) && q.columns.includes(columns[0]!) && (!alone || q.columns.every((c) => columns.includes(c))));
    // Read again: the inferred reading of those columns, when it reads no others (a grid's item alone is no grid).
    const base = at >= 0 ? questions[at]! : inferred.questions.find((q) => q.columns.includes(columns[0]!) && q.columns.every((c) => columns.includes(c)));
    const next = override(base, qs, columns, headers, loaded, path, itemAnswers(qs, columns, inferred.questions));
    fromSpec.add(next);
    if (at >= 0) {
      // A spec question may take columns from several inferred ones (regrouping); drop what it took.
      questions = questions.filter((q, k) => k === at || fromSpec.has(q) || !q.columns.some((c) => columns.includes(c) && !readTwice.has(c)));
      questions[questions.indexOf(base!)] = next;
    } else questions.push(next);
  });
  (spec.derive ?? []).forEach((d, i) => {
    const from = questions.find((q) => q.id === d.from);
    if (!from) throw unknownRef(loaded, ['derive', i, 'from'], d.from, questions);
    if (from.type !== 'numeric') {
      const hint = from.type === 'single' ? `to group its answers, recode them (recode: { ${JSON.stringify(from.options[0] ?? 'an answer')}: a group label, ... }) on the question, or on a second question of its column to keep both` : undefined;
      throw specError(loaded, ['derive', i, 'from'], `'${d.from}' is ${from.type}; bands need a numeric question`, hint);
    }
    checkBands(d.bands, loaded, ['derive', i, 'bands']);
    questions.push({ id: d.id, label: d.label ?? d.id, type: 'single', columns: from.columns, options: d.bands.map((b) => b.label), items: [], derived: { from: d.from, bands: d.bands } });
  });
  // Study-wide missing codes (NA for skipped questions) join each question's own.
  if (spec.missing && spec.missing.length > 0) {
    questions = questions.map((q) => {
      if (q.type === 'pii') return q;
      const missing = [...new Set([...(q.missing ?? []), ...spec.missing!])];
      return { ...q, missing, options: q.options.filter((o) => !missing.includes(o)) };
    });
  }
  const ids = new Set<string>();
  // Where an id was written: spec questions, then derived ones, in the spec's order.
  const written = (id: string): (string | number)[][] => [
    ...(spec.questions ?? []).flatMap((x, k) => (x.id === id ? [['questions', k, 'id']] : [])),
    ...(spec.derive ?? []).flatMap((x, d) => (x.id === id ? [['derive', d, 'id']] : [])),
  ];
  for (const q of questions) {
    if (ids.has(q.id)) {
      // The later one is pointed at, the earlier named: the later is most often the one just added.
      const places = written(q.id);
      const other = places.length >= 2 ? `${formatPath(places[0]!)} has it too` : 'a question inferred from the export has it too';
      throw specError(loaded, places[places.length - 1] ?? ['questions'], `two questions have the id '${q.id}' (${other}); ids must be unique`);
    }
    ids.add(q.id);
  }
  // A grid's item is named grid.item: a question of that id could not be told from it.
  for (const g of questions) {
    if (g.type !== 'matrix') continue;
    for (const it of g.items) {
      const ref = `${g.id}.${it.id}`;
      if (ids.has(ref)) throw specError(loaded, written(ref).at(-1) ?? ['questions'], `'${ref}' names both a question and the item '${it.id}' of the grid '${g.id}'; give the question another id`);
    }
  }
  return { questions, ...(studyMissing ? { missing: studyMissing } : {}) };
}

/**
 * A grid the spec declares from columns that inference read one by one: the answers of its
 * items' columns, in the order each first lists them, so that the grid is ordered on their scale
 * as each column was ("Yes, very rude" .. "No, not rude at all"), not each item by its own counts.
 * Undefined when an item's column was not read as a single choice.
 */
function itemAnswers(qs: QuestionSpec, columns: readonly number[], inferred: readonly Question[]): string[] | undefined {
  if (qs.type !== 'matrix' || !qs.items) return undefined;
  const answers = new Set<string>();
  for (const c of columns) {
    const one = inferred.find((q) => q.columns.length === 1 && q.columns[0] === c);
    if (one?.type !== 'single') return undefined;
    for (const o of one.options) answers.add(o);
  }
  return [...answers];
}

function override(base: Question | undefined, qs: QuestionSpec, columns: number[], headers: readonly ColumnHeader[], loaded: LoadedSpec, path: (string | number)[], gridAnswers?: readonly string[]): Question {
  const h = headers[columns[0]!]!;
  const type = qs.type ?? base?.type ?? 'single';
  const items: Item[] = qs.items
    ? qs.items.map((it, k) => ({ id: it.id ?? `item_${k + 1}`, label: it.label ?? (headers[columns[k]!]!.sub || headers[columns[k]!]!.name), column: columns[k]! }))
    : (base?.items ?? []);
  const q: Question = {
    ...(base ?? { options: [], items: [] }),
    id: qs.id,
    label: qs.label ?? gridLabel(qs, base, columns, headers) ?? base?.label ?? h.question,
    type,
    columns,
    items,
  };
  if (type === 'pii') {
    q.pii = base?.pii ?? { kind: 'id', reason: qs.reason ?? 'declared personal data in the spec' };
    if (qs.reason) q.pii = { ...q.pii, reason: qs.reason };
    return q;
  }
  delete q.pii;
  if (base) checkDeclaredType(base, qs, type, loaded, path);
  if (qs.layout === 'columns') q.layout = { kind: 'columns' };
  else if (qs.layout === 'joined' || qs.separator) q.layout = { kind: 'joined', separator: qs.separator ?? ', ' };
  else if (type === 'multi' && !q.layout) q.layout = { kind: 'joined', separator: ', ' };
  if (type !== 'multi' && type !== 'single' && q.layout?.kind === 'joined') delete q.layout;
  // A recode renames answers: numbers, dates and free text have none to rename (bands are derive's).
  if (qs.recode && type !== 'single' && type !== 'multi' && type !== 'matrix') throw specError(loaded, [...path, 'recode'], `'${qs.id}' is ${type}: recode renames the answers of a choice question`, type === 'numeric' ? 'give it type: single to recode its answers, or band its numbers with derive' : 'give it type: single to recode its answers');
  if (qs.recode) q.recode = Object.fromEntries(Object.entries(qs.recode).map(([k, v]) => [k.trim().toLowerCase(), v]));
  if (qs.foldCase) q.foldCase = true;
  if (qs.dateOrder === 'dmy') q.dateOrder = 'dmy';
  else if (qs.dateOrder === 'mdy') delete q.dateOrder;
  if (qs.dateOrder !== undefined) delete q.dateOrderGuessed;
  if (qs.missing) q.missing = qs.missing;
  if (qs.showMissing) q.showMissing = true;
  // Options inferred for another type (a multi's split parts, say) mean nothing for this one.
  let options = base && base.type !== type ? [] : q.options;
  if (base && base.type !== type) q.order = 'count';
  if (gridAnswers && base?.type !== 'matrix') {
    // Ordered afresh below when recoded or listed; otherwise on the scale the answers make, if any.
    const ordered = orderOptions(gridAnswers, new Map());
    options = ordered.options;
    if (ordered.scale) {
      q.scale = ordered.scale;
      q.order = 'fixed';
    } else {
      delete q.scale;
      q.order = 'count';
    }
  }
  // Recode targets are answers in their own right, and the spelling case-folding settles on.
  // A Map, not the object: an answer named "constructor" or "toString" must not find Object.prototype's.
  const recode = new Map(Object.entries(q.recode ?? {}));
  const recoded = (o: string) => recode.get(o.trim().toLowerCase()) ?? o;
  if (q.recode) options = [...new Set([...recode.values(), ...options.map(recoded)])];
  if (q.foldCase) options = dedupeCase(options);
  if (q.missing) options = options.filter((o) => !q.missing!.includes(o));
  if (qs.options) {
    // A listed answer that is recoded is shown under its new label, where it is listed (init lists the export's answers): no empty row.
    const listed = [...new Set(qs.options.map(recoded))];
    if (((base && base.type === type) || (gridAnswers && base?.type !== 'matrix')) && !q.foldCase) checkListedOptions(listed, options, loaded, [...path, 'options']);
    // An answer declared missing is outside the base, whichever list names it.
    options = [...listed.filter((o) => !q.missing?.includes(o)), ...options.filter((o) => !listed.includes(o))];
    if (q.foldCase) options = dedupeCase(options, listed);
    q.order = 'fixed';
  }
  else if (q.recode || q.foldCase) {
    // Renamed answers are ordered afresh: on their scale if they make one, else by count (Short, Medium, Tall).
    const ordered = orderOptions(options, new Map());
    options = ordered.options;
    if (ordered.scale) {
      q.scale = ordered.scale;
      q.order = 'fixed';
    } else if (q.recode) {
      delete q.scale;
      q.order = 'count';
    }
  }
  q.options = options;
  if (qs.nets) {
    q.nets = Object.entries(qs.nets).map(([label, listed]) => {
      // A net naming an answer the spec recodes takes its new label, as options: does.
      const answers = [...new Set(listed.map(recoded))];
      answers.forEach((a, k) => {
        if (!options.includes(a) && !(q.layout?.kind === 'columns' && q.items.some((it) => it.label === a))) {
          throw specError(loaded, [...path, 'nets', label], `net '${label}': '${a}' is not an answer of '${qs.id}'${didYouMean(a, options)}`, commaSplit(answers, k, options));
        }
      });
      return { label, answers };
    });
  }
  if (qs.scale) q.scale = qs.scale;
  return q;
}

/**
 * `type: numeric` (or `date`) on a choice question none of whose answers is one ("18-29", "> 60")
 * would summarise no one: every answer is left out as no number and the run succeeds with n = 0.
 * Said at the spec's line while the answers are known; a column with some numbers among its
 * answers is left to count those ("NA" or "N/A" beside them).
 */
function checkDeclaredType(base: Question, qs: QuestionSpec, type: string, loaded: LoadedSpec, path: (string | number)[]): void {
  if (qs.type !== 'numeric' && qs.type !== 'date') return;
  if ((base.type !== 'single' && base.type !== 'multi') || base.options.length === 0) return;
  const reads = (o: string) => {
    const v = normalizeCell(o);
    return qs.type === 'numeric' ? !Number.isNaN(parseNumber(v, false)) || !Number.isNaN(parseNumber(v, true)) : !Number.isNaN(parseDateTime(v, 'mdy')) || !Number.isNaN(parseDateTime(v, 'dmy'));
  };
  if (base.options.some(reads)) return;
  const shown = base.options.slice(0, 4).map((o) => JSON.stringify(o)).join(', ') + (base.options.length > 4 ? ', ...' : '');
  const what = qs.type === 'numeric' ? 'a number' : 'a date';
  const hint = qs.type === 'numeric' && base.type === 'single' ? `leave out type: numeric to tabulate its answers as a choice question${base.scale === 'numeric' ? ' (ranges such as these keep their order)' : ''}` : `leave out type: ${qs.type} to tabulate its answers as they are`;
  throw specError(loaded, [...path, 'type'], `'${qs.id}' is declared ${qs.type}, but none of its answers is ${what} (${shown}): its summary would count no one`, hint);
}

/**
 * A YAML flow list splits at every comma: `[Yes, very rude, No]` is three answers. When the
 * entries from `k` on join into an answer ("Yes, very rude"), say to quote it.
 */
function commaSplit(list: readonly string[], k: number, options: readonly string[]): string | undefined {
  for (let end = k + 2; end <= list.length; end++) {
    const joined = list.slice(k, end).join(', ');
    if (options.includes(joined)) return messages.commaSplit(joined);
  }
  return undefined;
}

/**
 * One spelling per answer that differs only in case, where the first of them stood: the spec's
 * own (`listed`), else the one written as a name ("Jaipur" over "jaipur" and "JAIPUR").
 */
function dedupeCase(options: string[], listed: readonly string[] = []): string[] {
  const best = new Map<string, string>();
  for (const o of options) {
    const k = o.toLowerCase();
    const held = best.get(k);
    if (held === undefined || (!listed.includes(held) && (listed.includes(o) || caseScore(o) > caseScore(held)))) best.set(k, o);
  }
  const seen = new Set<string>();
  return options.flatMap((o) => {
    const k = o.toLowerCase();
    if (seen.has(k)) return [];
    seen.add(k);
    return [best.get(k)!];
  });
}

function columnsOf(qs: QuestionSpec, headers: readonly ColumnHeader[], loaded: LoadedSpec, path: (string | number)[]): number[] {
  const refs: [ColumnRef, (string | number)[]][] = qs.items ? qs.items.map((it, k) => [it.column, [...path, 'items', k, 'column']]) : qs.column !== undefined ? [[qs.column, [...path, 'column']]] : [];
  if (refs.length === 0) throw specError(loaded, path, `question '${qs.id}' needs a 'column' (or 'items')`);
  return refs.map(([ref, p]) => resolveColumn(ref, headers, loaded, p));
}

export function resolveColumn(ref: ColumnRef, headers: readonly ColumnHeader[], loaded: LoadedSpec, path: (string | number)[]): number {
  if (typeof ref === 'number') {
    if (ref < 1 || ref > headers.length) throw specError(loaded, path, `column ${ref} does not exist (the file has ${headers.length})`);
    return ref - 1;
  }
  const exact = headers.filter((h) => h.name === ref);
  if (exact.length === 1) return exact[0]!.index;
  if (exact.length > 1) throw specError(loaded, path, `more than one column is named '${ref}': use the column number`);
  const folded = headers.filter((h) => h.name.trim().toLowerCase() === ref.trim().toLowerCase() || h.question.toLowerCase() === ref.trim().toLowerCase());
  if (folded.length === 1) return folded[0]!.index;
  const best = headers.map((h) => h.name).sort((a, b) => distance(ref, a) - distance(ref, b))[0];
  throw specError(loaded, path, `no column named '${ref}'${best ? `, did you mean '${best}'?` : ''}`);
}

/**
 * Bands a value can be counted in once, and told apart: none reversed (it would hold no one), no
 * label twice, no two sharing a value (a value in both would go to the first, unsaid).
 */
function checkBands(bands: readonly Band[], loaded: LoadedSpec, path: (string | number)[]): void {
  const low = (b: Band) => b.min ?? -Infinity;
  const top = (b: Band) => b.max ?? b.below ?? Infinity;
  bands.forEach((b, k) => {
    if (!inBand(b, low(b))) throw specError(loaded, [...path, k], `band '${b.label}' runs from ${b.min} down to ${top(b)}: no value is in it`, 'give min the lower bound and max (or below) the upper');
    const j = bands.findIndex((o, m) => m < k && o.label === b.label);
    if (j >= 0) throw specError(loaded, [...path, k, 'label'], `two bands are labelled '${b.label}' (bands ${j + 1} and ${k + 1})`);
    // Two bands share a value when the higher of their lows is in both.
    const o = bands.findIndex((x, m) => m < k && inBand(x, Math.max(low(x), low(b))) && inBand(b, Math.max(low(x), low(b))));
    if (o >= 0) {
      const other = bands[o]!;
      throw specError(loaded, [...path, k], `bands '${other.label}' and '${b.label}' overlap (from ${Math.max(low(other), low(b))} to ${Math.min(top(other), top(b))}): a value there would be counted in '${other.label}' only`, 'bounds are inclusive: end one band below where the next begins (max: 29, then min: 30); for decimals, below: 30, then min: 30');
    }
  });
}

/**
 * A listed option that no row holds, beside an answer the data holds that the list leaves out and
 * that differs from it by a slip of the keyboard ('Very likly', 'Very likely'), is a typo: the
 * real answer would otherwise fall to the end of the scale and the typo count 0.
 */
function checkListedOptions(listed: readonly string[], inData: readonly string[], loaded: LoadedSpec, path: (string | number)[]): void {
  const unlisted = inData.filter((o) => !listed.includes(o));
  listed.forEach((o, k) => {
    if (inData.includes(o)) return;
    const near = unlisted.find((u) => isSlip(o, u));
    if (near === undefined) return;
    throw specError(loaded, [...path, k], `'${o}' is not an answer in the data, did you mean '${near}'?`, `write it as the export does; if both are answers, list both`);
  });
}

/** Two answers that differ by case, spacing or a letter or two (long enough that codes like 1 and 2 are not slips). */
function isSlip(a: string, b: string): boolean {
  const norm = (x: string) => x.toLowerCase().replace(/\s+/g, ' ').trim();
  if (norm(a) === norm(b)) return true;
  return Math.min(a.length, b.length) >= 4 && distance(norm(a), norm(b)) <= Math.max(1, Math.floor(Math.min(a.length, b.length) / 8));
}

export function specError(loaded: LoadedSpec, path: (string | number)[], message: string, hint?: string): SurveyError {
  return new SurveyError('SURVEY_SPEC_INVALID', `${formatPath(path)}: ${message}`, { location: { file: loaded.file, line: loaded.lineOf(path) ?? 1 }, ...(hint !== undefined ? { hint } : {}) });
}

/**
 * `expression`: the source the name was read from, if any; a bare word compared with there is an
 * answer wanting quotes. `noneClose`: the hint when no id is close (the questions the key takes).
 */
export function unknownRef(loaded: LoadedSpec, path: (string | number)[], name: string, questions: readonly Question[], expression?: string, noneClose?: string): SurveyError {
  const quoted = expression === undefined ? null : withQuotedAnswer(expression, name, (w) => findRef(questions, w) !== undefined);
  if (quoted !== null) return specError(loaded, path, messages.unquotedAnswer(name, expression!), `write ${quoted}`);
  const suggestion = didYouMean(name, questions.map((q) => q.id));
  const meant = suggestion === '' ? byText(name, questions) : undefined;
  if (meant) return specError(loaded, path, `unknown question '${name}': a spec names a question by its id, and this reads like '${meant.id}' ("${shortLabel(meant.label)}")`, `write ${meant.id} (survey init FILE lists every question's id)`);
  // A word of several ids ("steak": eat_steak, like_steak_prepared): those ids, to choose from.
  const word = name.trim().toLowerCase();
  const sharing = suggestion === '' && /^[\p{L}\p{N}]{3,}$/u.test(word) ? questions.filter((q) => q.type !== 'pii' && q.id.toLowerCase().split(/[^\p{L}\p{N}]+/u).includes(word)).map((q) => q.id) : [];
  if (sharing.length >= 2) return specError(loaded, path, `unknown question '${name}'; the ids with that word: ${sharing.slice(0, 6).join(', ')}${sharing.length > 6 ? ', ...' : ''}`);
  return specError(loaded, path, `unknown question '${name}'${suggestion}`, suggestion === '' ? noneClose : undefined);
}

/**
 * The label of a grid the spec declares from separate columns without one: the question its
 * columns share (a two-row header's first row), else its id; not its first item's question, which
 * every item's title would then begin with ("In a row of three seats ... | In a row of two seats").
 */
function gridLabel(qs: QuestionSpec, base: Question | undefined, columns: readonly number[], headers: readonly ColumnHeader[]): string | undefined {
  if (qs.type !== 'matrix' || !qs.items || base?.type === 'matrix') return undefined;
  const asked = new Set(columns.map((c) => headers[c]!.question));
  return asked.size === 1 && columns.every((c) => headers[c]!.sub !== '') ? [...asked][0]! : qs.id;
}

/** A question's text, cut to a line, for a message. */
function shortLabel(label: string): string {
  return label.length <= 80 ? label : `${label.slice(0, 77).trimEnd()}...`;
}

/**
 * The question a name that is no id was meant for, when it can be told: its text as the export
 * words it ("How do you like your steak prepared?"), or words that hold every word of exactly one
 * question's id (how_do_you_like_your_steak_prepared for like_steak_prepared), as an analyst
 * writing a spec without `init` names a question. Grid items are named grid.item, not here.
 */
function byText(name: string, questions: readonly Question[]): Question | undefined {
  const words = (t: string) => t.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w !== '');
  const folded = words(name).join(' ');
  if (folded === '') return undefined;
  const named = questions.filter((q) => q.type !== 'pii' && words(q.label).join(' ') === folded);
  if (named.length === 1) return named[0];
  const given = new Set(words(name));
  const holding = questions.filter((q) => {
    const id = words(q.id);
    return q.type !== 'pii' && id.length >= 2 && id.every((w) => given.has(w));
  });
  return holding.length === 1 ? holding[0] : undefined;
}

export type { StudySpec };
