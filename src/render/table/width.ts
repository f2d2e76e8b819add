/**
 * Terminal columns rather than UTF-16 code units: a CJK character or most emoji take two columns,
 * a combining accent none, so tables of such answers would otherwise lose their alignment.
 */
import stringWidth from 'string-width';

const segmenter = new Intl.Segmenter();

/** Columns `s` takes in a terminal. */
export function width(s: string): number {
  // Printable ASCII, nearly every label: one column a character, without string-width's scan.
  return /^[\x20-\x7e]*$/.test(s) ? s.length : stringWidth(s);
}

export function padEnd(s: string, columns: number): string {
  return s + ' '.repeat(Math.max(0, columns - width(s)));
}

export function padStart(s: string, columns: number): string {
  return ' '.repeat(Math.max(0, columns - width(s))) + s;
}

/**
 * Splits `s` into pieces of at most `columns` columns, whole characters (graphemes) each; the
 * first `limit` of them only, so that a cut answer of megabytes is not walked to its end.
 */
export function pieces(s: string, columns: number, limit = Infinity): string[] {
  const out: string[] = [];
  let piece = '';
  let used = 0;
  for (const { segment } of segmenter.segment(s)) {
    const w = width(segment);
    if (used + w > columns && piece !== '') {
      out.push(piece);
      if (out.length >= limit) return out;
      piece = '';
      used = 0;
    }
    piece += segment;
    used += w;
  }
  if (piece !== '' || out.length === 0) out.push(piece);
  return out;
}
