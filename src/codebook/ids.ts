/** Question and item ids: short, readable, unique, safe as spec keys. */

const STOP = new Set(['the', 'a', 'an', 'of', 'to', 'you', 'your', 'do', 'does', 'is', 'are', 'in', 'on', 'for', 'please', 'if', 'at', 'all', 'how', 'what', 'which', 'would', 'have', 'has', 'be', 'that', 'this', 'with', 'and', 'or', 'it']);

/** A lowercase id from the first meaningful words of a text: "How do you see the policy change?" -> "see_policy_change". */
export function slug(text: string): string {
  const words = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    // Apostrophes join, not split: "What’s" -> "whats", not a stray "s" word.
    .replace(/['\u2018\u2019]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '');
  const meaningful = words.filter((w) => !STOP.has(w));
  const chosen = (meaningful.length > 0 ? meaningful : words).slice(0, 5);
  let id = chosen.join('_').slice(0, 40).replace(/_+$/, '');
  if (/^\d/.test(id)) id = `q_${id}`;
  return id;
}

/** Makes ids unique by suffixing _2, _3, ...; blanks become col_N. */
export function uniqueIds(bases: readonly string[]): string[] {
  const seen = new Map<string, number>();
  const taken = new Set(bases);
  return bases.map((b, i) => {
    const base = b || `col_${i + 1}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    if (n === 1) return base;
    let k = n;
    while (taken.has(`${base}_${k}`)) k++;
    const id = `${base}_${k}`;
    taken.add(id);
    return id;
  });
}
