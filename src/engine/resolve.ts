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
  let best: string | undefined;
  let bestD = Infinity;
  for (const q of codebook.questions) {
    const d = distance(name.toLowerCase(), q.id.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = q.id;
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
