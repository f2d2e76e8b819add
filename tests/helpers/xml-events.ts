/**
 * The events of an XML document as saxes gives them and as the workbook tokenizer
 * (src/ingest/xml-scan.ts) gives them, in one shape, to compare the two (tests/unit/ingest and
 * tests/property xml-scan tests). A document either parser refuses is 'error'.
 */
import { SaxesParser } from 'saxes';
import { XmlScanner } from '../../src/ingest/xml-scan.js';

export type XmlEvent = ['open', string, Record<string, string>] | ['text', string] | ['close', string];

const localName = (n: string): string => n.slice(n.indexOf(':') + 1);

/** Consecutive text is one event: where a parser cuts it is its own business. */
function push(out: XmlEvent[], e: XmlEvent): void {
  const last = out.at(-1);
  if (e[0] === 'text' && last?.[0] === 'text') last[1] += e[1];
  else out.push(e);
}

export function bySaxes(xml: string): XmlEvent[] | 'error' {
  const out: XmlEvent[] = [];
  const p = new SaxesParser({ position: false });
  // White space around the root element is no text of the document's (the tokenizer leaves it out).
  let depth = 0;
  p.on('opentag', (t) => {
    depth++;
    push(out, ['open', t.name, Object.fromEntries(Object.entries(t.attributes).map(([k, v]) => [localName(k), String(v)]))]);
  });
  p.on('text', (t) => depth > 0 && push(out, ['text', t]));
  p.on('cdata', (t) => push(out, ['text', t]));
  p.on('closetag', (t) => {
    depth--;
    push(out, ['close', t.name]);
  });
  try {
    p.write(xml);
    p.close();
  } catch {
    return 'error';
  }
  return out;
}

/** Fed in pieces of `piece` characters, or of the sizes in `piece` in turn (cut anywhere, a surrogate pair too). */
export function byScanner(xml: string, piece: number | readonly number[] = Infinity): XmlEvent[] | 'error' {
  const sizes = typeof piece === 'number' ? [piece] : piece;
  const out: XmlEvent[] = [];
  const p = new XmlScanner({
    open: (t) => push(out, ['open', t.name, t.attributes()]),
    text: (t) => push(out, ['text', t]),
    close: (n) => push(out, ['close', n.name]),
  });
  try {
    for (let i = 0, k = 0; i < xml.length; k++) {
      const size = sizes[k % sizes.length]!;
      p.write(xml.slice(i, i + size));
      i += size;
    }
    p.close();
  } catch {
    return 'error';
  }
  return out;
}
