/**
 * Multi-select cells that hold several options in one string. Google Forms joins
 * checkbox answers with ", " although options may contain commas themselves, so a
 * cell is split into options seen on their own ("atoms"), never blindly at commas.
 * Qualtrics joins choices with a bare "," and LimeSurvey/Typeform-style exports with ";".
 */

import type { Question } from '../spec/codebook.js';

// Order matters: ", " is tried before ",", so Google Forms cells never split into " Option" tokens.
export const JOINERS = [', ', ';', ','] as const;
export type Joiner = (typeof JOINERS)[number];

export interface Split {
  /** Options in the order they appear in the cell. */
  parts: string[];
  /** True when some part is not a known option (kept whole). */
  partial: boolean;
  /** The parts that are not known options. */
  unknown: string[];
}

/** Splits a cell into options; parts not made of known atoms are kept as they are. */
export function splitCell(cell: string, joiner: Joiner, atoms: ReadonlySet<string>): Split {
  if (joiner === ';') {
    const parts = cell.split(';').map((p) => p.trim()).filter((p) => p !== '');
    return { parts: dedupe(parts), partial: false, unknown: [] };
  }
  if (atoms.has(cell) || !cell.includes(joiner)) return { parts: [cell], partial: !atoms.has(cell), unknown: atoms.has(cell) ? [] : [cell] };
  const tokens = cell.split(joiner);
  const n = tokens.length;
  // best[i]: fewest unknown tokens, then fewest parts, to cover tokens[0..i).
  const best: { unknown: number; parts: number; from: number; known: boolean }[] = [{ unknown: 0, parts: 0, from: -1, known: true }];
  for (let i = 1; i <= n; i++) {
    let choice = { unknown: Infinity, parts: Infinity, from: -1, known: false };
    for (let j = 0; j < i; j++) {
      const prev = best[j]!;
      const piece = tokens.slice(j, i).join(joiner);
      const known = atoms.has(piece);
      // An unknown piece is only ever a single token; runs of them merge below.
      if (!known && i - j > 1) continue;
      const unknown = prev.unknown + (known ? 0 : 1);
      const parts = prev.parts + 1;
      if (unknown < choice.unknown || (unknown === choice.unknown && parts < choice.parts)) choice = { unknown, parts, from: j, known };
    }
    best.push(choice);
  }
  const pieces: { text: string; known: boolean }[] = [];
  for (let i = n; i > 0; i = best[i]!.from) {
    const b = best[i]!;
    pieces.unshift({ text: tokens.slice(b.from, i).join(joiner), known: b.known });
  }
  // Adjacent unknown tokens are one unknown answer (free text with commas, say).
  const merged: { text: string; known: boolean }[] = [];
  for (const p of pieces) {
    const last = merged[merged.length - 1];
    if (last && !last.known && !p.known) last.text += joiner + p.text;
    else merged.push({ ...p });
  }
  const unknown = merged.filter((p) => !p.known).map((p) => p.text);
  return { parts: dedupe(merged.map((p) => p.text)), partial: unknown.length > 0, unknown };
}

function dedupe(parts: string[]): string[] {
  return parts.length < 2 ? parts : [...new Set(parts)];
}

export interface MultiGuess {
  joiner: Joiner;
  atoms: string[];
}

/**
 * Decides whether a column of distinct cell values (with counts) is a joined
 * multi-select, and if so which options it has. Values are taken in order of
 * fewest tokens first, so that an option is known before the combinations
 * containing it.
 */
export function guessJoinedMulti(counts: ReadonlyMap<string, number>): MultiGuess | null {
  let total = 0;
  for (const c of counts.values()) total += c;
  if (total === 0) return null;
  // A typed "City, State" column has commas too, and recurring answers, but people
  // type them in varying case ("Pune", "pune", "PUNE"); ticked options never vary.
  // Asked only of a column that passes the cheap tests below: free text and ids never do.
  let typed: boolean | undefined;
  for (const joiner of JOINERS) {
    let withJoiner = 0;
    let combined = 0;
    let without = 0;
    for (const [v, c] of counts) {
      if (v.includes(joiner)) {
        withJoiner++;
        combined += c;
      } else without++;
    }
    if (withJoiner < 2 || combined < total * 0.05) continue;
    // Every value without the joiner becomes an atom: when they alone are too many for a
    // list of options (free text, ids), the test below would fail; skip finding them.
    if (without > 60 || without * 3 > total) continue;
    typed ??= caseVariantShare(counts) >= 0.2;
    if (typed) return null;
    const atoms = findAtoms(counts, joiner);
    // Options must recur: free text with commas makes as many "options" as answers.
    if (atoms.size < 2 || atoms.size > 60 || atoms.size * 3 > total) continue;
    // Most cells must split cleanly into known options, or this is prose with commas.
    let clean = 0;
    let multiple = 0;
    for (const [v, c] of counts) {
      const s = splitCell(v, joiner, atoms);
      if (!s.partial) clean += c;
      if (s.parts.length > 1 && !s.partial) multiple += c;
    }
    if (clean >= total * 0.9 && multiple >= total * 0.05) return { joiner, atoms: [...atoms] };
  }
  return null;
}

/**
 * Share of answers whose text also occurs in another letter case: high for typed
 * answers, zero for answers picked from a list.
 */
export function caseVariantShare(counts: ReadonlyMap<string, number>): number {
  const spellings = new Map<string, number>();
  let total = 0;
  for (const [v, c] of counts) {
    const key = v.toLowerCase();
    spellings.set(key, (spellings.get(key) ?? 0) + 1);
    total += c;
  }
  if (total === 0) return 0;
  let varied = 0;
  for (const [v, c] of counts) if (spellings.get(v.toLowerCase())! > 1) varied += c;
  return varied / total;
}

function findAtoms(counts: ReadonlyMap<string, number>, joiner: Joiner): Set<string> {
  const atoms = new Set<string>();
  if (joiner === ';') {
    for (const v of counts.keys()) for (const p of v.split(';')) if (p.trim()) atoms.add(p.trim());
    return atoms;
  }
  const values = [...counts.keys()].sort((a, b) => a.split(joiner).length - b.split(joiner).length || (a < b ? -1 : 1));
  for (const v of values) {
    if (!v.includes(joiner)) {
      atoms.add(v);
      continue;
    }
    const s = splitCell(v, joiner, atoms);
    // A cell with known options beside unknown text teaches us the unknown options;
    // a cell with no known option at all is an option that contains the joiner.
    if (s.parts.length < 2 || s.unknown.length === s.parts.length) atoms.add(v);
    else for (const u of s.unknown) atoms.add(u);
  }
  return atoms;
}

/**
 * A multi-select of one checkbox column cannot tell an unticked box from a skipped question: a
 * blank is unticked, and everyone is in the base (a box ticked by all who answered would read 100%).
 */
export function readsOneCheckbox(q: Question): boolean {
  return q.type === 'multi' && q.layout?.kind === 'columns' && q.items.length === 1;
}

/** A lone checkbox's blanks, as crosstabs and banners show them across the top: unticked and skipped alike. */
export const NOT_TICKED = 'Not ticked';
