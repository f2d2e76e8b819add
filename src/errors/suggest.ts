/**
 * Suggestions for a name that matched nothing (a question id, an answer, a file, a spec key): the
 * candidate a user most likely meant. Pure string work, so every layer that reports a miss can use it.
 */

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
