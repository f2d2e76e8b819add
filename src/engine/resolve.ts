/** Finds a question by id or text, as users type them on the command line and in specs. */
import type { Codebook, Question } from '../spec/codebook.js';
import { SurveyError } from '../errors/survey-error.js';
import { messages } from '../errors/messages.js';
import { closest } from '../errors/suggest.js';
import { numbersReadAsAnswers } from '../codebook/infer.js';

export function findQuestion(codebook: Codebook, name: string): Question | undefined {
  const exact = codebook.questions.find((q) => q.id === name);
  if (exact) return exact;
  const folded = name.trim().toLowerCase();
  return (
    codebook.questions.find((q) => q.id.toLowerCase() === folded) ??
    codebook.questions.find((q) => q.label.toLowerCase() === folded) ??
    codebook.questions.find((q) => q.columns.length === 1 && q.label.toLowerCase().startsWith(folded) && folded.length >= 8)
  );
}

/**
 * The id of a question, or `grid.item` for a grid's item (by the item's id or label), as a user
 * names one on the command line; a miss is the user's error, with the closest id as a suggestion,
 * or, with none close, the ids of the questions that `fits` (the ones the flag can take) listed
 * (`none()`, said when no question fits, is made only then).
 */
export function resolveQuestionOrItem(codebook: Codebook, name: string, flag: string, fits: (q: Question) => boolean = () => true, none?: () => string): string {
  const q = findQuestion(codebook, name);
  if (q) return q.id;
  // `grid.item`, where the grid's id may hold a dot too (Q2.1.privacy).
  for (let dot = name.indexOf('.'); dot > 0; dot = name.indexOf('.', dot + 1)) {
    const grid = findQuestion(codebook, name.slice(0, dot));
    const key = name.slice(dot + 1).trim().toLowerCase();
    const item = grid?.type === 'matrix' ? grid.items.find((i) => i.id.toLowerCase() === key || i.label.toLowerCase() === key) : undefined;
    if (grid && item) return `${grid.id}.${item.id}`;
  }
  // A grid item by its column's header, as the export wrote it ("How often do you: Pray aloud", "... cuisine of Algeria.").
  const words = (t: string) => t.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  const key = words(name);
  for (const q of codebook.questions) {
    const item = q.type === 'matrix' ? q.items.find((i) => words(`${q.label} ${i.label}`) === key) : undefined;
    if (item) return `${q.id}.${item.id}`;
  }
  const near = suggest(codebook, name);
  throw new SurveyError('SURVEY_QUESTION_UNKNOWN', `${flag}: ${messages.unknownQuestion(name, near)}`, {
    hint: near !== undefined ? 'run `survey init FILE` to list the question ids' : idsHint(codebook.questions, flag, fits, none?.()),
  });
}

/** Ids listed when no id is close to a name ("sex" for gender): more than this, and the rest are counted. */
const IDS_LISTED = 20;

/**
 * With nothing close to suggest, the ids the flag could take, in the file's order: the user sees
 * the one meant ("gender") rather than only being sent to `survey init`.
 */
function idsHint(questions: readonly Question[], flag: string, fits: (q: Question) => boolean, none = 'run `survey init FILE` to list the question ids'): string {
  const ids = questions.filter((q) => q.type !== 'pii' && fits(q)).map((q) => q.id);
  if (ids.length === 0) return none;
  const more = ids.length - IDS_LISTED;
  return `${flag} takes one of: ${ids.slice(0, IDS_LISTED).join(', ')}${more > 0 ? `, and ${more} more (\`survey init FILE\` lists them all)` : ''}`;
}

/** The closest question id, or `grid.item` when the name has a dot. */
export function suggest(codebook: Codebook, name: string): string | undefined {
  const ids = codebook.questions.flatMap((q) => (name.includes('.') && q.type === 'matrix' ? q.items.map((i) => `${q.id}.${i.id}`) : [q.id]));
  return closest(name, ids);
}

/** A question that can hold weights: numbers, and not the platform's metadata (Duration, Progress). */
export function canWeight(q: Question): boolean {
  return q.type === 'numeric' && q.metadata === undefined;
}

/**
 * Said when a weight names no question and none is close, and the file has no question that can
 * weight: a column of a few numbers read as answers, which a spec can declare numeric, if there is one.
 */
export function noWeightsHint(questions: readonly Question[]): string {
  const numbers = questions.filter(numbersReadAsAnswers).map((q) => q.id);
  if (numbers.length > 0) return `no question of the file is numeric; ${numbers.slice(0, 3).join(', ')} hold${numbers.length === 1 ? 's' : ''} numbers read as answers: a spec can declare one type: numeric`;
  return 'no question of the file is numeric, so none can weight: weights are a column of numbers';
}

/** With no id close to a weight's name: the questions that can weight, or that there are none. */
export function weightsHint(questions: readonly Question[], flag: string): string {
  return idsHint(questions, flag, canWeight, noWeightsHint(questions));
}
