/**
 * Recognises columns holding respondents' personal data, by header and by content.
 * Such columns are withheld: never tabulated, printed, charted or written.
 */
import type { PiiKind } from '../spec/codebook.js';
import { isIpv6 } from '../privacy/mask.js';
import { parseDateTime } from './values.js';

interface HeaderRule {
  kind: PiiKind;
  pattern: RegExp;
}

const HEADER_RULES: HeaderRule[] = [
  { kind: 'email', pattern: /\be-?mail\b|^email ?address$|recipientemail/i },
  { kind: 'phone', pattern: /\b(phone|mobile|cell ?phone|telephone|whatsapp number|contact number)\b/i },
  { kind: 'ip', pattern: /^ip ?(address)?$|\bip address\b|^ip_?addr(ess)?$/i },
  {
    kind: 'name',
    // As a label ("First name"), as a question ("What's your first name?", "Please enter your full
    // name", "What should we call you?", "Who should we contact? (name)"), and in the languages
    // forms are most often written in (Nome, Vorname, Nombre, Prénom...).
    pattern:
      /^(first|last|full|given|family|sur|your|respondent'?s?|recipient ?(first|last)?|student'?s?|contact|child'?s?|participant'?s?)? ?name( and (sur|last |family )?name)?\s*(\(optional\)|[:*])?$|^(your|full) name\b|recipient(first|last)name|\byour (full |first |last |given |family |preferred |legal |nick)?(sur)?name\s*(\?|:|\(|,|and\b|$)|\bwhat (should|can|may|do) we call you\b|\(\s*(full |first |last )?name\s*\)|^(nome( completo)?|cognome|vorname|nachname|nombre( completo)?|apellidos?|pr[ée]nom|nom( complet| de famille)?|naam|voornaam|achternaam|imi[eę]|nazwisko|姓名|氏名|名前|имя|фамилия)\s*[:*]?$/i,
  },
  {
    kind: 'id',
    // Typeform's "#" and Network ID, LimeSurvey's token and refurl, national numbers, social handles.
    pattern:
      /^(respondent|collector|response|recipient|participant|panel(ist)?|user|submission|network|external ?(data )?ref(erence)?|worker|assignment|hit|session|panel ?member|prolific)[ _-]?id$|^prolific[ _-]?pid$|^(psid|rid|uid|pid)$|^custom ?data( ?\d+)?$|^responseid$|^_?(uu)?id$|^#$|^external ?(data ?)?reference$|^(participant |access )?token$|^access ?code$|^ref(errer|errer url| ?url)$|^user ?name$|\b(social security|national insurance|passport|driver'?s? licen[cs]e|tax (id|file)) (number|no\.?)$|^(ssn|nino)$|\b(twitter|instagram|linkedin|facebook|tiktok) (handle|username|profile url)$/i,
  },
  { kind: 'address', pattern: /^(home |street |postal |mailing )?address( line)?( ?\d)?$|\bzip ?code\b|^zip$|\bpostal ?code\b|\bpostcode\b|latitude|longitude/i },
];

export function piiFromHeader(name: string, question: string): { kind: PiiKind; reason: string } | null {
  for (const rule of HEADER_RULES) {
    for (const text of [name, question]) {
      if (text && rule.pattern.test(text)) return { kind: rule.kind, reason: `header "${truncate(text)}" names ${describe(rule.kind)}` };
    }
  }
  return null;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[a-z]{2,}$/i;
const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;
const IPV6 = /^[0-9a-f]{0,4}(:[0-9a-f]{0,4}){2,7}$/i;
const PHONE = /^\+?[\d\s().-]{7,20}$/;

/** Answers picked from a list, though capitalised like a name. */
const CHOICE_WORDS = /^(yes|no|maybe|sometimes|never|always|often|rarely|other|none|both|neither|unsure|not sure|don'?t know|prefer not to say|n\/a|agree|disagree|neutral|true|false)$/i;
/** One to three capitalised words: "Ana", "Patricia Khan". */
const NAME_SHAPED = /^\p{Lu}[\p{L}'’-]*(\s+\p{Lu}[\p{L}'’-]*){0,2}$/u;

/**
 * Tokens no two respondents share (a panel's PROLIFIC_PID, an MTurk worker id, "cust-900000"):
 * every answer seen once, at least 20 of them, each one word of letters and digits.
 */
export function looksLikeIds(counts: ReadonlyMap<string, number>): boolean {
  if (counts.size < 20) return false;
  // Timestamps to the second are as unique, and hold letters too (2023-01-15T09:00:33Z, 01-Jan-2023).
  for (const [v, c] of counts) if (c !== 1 || !ID_TOKEN.test(v) || !/[A-Za-z]/.test(v) || !/\d/.test(v) || !Number.isNaN(parseDateTime(v))) return false;
  return true;
}
const ID_TOKEN = /^[A-Za-z0-9][A-Za-z0-9_.-]{5,63}$/;

/** Classifies by what the cells hold: most answers look like e-mails, IPs or phone numbers. */
export function piiFromValues(values: readonly string[]): { kind: PiiKind; reason: string } | null {
  if (values.length === 0) return null;
  const share = (test: (v: string) => boolean) => values.filter(test).length / values.length;
  if (share((v) => EMAIL.test(v)) >= 0.5) return { kind: 'email', reason: 'most answers are e-mail addresses' };
  // A time of day (10:31:41) has the shape of an IPv6 address, but not its groups.
  if (share((v) => IPV4.test(v)) >= 0.8 || share((v) => IPV6.test(v) && isIpv6(v)) >= 0.8) return { kind: 'ip', reason: 'most answers are IP addresses' };
  const phoneLike = values.filter((v) => PHONE.test(v) && !/^[+-]?\d*\.\d+$/.test(v) && digits(v) >= 9 && (/[\s()+.-]/.test(v) || digits(v) >= 10)).length;
  if (phoneLike / values.length >= 0.8) return { kind: 'phone', reason: 'most answers are phone numbers' };
  return null;
}

/**
 * A header naming e-mail or phones can be a question *about* them ("Do you have a
 * mobile phone?", "How often do you check your email?"): answered with a few
 * choices, each given at least twice on average, none of them a contact detail.
 * Such a column is not personal data. One answer that looks like an address or a
 * number is enough to keep the column withheld, so "N/A" and a few numbers never leak.
 */
export function isQuestionAboutContact(kind: PiiKind, counts: ReadonlyMap<string, number>): boolean {
  let answers = 0;
  for (const c of counts.values()) answers += c;
  // "Can we publish your name?" (Yes/No, "Not married"): a few choices given again and again, none shaped like a name.
  if (kind === 'name') return answers >= 5 && counts.size <= 6 && counts.size * 3 <= answers && [...counts.keys()].every((v) => CHOICE_WORDS.test(v.trim()) || !NAME_SHAPED.test(v.trim()));
  if (kind !== 'email' && kind !== 'phone') return false;
  if (answers < 5 || counts.size * 2 > answers) return false;
  for (const v of counts.keys()) if (v.includes('@') || /\d{4}/.test(v) || piiFromValues([v]) !== null) return false;
  return true;
}

function digits(s: string): number {
  let n = 0;
  for (const c of s) if (c >= '0' && c <= '9') n++;
  return n;
}

function describe(kind: PiiKind): string {
  return { email: 'an e-mail address', phone: 'a phone number', ip: 'an IP address', name: 'a personal name', id: 'a respondent identifier', address: 'an address', location: 'a location' }[kind];
}

function truncate(s: string): string {
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}
