/**
 * The workbook's XML tokenizer (src/ingest/xml-scan.ts) against saxes, the general parser it
 * replaced: the same tags, attributes and text, fed whole or in pieces cut anywhere, from every
 * part of the committed workbooks and from hand-made documents of what XML allows.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { SaxesParser } from 'saxes';
import { XmlScanner } from '../../../src/ingest/xml-scan.js';
import { zipEntries } from '../../helpers/zip.js';
import { fromRoot } from '../../helpers/io.js';

type Event = ['open', string, Record<string, string>] | ['text', string] | ['close', string];

const localName = (n: string): string => n.slice(n.indexOf(':') + 1);

/** Consecutive text is one event: where a parser cuts it is its own business. */
function push(out: Event[], e: Event): void {
  const last = out.at(-1);
  if (e[0] === 'text' && last?.[0] === 'text') last[1] += e[1];
  else out.push(e);
}

function bySaxes(xml: string): Event[] | string {
  const out: Event[] = [];
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

function byScanner(xml: string, piece = Infinity): Event[] | string {
  const out: Event[] = [];
  const p = new XmlScanner({
    open: (t) => push(out, ['open', t.name, t.attributes()]),
    text: (t) => push(out, ['text', t]),
    close: (n) => push(out, ['close', n.name]),
  });
  try {
    for (let i = 0; i < xml.length; i += piece) p.write(xml.slice(i, i + piece));
    p.close();
  } catch {
    return 'error';
  }
  return out;
}

test('every part of the committed workbooks reads as saxes reads it', () => {
  let parts = 0;
  for (const f of readdirSync(fromRoot('fixtures', 'xlsx')).filter((f) => f.endsWith('.xlsx'))) {
    let entries: Map<string, Buffer>;
    try {
      entries = zipEntries(readFileSync(fromRoot('fixtures', 'xlsx', f)));
    } catch {
      continue; // not a ZIP (the password-protected one): no XML to read
    }
    for (const [path, data] of entries) {
      if (!/\.(xml|rels)$/.test(path)) continue;
      const xml = data.toString('utf8');
      const expected = bySaxes(xml);
      assert.deepEqual(byScanner(xml), expected, `${f} ${path}`);
      assert.deepEqual(byScanner(xml, 7), expected, `${f} ${path}, in pieces of 7`);
      parts++;
    }
  }
  assert.ok(parts >= 30, `${parts} parts read`);
});

test('what XML allows reads as saxes reads it, cut anywhere; what it refuses is refused', () => {
  const docs = [
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="urn:x"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" s="3"/></row></sheetData></worksheet>',
    // Entities in text and attributes, numeric ones, and a quoted '>' and quotes of both kinds.
    `<a k="1 &amp; 2" q='say "hi"' g="x>y" h = "sp aced">Tom &amp; Jerry &lt;3 &#65;&#x42;&#x1F600; &quot;q&apos;</a>`,
    // CDATA, comments, processing instructions, a DOCTYPE with an internal subset, white space in close tags.
    '<!DOCTYPE a [<!ELEMENT a ANY>]><a><!-- a <b> comment --><?pi data?><![CDATA[<raw> & text]]><b   x="1"  /></b ></a>',
    // Prefixed names (some writers use x:), rich text runs, a phonetic guide, white space kept.
    '<x:sst xmlns:x="urn:x"><x:si><x:r><x:t xml:space="preserve"> two  words </x:t></x:r><x:rPh sb="0" eb="1"><x:t>ruby</x:t></x:rPh></x:si></x:sst>',
    // Non-ASCII text and names.
    '<données><é a="ü">日本語 — “quotes”</é></données>',
    // Refused: cut short, a bad tag start, a mismatched close, an unknown entity, two roots, text outside.
    '<a><b>cut short',
    '<a><<b/></a>',
    '<a></b>',
    '<a>&nope;</a>',
    '<a/><b/>',
    'text<a/>',
    '',
  ];
  for (const xml of docs) {
    const expected = bySaxes(xml);
    for (const piece of [Infinity, 1, 2, 3, 5, 8]) assert.deepEqual(byScanner(xml, piece), expected, `${JSON.stringify(xml)} in pieces of ${piece}`);
  }
  assert.equal(bySaxes('<a><b>cut short'), 'error', 'the refusals are saxes refusals too');
});

test('a cut-short document is named by its innermost open tag, as saxes names it', () => {
  const p = new XmlScanner({});
  p.write('<worksheet><sheetData><row r="5"><c r="A5"><v>1');
  assert.throws(() => p.close(), /^Error: unclosed tag: v$/);
  assert.throws(() => new XmlScanner({}).write('<<?xml version="1.0"?><a/>'), /disallowed character in tag name/);
});
