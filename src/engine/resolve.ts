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

/** Like findQuestion, but a miss is the user's error, with the closest id as a suggestion. */
export function resolveQuestion(codebook: Codebook, name: string, flag: string): Question {
  const q = findQuestion(codebook, name);
  if (q) return q;
  throw new SurveyError('SURVEY_QUESTION_UNKNOWN', `${flag}: ${messages.unknownQuestion(name, suggest(codebook, name))}`, {
    hint: 'run `survey init FILE` to list the question ids',
  });
}

export function suggest(codebook: Codebook, name: string): string | undefined {
  return closest(name, codebook.questions.map((q) => q.id));
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
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return best !== undefined && bestD <= Math.max(2, Math.floor(name.length / 3)) ? best : undefined;
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
