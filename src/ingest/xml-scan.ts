/**
 * A streaming XML tokenizer for the parts of a workbook (read-xlsx.ts): tags, their attributes,
 * text and CDATA, as saxes (a general SAX parser) gives them, at a fraction of its cost. A
 * worksheet is millions of small tags (`<c r="B7" t="s"><v>3</v></c>`), and saxes, which reads
 * every character through a state machine and makes an object of every tag's attributes, took
 * over 40% of a workbook's reading time. Here text and tags are found with `indexOf`, tag names are
 * met again rather than made again, a tag's attributes are read in place when asked for
 * (`XmlTag.attr`), and nothing is made for the white space between tags.
 *
 * What it accepts and refuses: well-formed XML 1.0 as workbooks are written (comments,
 * processing instructions and a DOCTYPE are passed over, CDATA is text); a tag name that does
 * not start like one, a close tag that does not match, an unknown entity or a document cut
 * short is an error, in saxes's words (`unclosed tag: row`). It checks less than saxes (names'
 * later characters, duplicate attributes): of a well-formed part it reads what saxes reads
 * (tests/unit/ingest/xml-scan.test.ts compares the two).
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
      if (spans[k + 1]! - a === key.length && src.startsWith(key, a)) return decodeEntities(src.slice(spans[k + 2]!, spans[k + 3]!));
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
      out[colon < 0 ? key : key.slice(colon + 1)] = decodeEntities(src.slice(spans[k + 2]!, spans[k + 3]!));
    }
    return out;
  }

  private parse(): void {
    const s = this.src;
    const n = this.to;
    const spans = this.spans;
    let used = 0;
    let i = this.from;
    while (i < n) {
      while (i < n && isSpace(s.charCodeAt(i))) i++;
      if (i >= n) break;
      const start = i;
      while (i < n && s.charCodeAt(i) !== 61 /* = */ && !isSpace(s.charCodeAt(i))) i++;
      const end = i;
      while (i < n && isSpace(s.charCodeAt(i))) i++;
      if (s.charCodeAt(i) !== 61) throw new Error('attribute without value');
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

  constructor(private readonly on: XmlHandlers) {}

  write(chunk: string): void {
    const s = this.pending === '' ? chunk : this.pending + chunk;
    this.pending = s.slice(this.scan(s));
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
    while (i < n) {
      const lt = s.indexOf('<', i);
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
        i = end + 2;
      } else {
        if (!isNameStart(c)) throw new Error('disallowed character in tag name');
        const gt = tagEnd(s, lt + 1);
        if (gt < 0) return lt;
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

  /** The name `s.slice(from, to)`, as met before when it was. */
  private nameAt(s: string, from: number, to: number): XmlName {
    const { names } = this;
    const len = to - from;
    for (let k = 0; k < names.length; k++) {
      const x = names[k]!;
      if (x.name.length === len && s.startsWith(x.name, from)) return x;
    }
    const name = s.slice(from, to);
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
    this.on.text?.(decodeEntities(s.slice(from, to)));
  }

  /** `<!--...-->`, `<![CDATA[...]]>` or `<!DOCTYPE ...>` at `lt`: where it ends, or -1 when cut short. */
  private special(s: string, lt: number): number {
    if (s.startsWith('<!--', lt)) {
      const end = s.indexOf('-->', lt + 4);
      return end < 0 ? -1 : end + 3;
    }
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
    // An internal subset ([...]) may hold '>'.
    const gt = s.indexOf('>', lt);
    const bracket = s.indexOf('[', lt);
    if (gt < 0) return -1;
    if (bracket < 0 || bracket > gt) return gt + 1;
    const close = s.indexOf(']', bracket);
    const end = close < 0 ? -1 : s.indexOf('>', close);
    return end < 0 ? -1 : end + 1;
  }
}

/** Whether `s.slice(from, gt)` is `name`, white space after it allowed (`</row >`). */
function closes(s: string, from: number, gt: number, name: string): boolean {
  if (!s.startsWith(name, from)) return false;
  for (let k = from + name.length; k < gt; k++) if (!isSpace(s.charCodeAt(k))) return false;
  return true;
}

/** The '>' that ends the tag whose name starts at `from` (a quoted value may hold a '>'), or -1 when cut short. */
function tagEnd(s: string, from: number): number {
  let quote = 0;
  for (let k = from; k < s.length; k++) {
    const c = s.charCodeAt(k);
    if (quote !== 0) {
      if (c === quote) quote = 0;
    } else if (c === 62) return k;
    else if (c === 34 || c === 39) quote = c;
  }
  return -1;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 9 || c === 13;
}

function isNameStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 58 || c >= 0xc0;
}

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
      if (code < 1 || code > 0x10ffff) throw new Error(`malformed character entity: &${ref};`);
      ch = String.fromCodePoint(code);
    } else ch = NAMED[ref];
    if (ch === undefined) throw new Error(`undefined entity: ${ref}`);
    out += s.slice(from, amp) + ch;
    from = semi + 1;
    amp = s.indexOf('&', from);
  }
  return out + s.slice(from);
}
