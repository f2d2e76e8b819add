/** Finds a question by id or text, as users type them on the command line and in specs. */
import type { Codebook, Question } from '../spec/codebook.js';
import { SurveyError } from '../errors/survey-error.js';
import { messages } from '../errors/messages.js';

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
 * names one on the command line; a miss is the user's error, with the closest id as a suggestion.
 */
export function resolveQuestionOrItem(codebook: Codebook, name: string, flag: string): string {
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
  throw new SurveyError('SURVEY_QUESTION_UNKNOWN', `${flag}: ${messages.unknownQuestion(name, suggest(codebook, name))}`, {
    hint: 'run `survey init FILE` to list the question ids',
  });
}

/** The closest question id, or `grid.item` when the name has a dot. */
export function suggest(codebook: Codebook, name: string): string | undefined {
  const ids = codebook.questions.flatMap((q) => (name.includes('.') && q.type === 'matrix' ? q.items.map((i) => `${q.id}.${i.id}`) : [q.id]));
  return closest(name, ids);
}

/**
 * `, did you mean 'x'?` for the candidate a user most likely meant, or '' when none is close:
 * a fragment of one long id ("understand" for well_understand_policy), an id the name starts with
 * ("gov_pref" for gov), else the nearest by edit distance.
 */
export function didYouMean(name: string, candidates: readonly string[]): string {
  const best = closest(name, candidates);
  return best === undefined ? '' : `, did you mean '${best}'?`;
}

export function closest(name: string, candidates: readonly string[]): string | undefined {
  const lower = name.toLowerCase();
  const containing = candidates.filter((c) => lower.length >= 3 && c.toLowerCase().includes(lower));
  if (containing.length === 1) return containing[0];
  const prefixes = candidates.filter((c) => c.length >= 3 && lower.startsWith(c.toLowerCase())).sort((a, b) => b.length - a.length);
  if (prefixes[0]) return prefixes[0];
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = distance(lower, c.toLowerCase());
    // At equal distance, a name that left out a letter of the candidate beats one that changed one:
    // `colums` is `columns`, not `column`.
    if (d < bestD || (d === bestD && best !== undefined && !isSubsequence(lower, best.toLowerCase()) && isSubsequence(lower, c.toLowerCase()))) {
      bestD = d;
      best = c;
    }
  }
  return best !== undefined && bestD <= Math.max(2, Math.floor(name.length / 3)) ? best : undefined;
}

/** Whether every character of `a` appears in `b`, in order. */
function isSubsequence(a: string, b: string): boolean {
  let i = 0;
  for (let j = 0; j < b.length && i < a.length; j++) if (a[i] === b[j]) i++;
  return i === a.length;
}

/** Levenshtein distance. */
export function distance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length]!;
}
