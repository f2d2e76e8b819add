/**
 * A spec's answers checked against the data's: what names an answer no row holds is a slip that
 * would give wrong numbers silently (a rule that removes no one, a recode that adds an empty
 * answer, a missing code that leaves its answer in the base), and is a spec error.
 */
import { findRef, type Question } from '../spec/codebook.js';
import type { LoadedSpec } from '../config/load-spec.js';
import type { Tabulation } from './tabulation.js';
import { equal, toNumber, type Comparison, type Compiled } from '../expr/compile.js';
import { specError } from '../config/apply-codebook.js';
import { answersShown, messages } from '../errors/messages.js';
import { closest } from '../errors/suggest.js';

/** A choice question's answers as an expression sees them; null for a name of another type. */
export type ChoicesOf = (name: string) => { answers: readonly string[]; multi: boolean; closed?: boolean; recode?: ReadonlyMap<string, string>; nets?: Question['nets'] } | null;

export interface AnswerProblem {
  message: string;
  hint?: string;
  /** An answer no row holds and none resembles: maybe one this wave has not (a spec reused), so it is warned about, not refused. */
  unseen?: boolean;
}

/**
 * The answers of the question each expression name reads: a single- or multi-select question, or
 * a grid's item (`grid.item`); `answers` gives a question's (the sample's, or all the rows').
 */
export function choicesOf(questions: readonly Question[], answers: (q: Question) => readonly string[], closed: (q: Question) => boolean = () => false): ChoicesOf {
  // Declared missing answers ("Prefer not to say") are out of the bases, not out of expressions' sight.
  const of = (q: Question, multi: boolean) => ({ answers: [...answers(q), ...(q.missing ?? [])], multi, closed: closed(q), ...(q.recode ? { recode: new Map(Object.entries(q.recode)) } : {}), ...(q.nets ? { nets: q.nets } : {}) });
  return (name) => {
    const ref = findRef(questions, name);
    const q = ref?.question;
    if (ref?.item) return of(ref.question, false);
    return q?.type === 'single' || q?.type === 'multi' ? of(q, q.type === 'multi') : null;
  };
}

/** The answers a question starts with: its options, or for one whose options are columns, their labels. */
export function listedAnswers(q: Question): readonly string[] {
  return q.layout?.kind === 'columns' ? q.items.map((i) => i.label) : q.options;
}

/**
 * The first comparison of an expression that no row can meet, or null: a literal that is none of a
 * choice question's answers (compared exactly: 'never' is not 'Never'), an order (`age < 30`) on
 * answers that are not all numbers (they would compare as text), `==` on a multi-select (a list,
 * never equal to one answer). With `sampleOnly` the answers are the sample's, and a literal like
 * none of them may first come after it: only one close to an answer is a slip.
 */
export function comparisonProblem(expr: Compiled, choices: ChoicesOf, sampleOnly: boolean): AnswerProblem | null {
  for (const c of expr.comparisons) {
    const q = choices(c.name);
    const problem = q === null ? null : compare(c, q.answers, q.multi, sampleOnly, q.closed === true, q.recode, q.nets);
    if (problem !== null) return problem;
  }
  return null;
}

function compare(c: Comparison, answers: readonly string[], multi: boolean, sampleOnly: boolean, closed: boolean, recode?: ReadonlyMap<string, string>, nets?: Question['nets']): AnswerProblem | null {
  const shown = [answersShown(c.name, answers)];
  if (c.op === '<' || c.op === '<=' || c.op === '>' || c.op === '>=') {
    if (answers.every((a) => toNumber(a) !== null)) return null;
    return { message: messages.orderedChoice(c.name, c.op, shown), hint: messages.orderedChoiceHint(c.name, answers[0]) };
  }
  if (multi && c.op !== 'has') return { message: messages.multiEquals(c.name, c.op), hint: `test one answer with ${JSON.stringify(String(c.value))} in ${c.name}` };
  // `in` and `contains` on one answer test for a part of its text: any text may be one.
  if (!multi && c.op === 'has') return null;
  if (answers.some((a) => equal(a, c.value))) return null;
  // An answer the spec recodes is seen under its new label: compared as the export wrote it, it matches none.
  const to = typeof c.value === 'string' ? recode?.get(c.value.trim().toLowerCase()) : undefined;
  if (to !== undefined) return { message: messages.recodedAnswer(c.value as string, c.name, to), hint: `expressions see answers after recode: compare with ${JSON.stringify(to)}` };
  // A net is a row of the tables, not an answer a row holds: its answers are.
  const net = nets?.find((n) => equal(n.label, c.value));
  if (net !== undefined) {
    const list = `[${net.answers.map((a) => JSON.stringify(a)).join(', ')}]`;
    return { message: messages.netInExpression(net.label, c.name), hint: multi ? `test its answers one by one, e.g. ${JSON.stringify(net.answers[0] ?? '')} in ${c.name}` : c.op === '!=' ? `write not (${c.name} in ${list})` : `write ${c.name} in ${list}` };
  }
  // A number near another (6 beside 5) is no slip.
  const near = typeof c.value === 'string' ? closest(c.value, answers) : undefined;
  const message = messages.notAnAnswer(c.value, c.name, near, shown);
  if (near !== undefined) return { message };
  if (sampleOnly) return null;
  return closed ? { message, hint: `the spec lists the answers of '${c.name}' in its options: if this is one, list it there` } : { message, unseen: true };
}

/**
 * Recode keys and a question's own missing answers that no cell of the file matched, once every
 * row is coded: a misspelt one leaves the answer it meant as it was (under its own label, or in
 * the base), and a recode's target shows as an empty answer. The study-wide `missing:` names what
 * any question may hold, and is not checked. Numbers' missing codes (-99) need not occur; a
 * question left uncoded (no table or rule reads it) shows no numbers.
 */
export function checkRecodesAndMissing(loaded: LoadedSpec, t: Tabulation): void {
  (loaded.spec.questions ?? []).forEach((qs, i) => {
    const coder = t.coders.get(qs.id);
    if (coder === undefined || !t.codes(qs.id) || !('options' in coder) || coder.question.layout?.kind === 'columns') return;
    const { options } = coder;
    const shown = [answersShown(qs.id, options.labels)];
    // A recode key is one of the export's answers: those left as they are, and those the other keys matched; not the labels recoded to.
    const keys = Object.keys(qs.recode ?? {});
    const targets = new Set(Object.values(qs.recode ?? {}));
    const exported = [...options.labels.filter((l) => !targets.has(l) || options.heldAsIs(l)), ...keys.filter((k) => options.recoded(k))];
    for (const key of keys) {
      if (options.recoded(key)) continue;
      throw specError(loaded, ['questions', i, 'recode', key], messages.recodeKeyUnknown(key, qs.id, closest(key, exported), [answersShown(qs.id, exported)]), 'a recode key is an answer as the export writes it, its value the label to count it under');
    }
    (qs.missing ?? []).forEach((answer, k) => {
      if (options.heldMissing(answer)) return;
      throw specError(loaded, ['questions', i, 'missing', k], messages.notAnAnswer(answer, qs.id, closest(answer, options.labels), shown), 'answers meant for any question that holds them go in the top-level missing:, which is not checked');
    });
  });
}
