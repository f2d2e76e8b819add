/**
 * Scales recognised by the shape of their labels rather than from a list: a word graded by
 * intensity ("Extremely comfortable" .. "Not at all comfortable", "Very likely" .. "Very
 * unlikely"), how often something happens ("Every day" .. "Once a year or less", "Never") and
 * how many times ("Once", "Twice", "Three times", "More than five times").
 * Each returns a rank per label (lower first), or null when any label does not fit or two
 * labels would share a rank. Labels come normalised (scales.ts `norm`).
 */

/** Grading words, strongest first: ranks 0-4 grade a word, 5-7 deny it. */
const GRADES: readonly (readonly [string, number])[] = ([
  ['extremely', 0], ['completely', 0], ['totally', 0], ['very', 1], ['highly', 1], ['quite', 2], ['pretty', 2], ['moderately', 2.5], ['fairly', 3], ['somewhat', 3],
  ['slightly', 4], ['a little', 4], ['a bit', 4], ['not very', 5], ['not so', 5], ['not too', 5], ['not particularly', 5], ['not that', 5],
  ['not at all', 7], ['not', 6],
] as const).slice().sort((a, b) => b[0].length - a[0].length);
/** A word with no grading word ranks between "very" and "somewhat" ("Very important", "Important", "Somewhat important"). */
const BARE = 2;
const NEUTRAL = 10;
/** A word's opposite by prefix: "unlikely", "dissatisfied", "uncomfortable", "inappropriate". */
const NEGATION = /^(un|dis|in|im|ir|il)/;

interface Graded {
  rank: number;
  word: string;
}

function graded(label: string): Graded | 'neutral' {
  // "Yes, very rude" / "No, not at all rude": the yes or no only repeats the grade.
  const s = label.replace(/^(yes|no),\s*/, '');
  if (s === 'neutral' || /^neither .+ nor .+$/.test(s)) return 'neutral';
  // "Not rude at all" is "not at all rude".
  const atAll = /^not (.+) at all$/.exec(s);
  if (atAll) return { rank: 7, word: atAll[1]! };
  for (const [g, rank] of GRADES) if (s.startsWith(`${g} `)) return { rank, word: s.slice(g.length + 1) };
  return { rank: BARE, word: s };
}

/** The same word spelled alike or nearly ("comfortable", "comfortably"). */
function sameWord(a: string, b: string): boolean {
  if (a === b) return true;
  let k = 0;
  while (k < a.length && k < b.length && a[k] === b[k]) k++;
  return k >= 5 && k >= Math.max(a.length, b.length) - 2;
}

/**
 * Ranks of labels that grade one word of at most three words: its positive side strongest
 * first, then "neither ... nor ..." or "neutral", then its opposite weakest first ("Somewhat
 * unlikely", "Very unlikely"). At least two labels must carry a grading word: "Hispanic" and
 * "Not Hispanic", or a band's "Stoopid" and "Slightly Stoopid", have no order to take.
 */
export function intensityRanks(labels: readonly string[]): number[] | null {
  const parsed = labels.map(graded);
  const words = parsed.flatMap((p) => (p !== 'neutral' ? [p.word] : []));
  if (words.length < 2 || parsed.filter((p) => p !== 'neutral' && p.rank !== BARE).length < 2) return null;
  if (words.some((w) => w === '' || w.split(' ').length > 3)) return null;
  const base = words.reduce((a, b) => (b.length < a.length ? b : a));
  const ranks: number[] = [];
  let opposite = false;
  let denied = false;
  for (const p of parsed) {
    if (p === 'neutral') {
      ranks.push(NEUTRAL);
      continue;
    }
    if (sameWord(p.word, base)) {
      ranks.push(p.rank);
      denied ||= p.rank > 4;
    } else {
      const m = NEGATION.exec(p.word);
      if (!m || !sameWord(p.word.slice(m[0].length), base) || p.rank > 4) return null;
      opposite = true;
      ranks.push(2 * NEUTRAL + (4 - p.rank));
    }
  }
  // "Not very likely" beside "Very unlikely" grades two ways at once: no order is certain.
  if ((opposite && denied) || (!opposite && ranks.includes(NEUTRAL))) return null;
  return new Set(ranks).size === ranks.length ? ranks : null;
}

const PER_YEAR: Record<string, number> = { hour: 8760, day: 365, night: 365, week: 52, fortnight: 26, month: 12, quarter: 4, year: 1 };
// A Map, not an object: a label such as "Constructor" must not find a property of Object.
const ADVERB = new Map(Object.entries({ hourly: 'hour', daily: 'day', nightly: 'night', weekly: 'week', fortnightly: 'fortnight', monthly: 'month', quarterly: 'quarter', yearly: 'year', annually: 'year' }));
const TIMES: Record<string, number> = {
  once: 1, twice: 2, 'once or twice': 1.5, 'a couple of times': 2, 'a couple times': 2, 'a few times': 3, 'several times': 4, 'multiple times': 4, 'many times': 6,
  'more than once': 1.5,
};
const DIGITS: Record<string, string> = { one: '1', two: '2', three: '3', four: '4', five: '5', six: '6', seven: '7', eight: '8', nine: '9', ten: '10', twelve: '12' };
/** "Every other day", "Once every two weeks", "Every few months": one time in so many units. */
const EVERY_N: Record<string, number> = { other: 2, few: 3, 'couple of': 2, several: 4 };
const UNIT = '(hour|day|night|week|fortnight|month|quarter|year)';
const NUMBER = `(?:${Object.keys(TIMES).join('|')}|\\d+(?:\\s*(?:-|to|or)\\s*\\d+)?)`;
const RATE = new RegExp(`^(${NUMBER})(?: times?)? (?:a|an|per|each|every) ${UNIT}$`);
const EVERY = new RegExp(`^(?:once )?(?:every|each|a|an|per) (?:(${Object.keys(EVERY_N).join('|')}|\\d+) )?${UNIT}s?$`);
const SHADE = 1e-3;

/** How many times a year a label means, or null. */
function perYear(label: string): number | null {
  let s = label
    .replace(/[\u2013\u2014]/g, '-')
    .replace(/\b(one|two|three|four|five|six|seven|eight|nine|ten|twelve)\b/g, (w) => DIGITS[w]!)
    .replace(/^(about|around|roughly|approximately|usually) /, '');
  if (s === 'never') return 0;
  // Less often than every answer before it, more often than never.
  if (s === 'less often' || s === 'less frequently') return SHADE;
  let scale = 1;
  // "Once a month or less", "Weekly or more", "Less than once a year", "At least once a week", "5 or more times a week".
  let m = /^(.+?),? or (less|more)(?: often)?$/.exec(s);
  if (m) [s, scale] = [m[1]!, m[2] === 'less' ? 1 - SHADE : 1 + SHADE];
  else if ((m = /^(less|more) (?:often )?than (.+)$/.exec(s))) [s, scale] = [m[2]!, m[1] === 'less' ? 1 - 2 * SHADE : 1 + 2 * SHADE];
  else if ((m = /^at least (.+)$/.exec(s))) [s, scale] = [m[1]!, 1 + SHADE];
  else if ((m = /^(\S+)(?:\+| or more) (times? .+)$/.exec(s))) [s, scale] = [`${m[1]} ${m[2]}`, 1 + SHADE];
  else if ((m = /^(?:almost|nearly) (every .+)$/.exec(s))) [s, scale] = [m[1]!, 0.8];
  let rate: number | null = null;
  const adverb = ADVERB.get(s);
  if (adverb !== undefined) rate = PER_YEAR[adverb]!;
  else if ((m = EVERY.exec(s))) {
    const n = m[1];
    rate = PER_YEAR[m[2]!]! / (n === undefined ? 1 : (EVERY_N[n] ?? Number(n)));
  } else if ((m = RATE.exec(s))) {
    const n = m[1]!;
    const range = /^(\d+)\s*(?:-|to|or)\s*(\d+)$/.exec(n);
    const times = TIMES[n] ?? (range ? (Number(range[1]) + Number(range[2])) / 2 : Number(n));
    rate = times * PER_YEAR[m[2]!]!;
  }
  return rate === null ? null : rate * scale;
}

/** Ranks of how-often labels, most often first ("Every day" .. "Never"). */
export function rateRanks(labels: readonly string[]): number[] | null {
  const rates = labels.map(perYear);
  if (rates.includes(null)) return null;
  return new Set(rates).size === rates.length ? rates.map((r) => -r!) : null;
}

/** How many times a label means ("Once", "Twice", "Three times", "More than five times", "Never"), or null. */
function times(label: string): number | null {
  const s = label
    .replace(/[\u2013\u2014]/g, '-')
    .replace(/\b(one|two|three|four|five|six|seven|eight|nine|ten|twelve)\b/g, (w) => DIGITS[w]!)
    // "More than five times times", as one export spells it.
    .replace(/ times times$/, ' times');
  if (/^(never|none|not once|0 times|zero times)$/.test(s)) return 0;
  const word = TIMES[s];
  if (word !== undefined) return word;
  let m = /^(more than|over|less than|fewer than|under) (\d+) times?$/.exec(s);
  if (m) return Number(m[2]) + (/^(more|over)/.test(m[1]!) ? 0.5 : -0.5);
  if ((m = /^(\d+)(?:\+| or more) times?$/.exec(s))) return Number(m[1]) + 0.5;
  if ((m = /^(\d+)\s*(?:-|to)\s*(\d+) times?$/.exec(s))) return (Number(m[1]) + Number(m[2])) / 2;
  if ((m = /^(\d+) times?$/.exec(s))) return Number(m[1]);
  return null;
}

/**
 * Ranks of counts, fewest first ("Once", "Twice", "Three times", "More than five times"). One
 * answer that is not a count beside at least three that are ("It is not okay to get up during
 * a flight") goes last.
 */
export function countRanks(labels: readonly string[]): number[] | null {
  const counts = labels.map(times);
  const odd = counts.filter((c) => c === null).length;
  if (odd > 1 || (odd === 1 && counts.length - odd < 3)) return null;
  // At least two counts said in words or digits with "times": "Never" and "None" alone are no scale.
  if (counts.filter((c) => c !== null && c > 0).length < 2) return null;
  const ranks = counts.map((c) => c ?? Infinity);
  return new Set(ranks).size === ranks.length ? ranks : null;
}

const DAYS: Record<string, number> = { day: 1, week: 7, month: 30.44, year: 365.25 };
const SPAN = '(\\d+|a|an)(?:\\s*(?:-|to)\\s*(\\d+))? (day|week|month|year)s?\\b';

/** How long after the start a label means, in days ("Within the first 1-5 years", "After 20 years", "Immediately"), or null. */
function elapsed(label: string): number | null {
  const s = label.replace(/[\u2013\u2014]/g, '-').replace(/\b(one|two|three|four|five|six|seven|eight|nine|ten|twelve)\b/g, (w) => DIGITS[w]!);
  if (/^(immediately|right away|straight away|from the (start|beginning|outset))\b/.test(s)) return 0;
  const m = new RegExp(`^(within|in|after|less than|under|more than|over)(?: the first)? ${SPAN}`).exec(s);
  if (!m) return null;
  const n = (x: string) => (x === 'a' || x === 'an' ? 1 : Number(x));
  const days = n(m[3] ?? m[2]!) * DAYS[m[4]!]!;
  if (m[3] !== undefined && m[1] !== 'within' && m[1] !== 'in') return null;
  // "Within a year" ends where "After a year" begins; "Less than a year" just before.
  return /^(after|more than|over)$/.test(m[1]!) ? days + 0.5 : /^(less than|under)$/.test(m[1]!) ? days - 0.5 : days;
}

/** Ranks of time-line answers, soonest first ("Immediately", "Within the first 1-5 years", "After 20 years"). */
export function elapsedRanks(labels: readonly string[]): number[] | null {
  const days = labels.map(elapsed);
  if (days.includes(null) || days.filter((d) => d! > 0).length < 2) return null;
  return new Set(days).size === days.length ? (days as number[]) : null;
}
