/**
 * Looks at the first bytes of a file to choose an encoding and to refuse files
 * that are not text exports at all (spreadsheets, web pages, binaries).
 */
import { isUtf8 } from 'node:buffer';

export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252' | 'macintosh';
export const ENCODINGS: readonly Encoding[] = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1252', 'macintosh'];

export interface Detected {
  encoding: Encoding;
  /** Bytes of byte-order mark to skip. */
  bomLength: number;
  /** Why the encoding was chosen, for the user. */
  reason: string;
}

export type NotText = { kind: 'zip' | 'xls' | 'encrypted' | 'html' | 'binary' | 'pdf'; what: string };

const ENCRYPTED_PACKAGE = Buffer.from('EncryptedPackage', 'utf16le');

/** Recognises files that are not CSV even though they may be named `.csv` (a ZIP is read as an .xlsx workbook). */
export function detectNotText(head: Buffer): NotText | null {
  if (head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) {
    return { kind: 'zip', what: 'a ZIP archive (an Excel .xlsx workbook?)' };
  }
  if (head.length >= 8 && head.readUInt32BE(0) === 0xd0cf11e0) {
    // A password-protected .xlsx is stored in the same container as an old .xls, as its "EncryptedPackage" stream.
    if (head.includes(ENCRYPTED_PACKAGE)) return { kind: 'encrypted', what: 'a password-protected Excel workbook' };
    return { kind: 'xls', what: 'an old Excel .xls workbook' };
  }
  if (head.subarray(0, 5).toString('latin1') === '%PDF-') return { kind: 'pdf', what: 'a PDF document' };
  const start = head.subarray(0, 512).toString('latin1').trimStart().toLowerCase();
  if (start.startsWith('<!doctype html') || start.startsWith('<html') || (start.startsWith('<') && start.includes('<body'))) {
    return { kind: 'html', what: 'an HTML page (a login or error page saved instead of the export?)' };
  }
  return null;
}

/**
 * BOMs decide; otherwise UTF-16 without BOM is recognised by its NUL pattern,
 * valid UTF-8 is UTF-8 and anything else is read as Windows-1252, the encoding
 * Excel and older SurveyMonkey exports use on Western systems.
 * `complete` says whether `head` is the whole file (so a multi-byte character
 * cut at the end of a sample is not mistaken for invalid UTF-8).
 */
export function detectEncoding(head: Buffer, complete: boolean): Detected {
  const bom = byteOrderMark(head);
  if (bom) {
    // A mark its text contradicts (a tool that wrote one and encoded in another): the text
    // decides, read past the mark. Read as the mark says, it was one header of gibberish and
    // "no responses", or "binary data".
    const rest = head.subarray(bom.bomLength);
    if (contradicts(bom.encoding, rest)) {
      const text = detectEncoding(rest, complete);
      return { encoding: text.encoding, bomLength: bom.bomLength + text.bomLength, reason: `${text.reason}, though the file starts with a ${bom.reason} that says otherwise` };
    }
    return bom;
  }
  const utf16 = guessUtf16(head);
  if (utf16) return { encoding: utf16, bomLength: 0, reason: 'UTF-16 without byte-order mark (NUL byte pattern)' };
  const sample = complete ? head : trimPartialUtf8(head);
  if (isUtf8(sample)) return { encoding: 'utf-8', bomLength: 0, reason: 'valid UTF-8' };
  const encoding = singleByteEncoding(sample);
  return { encoding, bomLength: 0, reason: notUtf8Reason(encoding) };
}

function byteOrderMark(head: Buffer): Detected | null {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', bomLength: 3, reason: 'UTF-8 byte-order mark' };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', bomLength: 2, reason: 'UTF-16 LE byte-order mark' };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', bomLength: 2, reason: 'UTF-16 BE byte-order mark' };
  return null;
}

/**
 * Whether the bytes after a byte-order mark are plainly not in its encoding: another mark
 * follows it; UTF-16's NUL pattern after a UTF-8 mark, or the other byte order's after a UTF-16
 * one; or, after a UTF-16 mark, no NUL byte at all and line breaks that UTF-16 does not see (a
 * CSV in UTF-16 holds NULs in its delimiters and line breaks, whatever its script).
 */
function contradicts(bom: Encoding, rest: Buffer): boolean {
  if (rest.length < 8) return false;
  if (byteOrderMark(rest)) return true;
  const pattern = guessUtf16(rest);
  if (bom === 'utf-8') return pattern !== null;
  if (pattern !== null) return pattern !== bom;
  if (rest.subarray(0, 512).includes(0)) return false;
  if (!rest.includes(0x0a) && !rest.includes(0x0d)) return false;
  const text = new TextDecoder(bom).decode(rest.subarray(0, rest.length & ~1));
  return !/[\n\r]/.test(text);
}

export function notUtf8Reason(encoding: Encoding): string {
  return encoding === 'macintosh' ? "not valid UTF-8, read as Mac OS Roman (Excel for Mac's CSV)" : 'not valid UTF-8, read as Windows-1252';
}

/**
 * Bytes that are punctuation in Mac OS Roman (a no-break space, curly quotes, dashes, an
 * ellipsis) and capital letters in Windows-1252: "much\xCA", "you\xD5re" are Mac text, which
 * older Excel for Mac wrote as its "CSV"; no word puts a capital Ê or Õ after a small letter.
 */
const MAC_PUNCTUATION = [0xca, 0xd0, 0xd1, 0xd2, 0xd3, 0xd4, 0xd5, 0xc9, 0xa5];
/**
 * Small accented letters in Mac OS Roman (á à â ä ã å ç é è ê ù ü) that are symbols, capitals or
 * nothing in Windows-1252 (‡ ˆ ‰ Š ‹ Œ Ž Ÿ; 81 8D 8F 90 9D are unassigned): "Montr\x8Eal".
 * Bytes whose Windows-1252 reading fits after a small letter too (” ™ š ž – • ’) tell nothing.
 */
const MAC_LETTERS = [0x87, 0x88, 0x89, 0x8a, 0x8b, 0x8c, 0x8d, 0x8e, 0x8f, 0x90, 0x9d, 0x9f];
const MAC_AFTER_SMALL = new Uint8Array(256);
for (const b of [...MAC_PUNCTUATION, ...MAC_LETTERS]) MAC_AFTER_SMALL[b] = 1;

/**
 * What tells Mac OS Roman from Windows-1252 in bytes that are not UTF-8, counted chunk after
 * chunk: Mac OS Roman's punctuation and small accented letters after small letters, against
 * Windows-1252's small accented letters (E0-FF: "caf\xE9") beside them, which Mac OS Roman
 * reads as capitals and accents.
 */
export class SingleByteEvidence {
  private mac = 0;
  private windows = 0;
  /** The byte before the next chunk's first. */
  private last = 0;
  add(bytes: Uint8Array): this {
    const small = (b: number) => b >= 0x61 && b <= 0x7a;
    for (let i = 0; i < bytes.length; i++) {
      const b = bytes[i]!;
      if (b < 0x80) continue;
      const before = i > 0 ? bytes[i - 1]! : this.last;
      if (MAC_AFTER_SMALL[b] === 1 && small(before)) this.mac++;
      else if (b >= 0xe0 && b !== 0xf7 && (small(before) || (i + 1 < bytes.length && small(bytes[i + 1]!)))) this.windows++;
    }
    if (bytes.length > 0) this.last = bytes[bytes.length - 1]!;
    return this;
  }
  get encoding(): Encoding {
    return this.mac >= 2 && this.mac > 2 * this.windows ? 'macintosh' : 'windows-1252';
  }
}

/** Windows-1252 or Mac OS Roman for bytes that are not UTF-8 (see SingleByteEvidence). */
export function singleByteEncoding(bytes: Uint8Array): Encoding {
  return new SingleByteEvidence().add(bytes).encoding;
}

function guessUtf16(head: Buffer): Encoding | null {
  const n = Math.min(head.length & ~1, 512);
  if (n < 8) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (head[i] === 0) evenNul++;
    if (head[i + 1] === 0) oddNul++;
  }
  const pairs = n / 2;
  if (oddNul > pairs * 0.4 && evenNul < pairs * 0.05) return 'utf-16le';
  if (evenNul > pairs * 0.4 && oddNul < pairs * 0.05) return 'utf-16be';
  return null;
}

/** Drops an incomplete UTF-8 sequence at the end of a sample. */
function trimPartialUtf8(buf: Buffer): Buffer {
  let end = buf.length;
  // Walk back over at most 3 continuation bytes to the lead byte.
  for (let back = 1; back <= 4 && end - back >= 0; back++) {
    const b = buf[end - back]!;
    if ((b & 0xc0) === 0x80) continue;
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return need > back ? buf.subarray(0, end - back) : buf;
  }
  return buf;
}

/**
 * Share of C0 control characters other than tab/CR/LF in decoded text: high means
 * the file is binary, whatever its name says.
 */
export function controlShare(text: string): number {
  if (text.length === 0) return 0;
  let bad = 0;
  const n = Math.min(text.length, 4096);
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 0xfffd) bad++;
  }
  return bad / n;
}
