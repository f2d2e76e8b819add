/**
 * Contact details typed into answers that are not personal-data columns: "email me at
 * jo@example.com", "call 020 7946 0958", "from 203.0.113.7" in free text or in an "Other
 * (please specify)" answer. Columns that hold such details are withheld whole (codebook/pii.ts);
 * these are the ones that slip through inside other answers. Every output masks them:
 * tables, charts, reports, workbooks, `init` specs, `clean` data, rejects and error messages.
 *
 * A name cannot be told from other words in general; it is masked where the respondent
 * gives it as one: after "my name is", after "Name:" opening the answer or a sentence, and as a
 * sign-off ending the answer after a comma ("Thanks, Ana Lee", "Thanks, Ana Lee, PhD"). Other names typed inside
 * answers are not masked.
 */
import type { AnalysisResult, Table } from '../spec/result.js';

export const MASK = { email: '[e-mail]', phone: '[phone]', ip: '[IP address]', name: '[name]' } as const;

/** Local part and domain bounded as RFC 5321 bounds them, so that a long answer is scanned in linear time. */
const EMAIL = /[^\s@<>()[\]{}"',;:|\\]{1,64}@[^\s@<>()[\]{}"',;:|\\]{1,255}\.[a-z]{2,63}(?![a-z])/gi;
const IPV4 = /(?<![\d.])(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)(?![\d.])/g;
/** Candidates only: checked by `isIpv6` (times such as 10:31:41 look alike). */
const IPV6 = /(?<![\w:.])[0-9a-f]{0,4}(?::[0-9a-f]{0,4}){2,7}(?![\w:])/gi;
/** Candidates only: checked by `isPhone` (dates, years and amounts look alike). */
const PHONE = /(?<![\w+])\+?\(?\d[\d\s().\-/]{5,22}\d(?![\w])/g;
const DATE_LIKE = /^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}(?:\s+\d{1,2})?$/;

/**
 * A word that may be part of a name: a letter, then letters, marks, apostrophes and hyphens,
 * bounded so that no pattern here backtracks far, maybe a dot. Which words are the name is
 * `maskName`'s call (case, particles such as "de", "van").
 */
const WORD = String.raw`\p{L}[\p{L}\p{M}'’-]{0,30}\.?`;
/** Up to five words, ending where a name can end (not "N" of "N/A"). */
const WORDS = String.raw`(${WORD}(?:[ \t]+${WORD}){0,4})(?=$|[\s,;:!?)])`;
/** "my name is Ana Lee" anywhere; "Name: Ana" opening the answer, a line or a sentence ("Company name: Acme" is not one). */
const NAME_GIVEN = new RegExp(String.raw`(\bmy[ \t]+name(?:[ \t]+is|'s|’s)?[ \t]*:?|(?:^|[\n.;!?][ \t]*)(?:(?:my|full|your)[ \t]+)?name[ \t]*:)[ \t]*` + WORDS, 'giu');
/**
 * A sign-off ending the answer: after a comma or a line break ("Thanks, Ana", "Regards,\nAna
 * Lee", "Thanks!\n- Ana"), or after a dash when a sentence came before it ("Great app. Cheers -
 * Kofi"). Not after "no" ("No thanks, Maybe Later" is an answer), and not a label's dash
 * ("Thank You - Extremely Likely").
 */
const CUES = String.raw`(?:kind[ \t]+regards|best[ \t]+regards|warm[ \t]+regards|best[ \t]+wishes|regards|many[ \t]+thanks|thanks|thank[ \t]+you|cheers|sincerely)`;
/** A degree or suffix after a signed name, kept: "Thanks, Ana Lee, PhD". */
const SUFFIX = String.raw`(?:[ \t]*,[ \t]*(?:ph\.?[ \t]?d\.?|m\.?d\.?|mba|msc|bsc|m\.?a\.?|b\.?a\.?|rn|cpa|esq\.?|jr\.?|sr\.?|ii|iii|iv))?`;
const SIGNED = new RegExp(
  String.raw`((?<!\bno[ \t,]*)\b${CUES}[!.]?[ \t]*(?:,[ \t]*\n?|\n[ \t]*[-–—]?)|(?<=[.!?][ \t]*)\b${CUES}[ \t]*[-–—])[ \t]*` + WORDS + SUFFIX + String.raw`[ \t]*[.!]*[ \t]*$`,
  'iu',
);
/** A sign-off is looked for in the answer's last characters only. */
const SIGN_OFF_CHARS = 120;
const NAME_CUE = /name|regards|wishes|thank|cheers|sincerely/i;

/** Words that end a name typed in lower case ("my name is ana and i ..."). */
const NOT_NAMES = new Set(['and', 'but', 'or', 'i', "i'm", 'im', 'from', 'in', 'at', 'of', 'the', 'a', 'an', 'so', 'with', 'here', 'by', 'on', 'for', 'to', 'is', 'was', 'not', 'n/a', 'none', 'thanks', 'thank', 'please']);
/** Lower-case words inside names. */
const PARTICLES = new Set(['de', 'del', 'della', 'der', 'den', 'di', 'da', 'dos', 'das', 'do', 'du', 'la', 'le', 'van', 'von', 'ter', 'ten', 'bin', 'binti', 'ibn', 'al', 'el', 'y']);
const TITLES = new Set(['dr.', 'mr.', 'mrs.', 'ms.', 'prof.']);
/** A capital letter, or a letter of a script without case. */
const NAME_START = /^[\p{Lu}\p{Lt}\p{Lo}]/u;

/**
 * `cue` then `words`, with the name in `words` masked. A name given ("my name is", "Name:"):
 * its words whatever their case, up to one such as "and". A sign-off: its capitalised words
 * and the particles between them, only when they run to the end ("Thanks, Great job!" is not
 * signed). A word ending a sentence ("Ana. We...") ends the name; its full stop stays, while
 * an initial's or a title's goes with the name.
 */
function maskName(match: string, cue: string, words: string, signOff: boolean): string {
  const parts = words.split(/([ \t]+)/);
  let k = 0;
  while (k < parts.length) {
    const w = parts[k]!;
    const lower = w.toLowerCase();
    const inName = signOff ? NAME_START.test(w) || (k > 0 && k + 2 < parts.length && PARTICLES.has(lower)) : !NOT_NAMES.has(lower);
    if (!inName) break;
    k += 2;
    if (w.endsWith('.') && w.length > 2 && !TITLES.has(lower)) break;
  }
  // A trailing particle is not part of the name ("Ana de" + lower-case text).
  while (k > 2 && PARTICLES.has(parts[k - 2]!.toLowerCase())) k -= 2;
  if (k === 0 || (signOff && k < parts.length)) return match;
  const name = parts.slice(0, k - 1).join('');
  const stop = name.endsWith('.') && !/(?:^|\s)\p{L}\.$/u.test(name) && !TITLES.has(name.toLowerCase()) ? '.' : '';
  const at = match.indexOf(words, cue.length);
  return `${match.slice(0, at)}${MASK.name}${stop}${parts.slice(k - 1).join('')}${match.slice(at + words.length)}`;
}

function maskNames(text: string): string {
  if (!NAME_CUE.test(text)) return text;
  const given = text.replace(NAME_GIVEN, (m, cue: string, words: string) => maskName(m, cue, words, false));
  const cut = Math.max(0, given.length - SIGN_OFF_CHARS);
  const tail = given.slice(cut).replace(SIGNED, (m, cue: string, words: string) => maskName(m, cue, words, true));
  return cut === 0 ? tail : given.slice(0, cut) + tail;
}

/** Cheap test first: most answers have no @, no colon and fewer than four digits. */
function mayHold(s: string): boolean {
  if (s.includes('@') || s.includes(':')) return true;
  let digits = 0;
  for (let i = 0; i < s.length && digits < 4; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
  }
  return digits >= 4;
}

/** Full form (8 groups), or shortened with :: and at least 4 hex digits ("2001:db8::1", not "a::b"). */
export function isIpv6(s: string): boolean {
  const groups = s.split(':');
  if (s.includes('::')) return groups.length >= 3 && s.replace(/:/g, '').length >= 4;
  return groups.length === 8 && groups.every((g) => g.length > 0);
}

function isPhone(s: string): boolean {
  const digits = s.replace(/\D/g, '').length;
  if (digits < 9 || digits > 15 || DATE_LIKE.test(s) || isNumberRange(s)) return false;
  // 10+ digits are a number to call however written; 9 need spaces, dashes, brackets or dots
  // between groups ("020.7946.095"), not one decimal point (an amount such as 1234567.89).
  return digits >= 10 || /[\s()\-/]/.test(s) || (s.match(/\./g)?.length ?? 0) >= 2;
}

/**
 * A band of amounts ("100000-149999", "$25,000 - $49,999"): from a round number (…000 or …001)
 * up to the next (…999 or …000). A phone number's groups almost never both fall so.
 */
function isNumberRange(s: string): boolean {
  const m = /^\$?\s*(\d[\d,]*)\s*[-\u2013]\s*\$?\s*(\d[\d,]*)$/.exec(s.trim());
  if (!m || m[1]!.startsWith('0')) return false;
  const [a, b] = [Number(m[1]!.replace(/,/g, '')), Number(m[2]!.replace(/,/g, ''))];
  return a < b && (a % 1000 === 0 || a % 1000 === 1) && (b % 1000 === 0 || b % 1000 === 999);
}

/** The text with e-mail addresses, IP addresses, phone numbers and names given as such replaced by [e-mail], [IP address], [phone], [name]. */
export function maskContacts(text: string): string {
  text = maskNames(text);
  if (!mayHold(text)) return text;
  return (text.includes('@') ? text.replace(EMAIL, MASK.email) : text)
    .replace(IPV4, MASK.ip)
    .replace(IPV6, (m) => (isIpv6(m) ? MASK.ip : m))
    .replace(PHONE, (m) => (isPhone(m.trim()) ? MASK.phone : m));
}

/** Whether the text holds a contact detail that `maskContacts` would mask. */
export function holdsContacts(text: string): boolean {
  return maskContacts(text) !== text;
}

const maskAll = (xs: readonly string[]): string[] => xs.map(maskContacts);

/** A table with every answer label masked (question texts, written by the survey's author, are kept), and its filter, which may quote one. */
export function maskTable<T extends Table>(t: T): T {
  return t.filter === undefined ? maskLabels(t) : { ...maskLabels(t), filter: maskContacts(t.filter) };
}

function maskLabels<T extends Table>(t: T): T {
  switch (t.kind) {
    case 'frequency':
      return { ...t, rows: t.rows.map((r) => ({ ...r, label: maskContacts(r.label), ...(r.members ? { members: maskAll(r.members) } : {}) })) };
    case 'crosstab':
      return { ...t, rowLabels: maskAll(t.rowLabels), columnLabels: maskAll(t.columnLabels) };
    case 'banner':
      return { ...t, columns: t.columns.map((c) => ({ ...c, label: maskContacts(c.label) })), sections: t.sections.map((s) => ({ ...s, rowLabels: maskAll(s.rowLabels) })) };
    case 'numeric':
    case 'text':
      return t;
  }
}

/** The result as every output shows it: answer labels, options and messages masked. */
export function maskResult<R extends AnalysisResult>(result: R): R {
  return {
    ...result,
    questions: result.questions.map((q) => ({ ...q, options: maskAll(q.options) })),
    tables: result.tables.map(maskTable),
    diagnostics: result.diagnostics.map((d) => ({ ...d, message: maskContacts(d.message) })),
    // A rule's name or --where may quote a personal detail (`email == "jo@example.com"`).
    ...(result.funnel ? { funnel: result.funnel.map((s) => ({ ...s, rule: maskContacts(s.rule) })) } : {}),
  };
}
