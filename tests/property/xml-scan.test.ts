/**
 * The workbook's XML tokenizer (src/ingest/xml-scan.ts) against saxes on random documents: what
 * workbooks hold (prefixed names, attributes, entities, CDATA) and what they do not but XML
 * allows (comments and processing instructions anywhere, a DOCTYPE, line breaks of every kind,
 * astral characters), fed whole and in pieces cut anywhere (a surrogate pair too); and the same
 * documents broken, which both must refuse, or, where the break left XML, read alike.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { bySaxes, byScanner } from '../helpers/xml-events.js';
import { params } from './generate.js';

const of = (...units: string[]) => fc.constantFrom(...units);
const str = (units: fc.Arbitrary<string>, maxLength = 8) => fc.string({ unit: units, maxLength });

const ws = str(of(' ', '  ', '\n', '\t', '\r\n', '\r'), 3);
const ws1 = fc.tuple(of(' ', '\n', '\t', '\r\n'), ws).map(([a, b]) => a + b);

// Names: prefixed or not, ASCII or not, with the later-only characters (digits, '.', '-', '·').
const local = of('a', 'b', 'row', 'c', 'v', 't', 'si', 'sheetData', 'A', '_x', 'a1', 'a.b', 'a-b', 'données', 'é', '名前', 'ä·b');
const prefix = fc.option(of('x', 'r', 'mc', 'w14', 'é'), { freq: 3 });
const name = fc.tuple(prefix, local).map(([p, l]) => (p === null ? l : `${p}:${l}`));
const attrName = fc.tuple(fc.option(of('r', 'x', 'xml', 'xmlns'), { freq: 3 }), of('r', 't', 's', 'ref', 'id', 'space', 'spans', 'é', 'data-x', 'a.b'))
  .map(([p, l]) => (p === null ? l : `${p}:${l}`));

/** Character references to characters XML allows: the edges of its ranges, astral ones, white space. */
const codePoint = fc.oneof(
  of(...[0x9, 0xa, 0xd, 0x20, 0x26, 0x3c, 0x7f, 0xa0, 0xd7ff, 0xe000, 0xfffd, 0x10000, 0x1f600, 0x10ffff].map(String)).map(Number),
  fc.integer({ min: 0x20, max: 0xd7ff }),
  fc.integer({ min: 0x10000, max: 0x10ffff }),
);
const charRef = fc
  .tuple(codePoint, of('dec', 'hex', 'HEX', 'zeros'))
  .map(([c, form]) => (form === 'dec' ? `&#${c};` : form === 'hex' ? `&#x${c.toString(16)};` : form === 'HEX' ? `&#x${c.toString(16).toUpperCase()};` : `&#x00${c.toString(16)};`));
const entity = fc.oneof(of('&amp;', '&lt;', '&gt;', '&quot;', '&apos;'), charRef);

const TEXT = ['a', 'Z', '0', ' ', '  ', '\n', '\r\n', '\r', '\t', '>', ']', '"', "'", '=', '/', '?', '!', '-', ';', '#', 'é', '日本', '—', '😀', '\u00a0'];
/** `]]>` may not stand in text (nor, as in CDATA, be made by the text next to it). */
const noCdataEnd = (s: string) => s.replaceAll(']]>', ']] >');
const text = fc.array(fc.oneof({ weight: 4, arbitrary: of(...TEXT) }, { weight: 1, arbitrary: entity }), { maxLength: 8 }).map((u) => noCdataEnd(u.join('')).replace(/\]$/, '] '));
const cdata = str(of('a', ' ', '<', '&', '&amp;', ']', ']]', '>', '[', '<![CDATA[', '\r\n', '\r', 'é', '😀')).map((c) => `<![CDATA[${noCdataEnd(c)}]]>`);
// No '--' in a comment, nor a '-' at its end.
const comment = str(of('a', ' ', '-', '<', '>', '&', '<!--', '\n', 'é')).map((c) => `<!--${c.replace(/-+/g, '-').replace(/-$/, '- ')}-->`);
const pi = fc
  .tuple(of('pi', 'mso-application', 'x.y', 'é'), fc.option(str(of('a', ' ', '<', '>', '&', '?', '"', '\n', 'progid="Excel.Sheet"'))))
  .map(([target, data]) => `<?${target}${data === null ? '' : ` ${data.replaceAll('?>', '? >')}`}?>`);

/** An attribute value in either quote; the other quote, `>`, `]]>` and `?>` may stand in it raw. */
const attribute = fc
  .tuple(attrName, ws1, ws, ws, of('"', "'"), fc.array(fc.oneof(of('a', '1', ' ', '>', '/', '=', '"', "'", 'é', '😀', '\t', '\n', '\r\n', '\r', ']]>', '?>'), entity), { maxLength: 6 }))
  .map(([key, before, eqBefore, eqAfter, q, units]) => ({ key, text: `${before}${key}${eqBefore}=${eqAfter}${q}${units.map((u) => (u === q ? (q === '"' ? '&quot;' : '&apos;') : u)).join('')}${q}` }));
const attributes = fc.uniqueArray(attribute, { selector: (a) => a.key, maxLength: 4 }).map((as) => as.map((a) => a.text).join(''));

const { element } = fc.letrec<{ element: string; node: string }>((tie) => ({
  element: fc
    .record({ name, attributes, end: ws, empty: fc.oneof({ weight: 4, arbitrary: fc.constant('') }, of('/>', ' />')), children: fc.array(tie('node'), { maxLength: 5 }), closeEnd: of('', '', ' ', '\n', ' \t') })
    .map(({ name, attributes, end, empty, children, closeEnd }) =>
      empty !== '' ? `<${name}${attributes}${empty === ' />' ? end || ' ' : end}/>` : `<${name}${attributes}${end}>${children.join('')}</${name}${closeEnd}>`,
    ),
  node: fc.oneof(
    { maxDepth: 5, depthIdentifier: 'xml' },
    { weight: 3, arbitrary: text },
    { weight: 4, arbitrary: tie('element') },
    { weight: 1, arbitrary: entity },
    { weight: 1, arbitrary: cdata },
    { weight: 1, arbitrary: comment },
    { weight: 1, arbitrary: pi },
  ),
}));

const misc = fc.array(fc.oneof(ws1, comment, pi), { maxLength: 2 }).map((m) => m.join(''));
const declaration = of('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n', "<?xml version='1.0'?>", '<?xml version="1.0" encoding="utf-8"?>\n');
// Quoted literals and an internal subset may hold '>', ']' and '['.
const doctype = of(
  '<!DOCTYPE r>',
  '<!DOCTYPE r SYSTEM "r.dtd">',
  `<!DOCTYPE r PUBLIC "-//X//DTD r//EN" 'http://x/r.dtd'>`,
  '<!DOCTYPE r [<!ELEMENT r ANY>]>',
  '<!DOCTYPE r SYSTEM "a>b[c].dtd">',
  '<!DOCTYPE r [\n  <!ENTITY e "x>y]">\n  <!-- ] > -->\n  <!ATTLIST r a CDATA "]>">\n]>',
);
const doc = fc
  .tuple(fc.option(declaration, { freq: 2 }), misc, fc.option(fc.tuple(doctype, misc), { freq: 2 }), element, misc, fc.boolean())
  // Half with '\n' for every line end (the same document to saxes): the tokenizer has a path for those.
  .map(([decl, before, dt, root, after, cr]) => {
    const xml = `${decl ?? ''}${before}${dt === null ? '' : dt.join('')}${root}${after}`;
    return cr ? xml : xml.replace(/\r\n?/g, '\n');
  });

/** Piece sizes taken in turn: pieces of 1 to 16 characters, cut anywhere. */
const pieces = fc.array(fc.integer({ min: 1, max: 16 }), { minLength: 1, maxLength: 8 });

test('random well-formed documents read as saxes reads them, whole or cut anywhere', () => {
  fc.assert(
    fc.property(doc, pieces, (xml, sizes) => {
      const expected = bySaxes(xml);
      assert.notEqual(expected, 'error', 'the generator makes well-formed XML');
      assert.deepEqual(byScanner(xml), expected, 'whole');
      assert.deepEqual(byScanner(xml, sizes), expected, `in pieces of ${sizes.join(',')}`);
    }),
    params(500),
  );
});

/**
 * A well-formed document broken: cut short, a stray '<' or '&' put in, a close tag renamed, a
 * character dropped (a quote, a space between attributes, a digit of a reference) or another
 * character of markup put in.
 */
const broken = fc
  .tuple(doc, fc.nat(), fc.oneof(of('cut', 'close', 'drop', '<', '&'), of('cut', 'drop', '<', '&'), of('>', '"', "'", ']', '-', '/', '=', '?', '!', ' ', ';', '#')))
  .map(([xml, at, how]) => {
    const closes = [...xml.matchAll(/<\/([^\s>]+)/g)];
    if (how === 'close' && closes.length > 0) {
      const m = closes[at % closes.length]!;
      return `${xml.slice(0, m.index + 2)}${m[1]}z${xml.slice(m.index + 2 + m[1]!.length)}`;
    }
    let k = at % (xml.length + 1);
    // Not between the halves of a surrogate pair: a decoded part never holds half a character.
    if (/[\uDC00-\uDFFF]/.test(xml[k] ?? '')) k--;
    if (how === 'drop') return xml.slice(0, k) + xml.slice(k + (/[\uD800-\uDBFF]/.test(xml[k] ?? '') ? 2 : 1));
    return how === 'cut' || how === 'close' ? xml.slice(0, k) : xml.slice(0, k) + how + xml.slice(k);
  });

test('the same documents broken are refused by both, or read alike by both', () => {
  let runs = 0;
  let refused = 0;
  fc.assert(
    fc.property(broken, pieces, (xml, sizes) => {
      const expected = bySaxes(xml);
      runs++;
      if (expected === 'error') refused++;
      assert.deepEqual(byScanner(xml), expected, 'whole');
      assert.deepEqual(byScanner(xml, sizes), expected, `in pieces of ${sizes.join(',')}`);
    }),
    params(1500),
  );
  // Most breaks break (about three in four): else the property would say little.
  if (runs >= 100) assert.ok(refused > runs / 2, `${refused} of ${runs} broken documents refused`);
});
