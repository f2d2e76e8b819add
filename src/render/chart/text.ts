/**
 * Text helpers for charts: width estimates, label wrapping and number formatting.
 *
 * Charts are rendered without `canvas`, so text cannot be measured. Vega's own fallback
 * (`0.8 × length × fontSize`) overestimates ordinary text by about half, which leaves wide empty
 * margins beside wrapped labels. We estimate with the advance widths of Helvetica (identical to
 * Arial, Liberation Sans and Nimbus Sans, the fonts our theme asks for) instead: still
 * deterministic, and close to what a viewer will actually draw.
 */
import { group, roundHalfUp } from '../number.js';

/** Helvetica advance widths (1/1000 em) for the printable ASCII range 32..126. */
const HELVETICA = [
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, // ' '..'/'
  556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, // '0'..'?'
  1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, // '@'..'O'
  667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, // 'P'..'_'
  333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, // '`'..'o'
  556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584, // 'p'..'~'
];

/** Bold Helvetica is on average about 7% wider than the regular weight. */
const BOLD_FACTOR = 1.07;

function charWidth(code: number): number {
  if (code >= 32 && code <= 126) return HELVETICA[code - 32] ?? 556;
  // Combining marks and zero-width characters take no room.
  if ((code >= 0x300 && code <= 0x36f) || code === 0x200b || code === 0x200d || code === 0xfeff) return 0;
  // CJK, Hangul, full-width forms and emoji are about one em wide.
  if (code >= 0x2e80) return 1000;
  return 556;
}

/**
 * Estimated width in pixels of one line of text.
 *
 * @example measureText('Telegram', 11) // ≈ 47
 */
export function measureText(text: string, fontSize: number, bold = false): number {
  let units = 0;
  for (const ch of text) units += charWidth(ch.codePointAt(0) ?? 0);
  return (units * fontSize * (bold ? BOLD_FACTOR : 1)) / 1000;
}

/**
 * Wraps text onto lines no wider than `maxWidth` pixels, breaking at spaces (and after hyphens
 * and slashes). A single word wider than a line is split with a hyphen rather than cut off, so
 * no label is ever truncated.
 *
 * @example wrapText('Not good, but I can live with it', 100, 11) // ['Not good, but I can', 'live with it']
 */
export function wrapText(text: string, maxWidth: number, fontSize: number, bold = false): string[] {
  // Break only at ordinary spaces: a no-break space (as in `n = 186`) holds its words together.
  const words = text.split(/[ \t\r\n]+/).filter((w) => w !== '');
  const lines: string[] = [];
  let line = '';
  const width = (s: string): number => measureText(s, fontSize, bold);
  for (const word of splitLongWords(words, maxWidth, width)) {
    const candidate = line === '' ? word : `${line} ${word}`;
    if (line !== '' && width(candidate) > maxWidth) {
      lines.push(line);
      line = word;
    } else {
      line = candidate;
    }
  }
  if (line !== '' || lines.length === 0) lines.push(line);
  return lines;
}

/** Splits words that cannot fit on a line: first after hyphens and slashes, then anywhere. */
function splitLongWords(words: string[], maxWidth: number, width: (s: string) => number): string[] {
  const out: string[] = [];
  for (const word of words) {
    if (width(word) <= maxWidth) {
      out.push(word);
      continue;
    }
    for (const part of word.split(/(?<=[-/])/)) {
      if (width(part) <= maxWidth) {
        out.push(part);
        continue;
      }
      let piece = '';
      for (const ch of part) {
        if (piece !== '' && width(`${piece}${ch}-`) > maxWidth) {
          out.push(`${piece}-`);
          piece = '';
        }
        piece += ch;
      }
      if (piece !== '') out.push(piece);
    }
  }
  return out;
}

/** The value, or 0 for NaN and infinities (e.g. a percentage of an empty base). */
export function finite(value: number | null | undefined): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

/**
 * `37%`: a percentage as a chart prints it, rounded half-up. A share above 0 that would round
 * to it prints as `<1%` (`<0.1%` at one decimal): 5 of 1,059 is not nobody.
 */
export function formatPercent(value: number, decimals = 0): string {
  const rounded = roundHalfUp(value, decimals);
  if (rounded === 0 && value > 0) return `<${(10 ** -decimals).toFixed(decimals)}%`;
  return `${rounded.toFixed(decimals)}%`;
}

/** `34.2`: a statistic with one decimal, or none when it is a whole number. */
export function formatStat(value: number): string {
  const r = roundHalfUp(value, 1);
  return group(r, Number.isInteger(r) ? 0 : 1);
}
