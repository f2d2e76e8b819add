/**
 * A streaming XML tokenizer for the parts of a workbook (read-xlsx.ts): tags, their attributes,
 * text and CDATA, as saxes (a general SAX parser) gives them, at a fraction of its cost. A
 * worksheet is millions of small tags (`<c r="B7" t="s"><v>3</v></c>`), and saxes, which reads
 * every character through a state machine and makes an object of every tag's attributes, took
 * over 40% of a workbook's reading time. Here text and tags are found with `indexOf`, tag names are
 * met again rather than made again, a tag's attributes are read in place when asked for
 * (`XmlTag.attr`), and nothing is made for the white space between tags.
 *
 * What it accepts and refuses: well-formed XML 1.0 (comments, processing instructions and a
 * DOCTYPE are passed over, CDATA is text, line ends read as '\n' and a tab or line end in a value
 * as a space); a name that is none, a close tag that does not match, an unknown entity or a
 * document cut short is an error, in saxes's words where tests see them (`unclosed tag: row`).
 * It checks less than saxes (duplicate attributes, characters XML does not allow written raw, a
 * tag's attributes only when asked for): of a well-formed part it reads what saxes reads, and
 * what saxes refuses of a broken one it refuses too (tests/unit/ingest/xml-scan.test.ts and
 * tests/property/xml-scan.test.ts compare the two).
 */

/** A tag's name as written (`x:row`) and without its prefix (`row`). */
export interface XmlName {
  readonly name: string;
  readonly local: string;
}

/** A start tag: its name, and its attributes, read in place when asked for. Valid during `open` only. */
export class XmlTag {
  name = '';
  local = '';
  private src = '';
  private from = 0;
  private to = 0;
  /** Per attribute: key start and end, value start and end, in `src`; parsed on the first `attr`. */
  private readonly spans: number[] = [];
  /** Numbers of `spans` in use (the array is reused, never shortened). */
  private used = 0;
  private parsed = false;
  /** Where the next tab and line feed in `src` are (`src.length`: none), searched for again only once passed. */
  private tab = -1;
  private lf = -1;
  /** Whether this tag holds a tab or a line feed, which a value reads as a space (XML §3.3.3). */
  private spaced = false;

  /** Tags are to be read in a new text. */
  reset(): void {
    this.tab = this.lf = -1;
  }

  set(name: XmlName, src: string, from: number, to: number): void {
    this.name = name.name;
    this.local = name.local;
    this.src = src;
    this.from = from;
    this.to = to;
    this.parsed = false;
  }

  /** The value of attribute `key` (as written, prefix included), entities decoded; undefined when absent. */
  attr(key: string): string | undefined {
    if (!this.parsed) this.parse();
    const { src, spans, used } = this;
    for (let k = 0; k < used; k += 4) {
      const a = spans[k]!;
      if (spans[k + 1]! - a === key.length && src.startsWith(key, a)) return this.value(k);
    }
    return undefined;
  }

  /** Every attribute by its name without a prefix (`r:id` as `id`), entities decoded. */
  attributes(): Record<string, string> {
    if (!this.parsed) this.parse();
    const { src, spans, used } = this;
    const out: Record<string, string> = {};
    for (let k = 0; k < used; k += 4) {
      const key = src.slice(spans[k]!, spans[k + 1]!);
      const colon = key.indexOf(':');
      out[colon < 0 ? key : key.slice(colon + 1)] = this.value(k);
    }
    return out;
  }

  /** The value of the attribute at `spans[k]`: white space made spaces before references are decoded (`&#10;` stays). */
  private value(k: number): string {
    const raw = this.src.slice(this.spans[k + 2]!, this.spans[k + 3]!);
    return decodeEntities(this.spaced ? raw.replace(TAB_OR_LF, ' ') : raw);
  }

  private parse(): void {
    const s = this.src;
    const n = this.to;
    const spans = this.spans;
    let used = 0;
    let i = this.from;
    if (this.tab < i) this.tab = next(s, '\t', i);
    if (this.lf < i) this.lf = next(s, '\n', i);
    this.spaced = this.tab < n || this.lf < n;
    while (i < n) {
      while (i < n && isSpace(s.charCodeAt(i))) i++;
      if (i >= n) break;
      const start = i;
      let c = s.charCodeAt(i);
      if (!isNameStart(c)) throw new Error('disallowed character in attribute name');
      let ascii = true;
      for (; i < n; c = s.charCodeAt(++i)) {
        if (c >= 128) ascii = false;
        else if (ASCII_NAME[c] === 0) break;
      }
      const end = i;
      if (!ascii && !NAME.test(s.slice(start, end))) throw new Error('disallowed character in attribute name');
      while (i < n && isSpace(s.charCodeAt(i))) i++;
      if (s.charCodeAt(i) !== 61) throw new Error(i === end && i < n ? 'disallowed character in attribute name' : 'attribute without value');
      i++;
      while (i < n && isSpace(s.charCodeAt(i))) i++;
      const quote = s.charCodeAt(i);
      if (quote !== 34 && quote !== 39) throw new Error('unquoted attribute value');
      const close = s.indexOf(quote === 34 ? '"' : "'", i + 1);
      if (close < 0 || close > n) throw new Error('unquoted attribute value');
      spans[used] = start;
      spans[used + 1] = end;
      spans[used + 2] = i + 1;
      spans[used + 3] = close;
      used += 4;
      i = close + 1;
      if (i < n && !isSpace(s.charCodeAt(i))) throw new Error('no whitespace between attributes');
    }
    this.used = used;
    this.parsed = true;
  }
}

export interface XmlHandlers {
  open?(tag: XmlTag): void;
  text?(text: string): void;
  close?(name: XmlName): void;
}

/** Distinct tag names remembered (a workbook's parts use a few dozen). */
const MAX_NAMES = 64;

export class XmlScanner {
  private pending = '';
  private readonly open: XmlName[] = [];
  private readonly tag = new XmlTag();
  private readonly names: XmlName[] = [];
  /** Whether the root element has been opened (only white space may come before it). */
  private rooted = false;
  /** Whether the text being read holds a ']]>' (which text may not): mostly not, and then text goes unsearched. */
  private cdataEnds = false;
  /** Whether a DOCTYPE has been read (one may stand before the root element). */
  private doctyped = false;
  /** Whether anything has been read (an XML declaration may stand first only). */
  private begun = false;
  /** Whether the last chunk ended in '\r', so that a '\n' starting the next belongs to it. */
  private cr = false;

  constructor(private readonly on: XmlHandlers) {}

  write(chunk: string): void {
    if (chunk === '') return;
    if (this.cr && chunk.charCodeAt(0) === 10) chunk = chunk.slice(1);
    this.cr = false;
    // Every line end reads as '\n' (XML §2.11); most parts have none but the declaration's.
    if (chunk.indexOf('\r') >= 0) {
      this.cr = chunk.charCodeAt(chunk.length - 1) === 13;
      chunk = chunk.replace(/\r\n?/g, '\n');
    }
    const s = this.pending === '' ? chunk : this.pending + chunk;
    this.tag.reset();
    this.cdataEnds = s.indexOf(']]>') >= 0;
    const done = this.scan(s);
    if (done > 0) this.begun = true;
    this.pending = s.slice(done);
  }

  /** The document has ended: anything open or cut short is an error. */
  close(): void {
    const top = this.open.at(-1);
    if (top !== undefined) throw new Error(`unclosed tag: ${top.name}`);
    if (this.pending.trim() !== '' || !this.rooted) throw new Error(this.rooted ? 'text data outside of root node' : 'document must contain a root element');
  }

  /** Reads what is complete in `s`; returns where the incomplete rest starts. */
  private scan(s: string): number {
    const { on, open } = this;
    const n = s.length;
    let i = 0;
    // The next '<', when a start tag has found it already (-2: not known).
    let ahead = -2;
    while (i < n) {
      const lt = ahead === -2 ? s.indexOf('<', i) : ahead;
      ahead = -2;
      // Text at the end is kept until it is known whole (an entity may be cut).
      if (lt < 0) return i;
      if (lt > i) this.textOf(s, i, lt);
      if (lt + 1 >= n) return lt;
      const c = s.charCodeAt(lt + 1);
      if (c === 47 /* / */) {
        const gt = s.indexOf('>', lt + 2);
        if (gt < 0) return lt;
        const top = open.pop();
        if (top === undefined || !closes(s, lt + 2, gt, top.name)) {
          const name = s.slice(lt + 2, gt).trim();
          throw new Error(top === undefined ? `unmatched closing tag: ${name}` : `unexpected close tag: ${name}`);
        }
        on.close?.(top);
        i = gt + 1;
      } else if (c === 33 /* ! */) {
        const end = this.special(s, lt);
        if (end < 0) return lt;
        i = end;
      } else if (c === 63 /* ? */) {
        const end = s.indexOf('?>', lt + 2);
        if (end < 0) return lt;
        this.instruction(s, lt, end);
        i = end + 2;
      } else {
        if (!isNameStart(c)) throw new Error('disallowed character in tag name');
        const gt = tagEnd(s, lt + 1);
        if (gt < 0) return lt;
        // '<' may stand nowhere in a tag, a value included; the next one is where the next text ends.
        ahead = s.indexOf('<', lt + 1);
        if (ahead >= 0 && ahead < gt) throw new Error("disallowed character '<' in tag");
        let nameEnd = lt + 2;
        for (let d = s.charCodeAt(nameEnd); nameEnd < gt && d !== 47 && !isSpace(d); d = s.charCodeAt(++nameEnd));
        const selfClosing = s.charCodeAt(gt - 1) === 47;
        const name = this.nameAt(s, lt + 1, nameEnd);
        if (open.length === 0 && this.rooted) throw new Error('text data outside of root node');
        this.rooted = true;
        this.tag.set(name, s, nameEnd, selfClosing ? gt - 1 : gt);
        on.open?.(this.tag);
        if (selfClosing) on.close?.(name);
        else open.push(name);
        i = gt + 1;
      }
    }
    return i;
  }

  /** `<?target ...?>` at `lt`: its target is a name, and `xml` only in the declaration, first in the document. */
  private instruction(s: string, lt: number, end: number): void {
    let t = lt + 2;
    for (let c = s.charCodeAt(t); t < end && c !== 63 /* ? */ && !isSpace(c); c = s.charCodeAt(++t));
    const target = s.slice(lt + 2, t);
    if (!NAME.test(target)) throw new Error('disallowed character in processing instruction name');
    if (target.toLowerCase() !== 'xml') return;
    if (target !== 'xml' || lt !== 0 || this.begun) throw new Error('the XML declaration must appear at the start of the document');
    if (!XML_DECLARATION.test(s.slice(lt, end + 2))) throw new Error('malformed XML declaration');
  }

  /** The name `s.slice(from, to)`, as met before when it was. */
  private nameAt(s: string, from: number, to: number): XmlName {
    const { names } = this;
    const len = to - from;
    for (let k = 0; k < names.length; k++) {
      const x = names[k]!;
      if (x.name.length === len && s.startsWith(x.name, from)) return x;
    }
    const name = s.slice(from, to);
    // Checked when first met only: a part's tags are a few names met again and again.
    if (!NAME.test(name)) throw new Error('disallowed character in tag name');
    const colon = name.indexOf(':');
    const x = { name, local: colon < 0 ? name : name.slice(colon + 1) };
    if (names.length < MAX_NAMES) names.push(x);
    return x;
  }

  private textOf(s: string, from: number, to: number): void {
    if (this.open.length === 0) {
      // Only white space may stand outside the root element.
      for (let k = from; k < to; k++) if (!isSpace(s.charCodeAt(k))) throw new Error('text data outside of root node');
      return;
    }
    const text = s.slice(from, to);
    if (this.cdataEnds && text.includes(']]>')) throw new Error('the string "]]>" is disallowed in char data');
    this.on.text?.(decodeEntities(text));
  }

  /** `<!--...-->`, `<![CDATA[...]]>` or `<!DOCTYPE ...>` at `lt`: where it ends, or -1 when cut short. */
  private special(s: string, lt: number): number {
    if (s.startsWith('<!--', lt)) return commentEnd(s, lt + 4);
    if (s.startsWith('<![CDATA[', lt)) {
      const end = s.indexOf(']]>', lt + 9);
      if (end < 0) return -1;
      if (this.open.length === 0) throw new Error('text data outside of root node');
      this.on.text?.(s.slice(lt + 9, end));
      return end + 3;
    }
    // Which it is, is not known yet.
    if (s.length - lt < 9) return -1;
    if (!s.startsWith('<!DOCTYPE', lt)) throw new Error('disallowed character in tag name');
    if (this.rooted || this.doctyped) throw new Error('inappropriately located doctype declaration');
    const end = doctypeEnd(s, lt + 9);
    if (end >= 0) this.doctyped = true;
    return end;
  }
}

/** The end of the comment whose text starts at `from`, or -1 when cut short; its first '--' must end it. */
function commentEnd(s: string, from: number): number {
  const dashes = s.indexOf('--', from);
  if (dashes < 0 || dashes + 2 >= s.length) return -1;
  if (s.charCodeAt(dashes + 2) !== 62 /* > */) throw new Error('malformed comment');
  return dashes + 3;
}

/**
 * The end of the DOCTYPE whose body starts at `from`, or -1 when cut short: its quoted literals,
 * and the comments and processing instructions of its internal subset (`[...]`), may hold '>'
 * and ']'. Read as saxes reads it (the character after a '<' in the subset is taken as it comes),
 * so that a broken one is refused alike.
 */
function doctypeEnd(s: string, from: number): number {
  const n = s.length;
  let subset = false;
  for (let k = from; k < n; k++) {
    const c = s.charCodeAt(k);
    if (c === 34 || c === 39) {
      k = s.indexOf(c === 34 ? '"' : "'", k + 1);
      if (k < 0) return -1;
    } else if (!subset) {
      if (c === 62 /* > */) return k + 1;
      if (c === 91 /* [ */) subset = true;
    } else if (c === 93 /* ] */) subset = false;
    else if (c === 60 /* < */) {
      if (k + 3 >= n) return -1;
      if (s.startsWith('<!--', k)) {
        k = commentEnd(s, k + 4) - 1;
        if (k < 0) return -1;
      } else if (s.charCodeAt(k + 1) === 63 /* ? */) {
        const q = s.indexOf('?', k + 2);
        k = q < 0 ? -1 : s.indexOf('>', q + 1);
        if (k < 0) return -1;
      } else k += s.startsWith('<!-', k) ? 3 : s.charCodeAt(k + 1) === 33 /* ! */ ? 2 : 1;
    }
  }
  return -1;
}

/** Whether `s.slice(from, gt)` is `name`, white space after it allowed (`</row >`). */
function closes(s: string, from: number, gt: number, name: string): boolean {
  if (!s.startsWith(name, from)) return false;
  for (let k = from + name.length; k < gt; k++) if (!isSpace(s.charCodeAt(k))) return false;
  return true;
}

/** The '>' that ends the tag whose name starts at `from` (a quoted value may hold a '>'), or -1 when cut short. */
function tagEnd(s: string, from: number): number {
  for (let k = from; k < s.length; k++) {
    const c = s.charCodeAt(k);
    if (c === 62) return k;
    if (c === 34 || c === 39) {
      k = s.indexOf(c === 34 ? '"' : "'", k + 1);
      if (k < 0) return -1;
    }
  }
  return -1;
}

/** Where `c` is next in `s` from `from`, or `s.length`. */
function next(s: string, c: string, from: number): number {
  const k = s.indexOf(c, from);
  return k < 0 ? s.length : k;
}

/** Whether XML allows the character (§2.2), as a reference may name it. */
function isChar(c: number): boolean {
  return c >= 0x20 ? c <= 0xd7ff || (c >= 0xe000 && c <= 0xfffd) || (c >= 0x10000 && c <= 0x10ffff) : c === 9 || c === 10 || c === 13;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 9 || c === 13;
}

function isNameStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 58 || c >= 0xc0;
}

const START = ':A-Z_a-z\\xC0-\\xD6\\xD8-\\xF6\\xF8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C\\u200D\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD\\u{10000}-\\u{EFFFF}';
/** An XML name (§2.3). */
const NAME = new RegExp(`^[${START}][${START}\\-.0-9\\xB7\\u0300-\\u036F\\u203F\\u2040]*$`, 'u');

const EQ = '[ \\t\\n]*=[ \\t\\n]*';
/** XML §2.8, line ends read as '\\n'. */
const XML_DECLARATION = new RegExp(
  `^<\\?xml[ \\t\\n]+version${EQ}("|')1\\.[0-9]+\\1([ \\t\\n]+encoding${EQ}("|')[A-Za-z][\\w.-]*\\3)?([ \\t\\n]+standalone${EQ}("|')(yes|no)\\5)?[ \\t\\n]*\\?>$`,
);

const TAB_OR_LF = /[\t\n]/g;

/** Per ASCII code, whether it may stand in a name after its first character. */
const ASCII_NAME = new Uint8Array(128).map((_, c) => Number(/[-.0-9:A-Z_a-z]/.test(String.fromCharCode(c))));

const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Text with its character and entity references replaced. */
export function decodeEntities(s: string): string {
  let amp = s.indexOf('&');
  if (amp < 0) return s;
  let out = '';
  let from = 0;
  while (amp >= 0) {
    const semi = s.indexOf(';', amp + 1);
    if (semi < 0) throw new Error('unterminated entity');
    const ref = s.slice(amp + 1, semi);
    let ch: string | undefined;
    if (ref.charCodeAt(0) === 35 /* # */) {
      if (!/^#(x[0-9a-fA-F]+|[0-9]+)$/.test(ref)) throw new Error(`malformed character entity: &${ref};`);
      const code = ref.charCodeAt(1) === 120 /* x */ ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      if (!isChar(code)) throw new Error(`malformed character entity: &${ref};`);
      ch = String.fromCodePoint(code);
    } else ch = NAMED[ref];
    if (ch === undefined) throw new Error(`undefined entity: ${ref}`);
    out += s.slice(from, amp) + ch;
    from = semi + 1;
    amp = s.indexOf('&', from);
  }
  return out + s.slice(from);
}
