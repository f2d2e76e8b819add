/** Chooses the delimiter by which candidate splits the first lines most consistently. */

export const DELIMITERS = [',', ';', '\t', '|'] as const;

/** Counts each candidate per line outside quotes, over the first lines of a sample. */
export function sniffDelimiter(sample: string): string {
  const lines = firstLines(sample, 20);
  let best = ',';
  let bestScore = 0;
  for (const d of DELIMITERS) {
    const counts = lines.map((l) => countOutsideQuotes(l, d));
    const first = counts[0] ?? 0;
    if (first === 0) continue;
    // A delimiter scores by how many fields it makes, if most lines agree on it.
    const agree = counts.filter((c) => c === first).length / counts.length;
    const score = agree >= 0.6 ? first * agree : 0;
    if (score > bestScore) {
      best = d;
      bestScore = score;
    }
  }
  return best;
}

/** Logical lines: newlines inside quotes do not end a line. */
function firstLines(text: string, max: number): string[] {
  const out: string[] = [];
  let inQuotes = false;
  let start = 0;
  for (let i = 0; i < text.length && out.length < max; i++) {
    const c = text[i];
    if (c === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (c === '\n' || c === '\r')) {
      if (i > start) out.push(text.slice(start, i));
      start = i + 1;
    }
  }
  // The last, possibly partial, line only counts when nothing else was found.
  if (out.length === 0 && start < text.length) out.push(text.slice(start));
  return out;
}

function countOutsideQuotes(line: string, d: string): number {
  let n = 0;
  let inQuotes = false;
  for (const c of line) {
    if (c === '"') inQuotes = !inQuotes;
    else if (!inQuotes && c === d) n++;
  }
  return n;
}
