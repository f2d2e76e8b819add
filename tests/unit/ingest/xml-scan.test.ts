/**
 * The workbook's XML tokenizer (src/ingest/xml-scan.ts) against saxes, the general parser it
 * replaced: the same tags, attributes and text, fed whole or in pieces cut anywhere, from every
 * part of the committed workbooks and from hand-made documents of what XML allows.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { zipEntries } from '../../helpers/zip.js';
import { fromRoot } from '../../helpers/io.js';
import { bySaxes, byScanner } from '../../helpers/xml-events.js';
import { XmlScanner } from '../../../src/ingest/xml-scan.js';

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
    // (Its `<b .../></b >` closed nothing, so both refused it, unseen until the check below.)
    '<!DOCTYPE a [<!ELEMENT a ANY>]><a><!-- a <b> comment --><?pi data?><![CDATA[<raw> & text]]><b   x="1"  ></b ><c y=\'2\' /></a>',
    // Prefixed names (some writers use x:), rich text runs, a phonetic guide, white space kept.
    '<x:sst xmlns:x="urn:x"><x:si><x:r><x:t xml:space="preserve"> two  words </x:t></x:r><x:rPh sb="0" eb="1"><x:t>ruby</x:t></x:rPh></x:si></x:sst>',
    // Non-ASCII text and names.
    '<données><é a="ü">日本語 — “quotes”</é></données>',
    // Found by tests/property/xml-scan.test.ts. Line ends read as '\n' (a CR, a CR LF, one cut
    // between pieces); a tab or line end in a value as a space, a reference to one as itself.
    '<a r="\r" s="1\r\n2\t3\n4&#13;&#10;&#9;">x\r\ny\rz\r</a>',
    // A DOCTYPE whose literals, and the comments of its internal subset, hold '>' and ']'.
    '<!DOCTYPE r [\n  <!ENTITY e "x>y]">\n  <!-- ] > -->\n  <!ATTLIST r a CDATA "]>">\n]><a></a>',
    '<!DOCTYPE r SYSTEM "a>b[c].dtd"><a/>',
    // Kept as saxes reads them now that names are checked: a processing instruction's target ends
    // at a '?' (saxes reads on to the next '?>').
    '<a><?pi?<>?></a>',
  ];
  // Refused by both: cut short, a bad tag start, a mismatched close, an unknown entity, two roots, text outside.
  const refused = [
    '<a><b>cut short',
    '<a><<b/></a>',
    '<a></b>',
    '<a>&nope;</a>',
    '<a/><b/>',
    'text<a/>',
    '',
    // Found by tests/property/xml-scan.test.ts, read before: a name that is none (of an attribute,
    // a tag, a processing instruction), '--' in a comment, a reference to a character XML does not
    // allow, ']]>' in text; and a '<"' in a DOCTYPE subset, which saxes does not take for a literal.
    '<a &b="1"></a>',
    '<a&/>',
    '<?&xml version="1.0"?><a/>',
    '<!--a-<-><!--b--><a/>',
    '<a r="&#1;"/>',
    '<a>&#x1;</a>',
    '<a>]]></a>',
    '<!DOCTYPE r [<!ENTITY e <"x>y]">]><a/>',
    // Rarely found by chance: '<' in a start tag, no space between attributes, a name with a
    // character no name has, an XML declaration not first or malformed, a DOCTYPE not before the root.
    '<a x="<"/>',
    '<a<b/>',
    '<a x="1"y="2"/>',
    '<a é×="1"/>',
    ' <?xml version="1.0"?><a/>',
    '<?xml version="1.&0"?><a/>',
    '<a/><!DOCTYPE a>',
    '<!DOCTYPE a><!DOCTYPE a><a/>',
  ];
  for (const xml of [...docs, ...refused]) {
    const expected = bySaxes(xml);
    for (const piece of [Infinity, 1, 2, 3, 5, 8]) assert.deepEqual(byScanner(xml, piece), expected, `${JSON.stringify(xml)} in pieces of ${piece}`);
  }
  for (const xml of docs) assert.notEqual(bySaxes(xml), 'error', `saxes reads ${JSON.stringify(xml)}`);
  for (const xml of refused) assert.equal(bySaxes(xml), 'error', `saxes refuses ${JSON.stringify(xml)}`);
});

test('a cut-short document is named by its innermost open tag, as saxes names it', () => {
  const p = new XmlScanner({});
  p.write('<worksheet><sheetData><row r="5"><c r="A5"><v>1');
  assert.throws(() => p.close(), /^Error: unclosed tag: v$/);
  assert.throws(() => new XmlScanner({}).write('<<?xml version="1.0"?><a/>'), /disallowed character in tag name/);
});
