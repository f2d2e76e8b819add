/**
 * Contact details typed into answers that are not personal-data columns: "email me at
 * jo@example.com", "call 020 7946 0958", "from 203.0.113.7" in free text or in an "Other
 * (please specify)" answer. Columns that hold such details are withheld whole (codebook/pii.ts);
 * these are the ones that slip through inside other answers. Every output masks them:
 * tables, charts, reports, workbooks, `init` specs, `clean` data, rejects and error messages.
 *
 * A name cannot be told from other words in general; it is masked where the respondent
 * gives it as one: after "my name is", "name:", "call me", and as a sign-off after a comma or
 * a dash ("Thanks, Ana Lee"). Other names typed inside answers are not masked.
 */
import type { AnalysisResult, Table } from '../spec/result.js';

export const MASK = { email: '[e-mail]', phone: '[phone]', ip: '[IP address]', name: '[name]' } as const;

const EMAIL = /[^\s@<>()[\]{}"',;:|\\]+@[^\s@<>()[\]{}"',;:|\\]+\.[a-z]{2,}(?![a-z])/gi;
const IPV4 = /(?<![\d.])(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)(?![\d.])/g;
/** Candidates only: checked by `isIpv6` (times such as 10:31:41 look alike). */
const IPV6 = /(?<![\w:.])[0-9a-f]{0,4}(?::[0-9a-f]{0,4}){2,7}(?![\w:])/gi;
/** Candidates only: checked by `isPhone` (dates, years and amounts look alike). */
const PHONE = /(?<![\w+])\+?\(?\d[\d\s().\-/]{5,22}\d(?![\w])/g;
const DATE_LIKE = /^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}(?:\s+\d{1,2})?$/;

/** Up to three words that may be a name (letters, apostrophes, hyphens, initials' dots). */
const WORDS = String.raw`([\p{L}][\p{L}'’.-]*(?:[ \t]+[\p{L}][\p{L}'’.-]*){0,2})`;
/** "my name is Ana Lee", "Name: Ana", "call me Ana": the words after the cue. */
const NAME_GIVEN = new RegExp(String.raw`\b(my\s+name\s+is|my\s+name's|my\s+name\s*:|name\s*:|call\s+me)[ \t]+` + WORDS, 'giu');
/** A sign-off ending the answer: "Thanks, Ana", "Regards,\nAna Lee", "Cheers - Ana." */
const SIGNED = new RegExp(String.raw`\b(kind\s+regards|best\s+regards|regards|many\s+thanks|thanks|thank\s+you|cheers|best|sincerely|yours)\s*[,–—-]\s*` + WORDS + String.raw`\s*[.!]*\s*$`, 'iu');
const NAME_CUE = /name|call me|regards|thank|cheers|best|sincerely|yours/i;

/** Words that end a name typed in lower case ("my name is ana and i ..."). */
const NOT_NAMES = new Set(['and', 'but', 'or', 'i', "i'm", 'im', 'from', 'in', 'at', 'of', 'the', 'a', 'an', 'so', 'with', 'here', 'by', 'on', 'for', 'to', 'is', 'was', 'not']);

/**
 * `cue` then `words`, with the name in `words` masked: its leading capitalised words, or after
 * "my name is" its words whatever their case up to one such as "and" ("call me at 9",
 * "Thanks, keep it up" are left alone). A full stop after the name stays; an initial's dot
 * goes with it.
 */
function maskLeadingName(match: string, cue: string, words: string): string {
  const anyCase = /^my\s+name/i.test(cue);
  const parts = words.split(/([ \t]+)/);
  let k = 0;
  while (k < parts.length && (anyCase ? !NOT_NAMES.has(parts[k]!.toLowerCase()) : /^\p{Lu}/u.test(parts[k]!))) k += 2;
  if (k === 0) return match;
  const name = parts.slice(0, k - 1).join('');
  const stop = name.endsWith('.') && !/(?:^|\s)\p{L}\.$/u.test(name) ? '.' : '';
  const at = match.indexOf(words, cue.length);
  return `${match.slice(0, at)}${MASK.name}${stop}${parts.slice(k - 1).join('')}${match.slice(at + words.length)}`;
}

function maskNames(text: string): string {
  if (!NAME_CUE.test(text)) return text;
  return text.replace(NAME_GIVEN, maskLeadingName).replace(SIGNED, maskLeadingName);
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
function isIpv6(s: string): boolean {
  const groups = s.split(':');
  if (s.includes('::')) return groups.length >= 3 && s.replace(/:/g, '').length >= 4;
  return groups.length === 8 && groups.every((g) => g.length > 0);
}

function isPhone(s: string): boolean {
  const digits = s.replace(/\D/g, '').length;
  if (digits < 9 || digits > 15 || DATE_LIKE.test(s)) return false;
  // 10+ digits are a number to call however written; 9 need spaces, dashes, brackets or dots
  // between groups ("020.7946.095"), not one decimal point (an amount such as 1234567.89).
  return digits >= 10 || /[\s()\-/]/.test(s) || (s.match(/\./g)?.length ?? 0) >= 2;
}

/** The text with e-mail addresses, IP addresses, phone numbers and names given as such replaced by [e-mail], [IP address], [phone], [name]. */
export function maskContacts(text: string): string {
  text = maskNames(text);
  if (!mayHold(text)) return text;
  return text
    .replace(EMAIL, MASK.email)
    .replace(IPV4, MASK.ip)
    .replace(IPV6, (m) => (isIpv6(m) ? MASK.ip : m))
    .replace(PHONE, (m) => (isPhone(m.trim()) ? MASK.phone : m));
}

/** Whether the text holds a contact detail that `maskContacts` would mask. */
export function holdsContacts(text: string): boolean {
  return maskContacts(text) !== text;
}

const maskAll = (xs: readonly string[]): string[] => xs.map(maskContacts);

/** A table with every answer label masked (question texts, written by the survey's author, are kept). */
export function maskTable<T extends Table>(t: T): T {
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
  };
}
