/**
 * Natural answer orders: recognised scales keep their order (agree..disagree,
 * fully..not at all, numbers and ranges ascending); anything else is by count.
 */

import { countRanks, elapsedRanks, intensityRanks, rateRanks } from './scale-patterns.js';

export interface Ordered {
  options: string[];
  scale?: string | undefined;
}

/** Answers that mean "no substantive answer": they go last in any order. */
const NON_SUBSTANTIVE = [
  "don't know", 'dont know', 'do not know', 'not sure', 'unsure', 'prefer not to say', 'prefer not to answer',
  'rather not say', 'no answer', 'no opinion', 'refused', 'n/a', 'na', 'not applicable', 'none of the above', 'other',
  'other (please specify)', 'can\'t say', 'cannot say', 'unfamiliar (n/a)', "doesn't apply", 'does not apply', "i don't do this",
  "i don't know", 'i do not know', "i'm not sure", 'i am not sure', 'no idea',
  "i don't understand this question",
];
/**
 * "Not applicable to my religious beliefs", "N/A - I don't drive": no answer on the scale, whatever
 * follows; "Not applicable at all" is a scale's last point.
 */
const NON_SUBSTANTIVE_START = /^(not applicable|n\/a)\s*(to\b|[-:(\u2013])/;
/**
 * The catch-all option, however a platform words it: "Other (please explain)", "Other, please
 * specify", "Other - Write In" (Alchemer), "Something else (specify)". Like "Other (please specify)"
 * it is no point of a scale and goes last, however often it was chosen; "Other family members" or
 * "Other Christian" is an option like any other (no separator after "other").
 */
const OTHER_OPTION = /^(?:other|something else)(?:$|\s*[(,:]|\s+[-\u2013\u2014]\s)/;

/** The catch-all "Other" option (see OTHER_OPTION): listed last, but an answer, never "no answer". */
export function isOtherOption(label: string): boolean {
  return label.length <= MAX_SCALE_LABEL && OTHER_OPTION.test(norm(label));
}

/** Each scale from one pole to the other; entries are normalised (see `norm`). */
const SCALES: Record<string, string[]> = {
  agreement: ['strongly agree', 'agree', 'somewhat agree', 'slightly agree', 'neither agree nor disagree', 'neutral', 'slightly disagree', 'somewhat disagree', 'disagree', 'strongly disagree'],
  yesNo: ['yes', 'no'],
  trueFalse: ['true', 'false'],
  understanding: ['fully well', 'very well', 'reasonably well', 'fairly well', 'somewhat well', 'not well enough', 'not very well', 'not well', 'not well at all', 'not at all'],
  amount: ['a great deal', 'a lot', 'a fair amount', 'some', 'a little', 'only a little', 'not much', 'not too much', 'very little', 'not at all', 'none at all', 'nothing at all', 'none', 'nothing'],
  frequency: [
    'always', 'almost always', 'most of the time', 'usually', 'very often', 'often', 'frequently', 'about half the time', 'half the time',
    'sometimes', 'some of the time', 'occasionally', 'once in a while', 'rarely', 'seldom', 'hardly ever', 'almost never', 'never',
    'never, but open to it', 'never, and not open to it',
  ],
  importance: ['extremely important', 'very important', 'important', 'somewhat important', 'moderately important', 'slightly important', 'neither important nor unimportant', 'somewhat unimportant', 'not very important', 'not too important', 'not important', 'very unimportant', 'not at all important'],
  likelihood: ['extremely likely', 'very likely', 'likely', 'somewhat likely', 'neither likely nor unlikely', 'somewhat unlikely', 'unlikely', 'very unlikely', 'extremely unlikely', 'not at all likely'],
  satisfaction: ['extremely satisfied', 'very satisfied', 'satisfied', 'somewhat satisfied', 'neither satisfied nor dissatisfied', 'neutral', 'somewhat dissatisfied', 'dissatisfied', 'very dissatisfied', 'extremely dissatisfied'],
  quality: ['excellent', 'very good', 'good', 'fair', 'average', 'poor', 'very poor', 'terrible'],
  favourability: ['very favorably', 'very favourably', 'somewhat favorably', 'somewhat favourably', 'neither favorably nor unfavorably (neutral)', 'neither favorably nor unfavorably', 'somewhat unfavorably', 'somewhat unfavourably', 'very unfavorably', 'very unfavourably'],
  masculinity: ['very masculine', 'somewhat masculine', 'not very masculine', 'not at all masculine'],
  familiarity: ['extremely familiar', 'very familiar', 'somewhat familiar', 'not very familiar', 'not at all familiar'],
  concern: ['very concerned', 'somewhat concerned', 'not very concerned', 'not at all concerned'],
  education: [
    'less than high school degree', 'did not complete high school', 'high school or less', 'high school degree', 'high school or g.e.d', 'some college',
    'some college or associate degree', 'associate degree', "associate's degree", 'associate or bachelor degree', 'bachelor degree', "bachelor's degree",
    'college graduate', 'college or more', 'graduate degree', 'post graduate degree', 'postgraduate degree',
  ],
  skill: ['expert', 'advanced', 'intermediate', 'beginner', 'novice'],
  doneness: ['rare', 'medium rare', 'medium', 'medium well', 'well', 'well done'],
  time: ['already', 'today', 'within a day', 'within a week', 'within two weeks', 'within a month', 'within a year', 'later', 'no plans'],
};

/** Every name a question's `scale` may have: the scales above, and those told by pattern or number. */
export const SCALE_NAMES: readonly string[] = [...Object.keys(SCALES), 'intensity', 'count', 'numeric', 'codes'].filter((n, i, all) => all.indexOf(n) === i);

/**
 * No scale word, range or "don't know" is longer than this: longer labels (free text read as a
 * choice, a 10 MB cell) are never normalised to be compared, which would copy them again and again.
 */
const MAX_SCALE_LABEL = 100;

export function norm(s: string): string {
  return (
    s
      .toLowerCase()
      .replace(/[\u2018\u2019]/g, "'")
      .replace(/\s+/g, ' ')
      // Trim before dropping end punctuation, or "Don't know. " keeps its full stop.
      .trim()
      .replace(/\s*[.!?:;]+$/g, '')
  );
}

const NON_SUBSTANTIVE_SET = new Set(NON_SUBSTANTIVE);

export function isNonSubstantive(label: string): boolean {
  if (label.length > MAX_SCALE_LABEL) return false;
  const n = norm(label);
  return NON_SUBSTANTIVE_SET.has(n) || NON_SUBSTANTIVE_START.test(n) || OTHER_OPTION.test(n);
}

/**
 * An answer that gives no answer ("Don't know", "N/A", "Prefer not to say"), which an analyst may
 * leave out of the base; "Other" and "None of the above" are off a scale too, but they are answers.
 */
export function isNoAnswer(label: string): boolean {
  return isNonSubstantive(label) && !isOtherOption(label) && norm(label) !== 'none of the above';
}

/**
 * An answer listed after the others when answers are listed by count: the non-substantive ones,
 * and "None" / "None of these" (of the options: "Which stuffing? ... None"), an answer but no choice among them.
 */
export function listedLast(label: string): boolean {
  return isNonSubstantive(label) || (label.length <= 24 && /^none( of (these|those|them|the above|the options))?$/.test(norm(label)));
}

/**
 * Orders answer labels. `counts` breaks ties and orders answers with no natural
 * order (most frequent first, then by label so output never depends on row order).
 */
export function orderOptions(labels: readonly string[], counts: ReadonlyMap<string, number>): Ordered {
  const substantive = labels.filter((l) => !isNonSubstantive(l));
  const tail = labels.filter((l) => isNonSubstantive(l)).sort(byCount(counts));
  if (substantive.length >= 2 && substantive.every((l) => l.length <= MAX_SCALE_LABEL)) {
    const numeric = numericOrder(substantive) ?? mostlyNumericOrder(substantive, counts);
    if (numeric) return { options: [...numeric, ...tail], scale: 'numeric' };
    const coded = codeOrder(substantive);
    if (coded) return { options: [...coded, ...tail], scale: 'codes' };
    const scaled = scaleOrder(substantive);
    if (scaled) return { options: [...scaled.options, ...tail], scale: scaled.scale };
    const patterned = byRank(substantive, intensityRanks, 'intensity') ?? byRank(substantive, rateRanks, 'frequency') ?? byRank(substantive, countRanks, 'count');
    if (patterned) return { options: [...patterned.options, ...tail], scale: patterned.scale };
    const timed = leadingWordOrder(substantive) ?? byRank(substantive, elapsedRanks, 'time');
    if (timed) return { options: [...timed.options, ...tail], scale: timed.scale };
    // "None" beside lettered options is no option of the sequence: it goes after them, as it would by count.
    const none = substantive.filter(listedLast);
    const lettered = sequenceOrder(substantive.filter((l) => !listedLast(l)));
    if (lettered) return { options: [...lettered, ...none.sort(byCount(counts)), ...tail], scale: 'codes' };
  }
  const byFrequency = byCount(counts);
  return { options: [...substantive].sort((a, b) => Number(listedLast(a)) - Number(listedLast(b)) || byFrequency(a, b)).concat(tail) };
}

/**
 * Answer codes of one prefix and a number (LimeSurvey's A1..A5, AO01, SQ002): in the
 * questionnaire's order, by number. They are no scale with sides.
 */
function codeOrder(labels: readonly string[]): string[] | null {
  const parsed = labels.map((l) => /^([A-Za-z]{1,4})(\d{1,4})$/.exec(l.trim()));
  const prefix = parsed[0]?.[1];
  if (parsed.some((m) => m === null || m[1] !== prefix)) return null;
  return labels.map((l, i) => [l, Number(parsed[i]![2])] as const).sort((a, b) => a[1] - b[1]).map(([l]) => l);
}

/**
 * Answers that differ only by a trailing letter or number, as lettered or numbered options do
 * ("Lottery A", "Lottery B"; "Option 1" .. "Option 12"; "Plan-B"; "A", "B", "C"): in the order
 * of that letter or number, as a table of such options lists them, not by count. The letter
 * stands alone (after a space or a sign, or as the whole answer), in one case for all; the
 * number is whole, of up to 4 digits, and not the fraction of a decimal ("0.25"). The rest of
 * every answer is the same, character for character.
 */
function sequenceOrder(labels: readonly string[]): string[] | null {
  if (labels.length < 2) return null;
  const parse = (l: string): { stem: string; key: number; kind: 'upper' | 'lower' | 'number' } | null => {
    const number = /^(.*?)(\d{1,4})$/.exec(l);
    // Digits after a decimal point or comma ("Dose 0.25") are a fraction, not a number of their
    // own: read as one, 0.5 would come before 0.25.
    if (number) return /\d[.,]?$/.test(number[1]!) ? null : { stem: number[1]!, key: Number(number[2]), kind: 'number' };
    const letter = /^(|.*[^A-Za-z0-9])([A-Za-z])$/.exec(l);
    if (!letter) return null;
    const c = letter[2]!;
    return { stem: letter[1]!, key: c.toUpperCase().charCodeAt(0), kind: c === c.toUpperCase() ? 'upper' : 'lower' };
  };
  const parsed = labels.map((l) => parse(l.trim()));
  const first = parsed[0];
  if (!first || parsed.some((p) => p === null || p.stem !== first.stem || p.kind !== first.kind)) return null;
  const keys = parsed.map((p) => p!.key);
  // Two answers on one place ("Option 1", "Option 01"): no sequence.
  if (new Set(keys).size !== keys.length) return null;
  return labels.map((l, i) => [l, keys[i]!] as const).sort((a, b) => a[1] - b[1]).map(([l]) => l);
}

function byCount(counts: ReadonlyMap<string, number>) {
  return (a: string, b: string) => (counts.get(b) ?? 0) - (counts.get(a) ?? 0) || (a < b ? -1 : a > b ? 1 : 0);
}

function scaleOrder(labels: readonly string[]): Ordered | null {
  for (const [name, scale] of Object.entries(SCALES)) {
    const rank = (l: string) => scale.indexOf(norm(l));
    if (labels.every((l) => rank(l) >= 0)) {
      return { options: [...labels].sort((a, b) => rank(a) - rank(b)), scale: name };
    }
  }
  return null;
}

/** Labels in the order of the ranks a pattern gives their normalised forms (scale-patterns.ts). */
function byRank(labels: readonly string[], ranks: (normalised: string[]) => number[] | null, scale: string): Ordered | null {
  const r = ranks(labels.map(norm));
  if (!r) return null;
  return { options: labels.map((_, i) => i).sort((a, b) => r[a]! - r[b]!).map((i) => labels[i]!), scale };
}

/** Time-line answers ("Already quit", "Within a week", "No plans to quit") match by their leading words. */
function leadingWordOrder(labels: readonly string[]): Ordered | null {
  const scale = SCALES.time!;
  const rank = (l: string) => scale.findIndex((s) => norm(l).startsWith(s));
  if (labels.every((l) => rank(l) >= 0) && new Set(labels.map(rank)).size === labels.length) {
    return { options: [...labels].sort((a, b) => rank(a) - rank(b)), scale: 'time' };
  }
  return null;
}

/** Numbers and ranges ("< 18", "18-29", "$150,000+", "55 and above") ascending. */
function numericOrder(labels: readonly string[]): string[] | null {
  const keys = new Map<string, number>();
  for (const l of labels) {
    const k = rangeKey(l);
    if (k === null) return null;
    keys.set(l, k);
  }
  return [...labels].sort((a, b) => keys.get(a)! - keys.get(b)! || (a < b ? -1 : 1));
}

/**
 * Many numbers with an odd answer among them (57 percentages and "No children", a column of a
 * published table): the numbers ascending, the odd answers after them by count. By count alone,
 * "100%" would come before "28%". Only where the odd answers are at most one in ten: among a few
 * numbers, a word answer may be a point of their scale ("0", "1", "Several"), and order by count
 * says nothing wrong.
 */
function mostlyNumericOrder(labels: readonly string[], counts: ReadonlyMap<string, number>): string[] | null {
  const odd = labels.filter((l) => rangeKey(l) === null);
  if (odd.length === 0 || odd.length * 10 > labels.length) return null;
  return [...numericOrder(labels.filter((l) => rangeKey(l) !== null))!, ...odd.sort(byCount(counts))];
}

/** A height in feet and inches ("5'4\"", "5 ft 4 in", "Under 5 ft.", "6'6\" and above"), in inches. */
const HEIGHT = /^(under|below|less than|over|above|more than)?\s*(\d)\s*(?:'|ft|feet|foot)\.?\s*(?:(\d{1,2})\s*(?:"|''|\u201d|\u2033|in|inches)?\.?)?\s*(and (?:above|over|taller|up)|or (?:more|taller|above|over|less|shorter|under|below))?$/;

function heightKey(s: string): number | null {
  const m = HEIGHT.exec(s);
  if (!m || Number(m[3] ?? 0) > 11) return null;
  const v = Number(m[2]) * 12 + Number(m[3] ?? 0);
  if (/^(under|below|less)/.test(m[1] ?? '') || /(less|shorter|under|below)$/.test(m[4] ?? '')) return v - 0.5;
  if (m[1] !== undefined || m[4] !== undefined) return v + 0.5;
  return v;
}

export function rangeKey(label: string): number | null {
  if (label.length > MAX_SCALE_LABEL) return null;
  const s = norm(label);
  // "None" beside counts ("None", "1-2", "3 or more") is zero of them.
  if (s === 'none') return 0;
  const height = heightKey(s);
  if (height !== null) return height;
  const m = /^(<|>|≤|≥|<=|>=|under|over|below|above|less than|more than|up to)?\s*[$€£]?\s*(-?\d[\d,]*(?:\.\d+)?)\s*(k|m)?\s*(.*)$/.exec(s);
  if (!m) return null;
  const rest = m[4] ?? '';
  // What may follow the first number: nothing, a range, a plus, or words that say "and more/less".
  if (!/^(\+|%|years?( old)?|yrs|hours?|days?|times?|(-|–|to)\s*[$€£]?\s*\d[\d,]*(\.\d+)?\s*(k|m)?\s*(years?( old)?|%)?|(and|or) (above|over|more|older|up|higher|less|under|below|younger))?$/.test(rest)) {
    return null;
  }
  let v = Number((m[2] ?? '').replace(/,/g, ''));
  if (m[3] === 'k') v *= 1e3;
  if (m[3] === 'm') v *= 1e6;
  const prefix = m[1] ?? '';
  if (/^(<|≤|<=|under|below|less than|up to)$/.test(prefix) || /(less|under|below|younger)$/.test(rest)) v -= 0.5;
  if (/^(>|≥|>=|over|above|more than)$/.test(prefix) || /^\+|(above|over|more|older|up|higher)$/.test(rest)) v += 0.5;
  return v;
}
