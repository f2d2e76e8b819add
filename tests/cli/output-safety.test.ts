/**
 * Output safety, end to end: answers and headers written to attack each output (spreadsheet
 * formulas, markup and script, Markdown table breakers, terminal escape sequences, C1 controls,
 * bidirectional overrides) go through analyze, report and clean, and every output is checked
 * for the attack it would carry: CSV and XLSX cells never start a formula, SVG and HTML never
 * hold markup from data (and stay valid XML), Markdown rows keep their columns, terminals get no
 * control character, JSON escapes what a terminal would run. Control and bidirectional formatting
 * characters are shown the same way in every output a person reads (U+202E as "<U+202E>", NUL as
 * "␀"), never dropped: answers that differ only by one stay distinct rows, bars and cells.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { parse as parseCsv } from 'csv-parse/sync';
import { main } from '../../src/cli/main.js';
import type { AnalysisResult, FrequencyTable } from '../../src/spec/result.js';
import { captureIo } from '../helpers/io.js';
import { toCsv } from '../property/generate.js';

const dir = mkdtempSync(join(tmpdir(), 'survey-safety-'));
after(() => process.env['KEEP'] ? undefined : rmSync(dir, { recursive: true, force: true }));

const ESC = '\u001b';
/** Each answer attacks one output. */
const HOSTILE = [
  '=HYPERLINK("http://evil.example","click")',
  '+1+1',
  '-2+3',
  '@SUM(A1:A9)',
  '\tindented',
  '\rreturned',
  '<img src=x onerror=alert(1)>',
  '</text></svg><script>alert(2)</script>',
  ']]><!-- comment',
  'a | b | c',
  '**bold** _it_ [link](javascript:alert(3)) `code`',
  `red${ESC}[31m${ESC}[2J${ESC}]8;;http://evil.example\u0007click${ESC}]8;;\u0007`,
  '\u009b31mC1 CSI',
  'invoice\u202egnp.exe',
  '&amp; &lt;',
  // Differ from "Male" only by a character that is not text: each must stay its own answer everywhere.
  'Male',
  'Ma\u202ele',
  'Ma\u2066le',
  'Ma\u0000le',
  'Ma\u007fle',
  'Ma\u0085le',
];
/** How every output that a person reads shows the answers above that hide a character. */
const SHOWN = ['invoice<U+202E>gnp.exe', 'Ma<U+202E>le', 'Ma<U+2066>le', 'Ma\u2400le', 'Ma\u2421le', 'Ma<U+0085>le'];
const MULTI = ['=cmd', '<b>x</b>', 'ok'];
const HEADERS = ['=cmd|\' /C calc\'!A0', 'Pick <script>alert(4)</script> | one', `@apps${ESC}[1m`, 'How many?', 'Why?'];

// Every hostile answer twice, a multi-select, a number and free text.
const rows = [...HOSTILE, ...HOSTILE].map((h, i) => [`R${i % 3}`, h, `${MULTI[i % 3]};${MULTI[(i + 1) % 3]}`, String(i % 7), `because ${h}`]);
const FILE = join(dir, 'hostile.csv');
writeFileSync(FILE, toCsv(HEADERS, rows));

// eslint-disable-next-line no-control-regex
const TERMINAL_UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
// eslint-disable-next-line no-control-regex
const XML_UNSAFE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/;
const FORMULA = /^[=+\-@\t\r]/;
/** Raw in any output file: control characters other than tab and line ends, DEL, C1, bidi embeddings, overrides, isolates. */
// eslint-disable-next-line no-control-regex
const HIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

function assertNoHidden(text: string, what: string): void {
  const m = HIDDEN.exec(text);
  assert.equal(m, null, `${what}: ${JSON.stringify(m?.[0])} at ${m?.index}: ${JSON.stringify(text.slice(Math.max(0, (m?.index ?? 0) - 30), (m?.index ?? 0) + 30))}`);
}

async function run(argv: string[]) {
  const io = captureIo({ isTTY: false });
  const code = await main(argv, io);
  return { code, out: io.stdout.text, err: io.stderr.text };
}

function filesUnder(p: string): string[] {
  return (readdirSync(p, { recursive: true }) as string[]).map((f) => join(p, f)).filter((f) => statSync(f).isFile());
}

function assertTerminalSafe(text: string, what: string): void {
  const m = TERMINAL_UNSAFE.exec(text.replace(/\n/g, ''));
  assert.equal(m, null, `${what}: ${JSON.stringify(m?.[0])} at ${m?.index}`);
}

/** Every cell of a CSV: text that a spreadsheet would run is prefixed with ', numbers are numbers. */
function assertCsvSafe(text: string, what: string): number {
  const records = parseCsv(text, { relax_column_count: true }) as string[][];
  let cells = 0;
  for (const r of records) {
    for (const c of r) {
      cells++;
      if (FORMULA.test(c)) assert.ok(c !== '' && Number.isFinite(Number(c)), `${what}: ${JSON.stringify(c)} would run as a formula`);
      assert.ok(!c.includes(ESC) && !/[\u0080-\u009f]/.test(c), `${what}: control character in ${JSON.stringify(c)}`);
    }
  }
  return cells;
}

function assertMarkupSafe(text: string, what: string): void {
  for (const bad of [/<script/i, /<img/i, /<!--/, /<b>/, /(href|src)="javascript:/i, /<\/text><\/svg><script/]) assert.doesNotMatch(text, bad, `${what}: ${bad}`);
  // No event-handler attribute on any element (the text "onerror=" inside an escaped attribute value is fine).
  for (const tag of text.match(/<[a-zA-Z][^>]*>/g) ?? []) assert.doesNotMatch(tag.replace(/"[^"]*"|'[^']*'/g, '""'), /\son\w+\s*=/i, `${what}: ${tag.slice(0, 120)}`);
  const m = XML_UNSAFE.exec(text);
  assert.equal(m, null, `${what}: a character XML cannot hold: ${JSON.stringify(m?.[0])}`);
}

/** Markdown table rows keep their columns: as many unescaped pipes as the header row. */
function assertMarkdownSafe(text: string, what: string): void {
  assertTerminalSafe(text, what);
  assert.doesNotMatch(text, /<(script|img|b)\b/i, what);
  const pipes = (line: string) => line.replace(/\\\\/g, '').replace(/\\\|/g, '').split('|').length - 1;
  let header = -1;
  for (const line of text.split('\n')) {
    if (!line.startsWith('|')) {
      header = -1;
      continue;
    }
    if (header < 0) header = pipes(line);
    else assert.equal(pipes(line), header, `${what}: ${JSON.stringify(line)}`);
  }
}

async function assertXlsxSafe(file: string, values = new Set<string>()): Promise<number> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync(file) as unknown as ExcelJS.Buffer);
  let strings = 0;
  for (const ws of wb.worksheets) {
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        const v = cell.value;
        assert.ok(!(typeof v === 'object' && v !== null && ('formula' in v || 'sharedFormula' in v)), `${ws.name}!${cell.address}: a formula`);
        if (typeof v === 'string') {
          strings++;
          assert.doesNotMatch(v, FORMULA, `${ws.name}!${cell.address}: ${JSON.stringify(v)}`);
          assert.doesNotMatch(v, XML_UNSAFE, `${ws.name}!${cell.address}`);
          assertNoHidden(v, `${ws.name}!${cell.address}`);
          values.add(v);
        }
      }),
    );
  }
  return strings;
}

test('analyze: every stdout format is safe where it goes, and JSON keeps the data as it was', async () => {
  const text = await run(['analyze', FILE]);
  assert.equal(text.code, 0, text.err);
  assertTerminalSafe(text.out, 'text');
  assert.match(text.out, /onerror=alert\(1\)/, 'markup is shown as text on a terminal');
  const md = await run(['analyze', FILE, '--format', 'md']);
  assertMarkdownSafe(md.out, 'md');
  const csv = await run(['analyze', FILE, '--format', 'csv']);
  assert.ok(assertCsvSafe(csv.out, 'csv') > 100);
  const json = await run(['analyze', FILE, '--format', 'json']);
  assertTerminalSafe(json.out, 'json');
  const result = JSON.parse(json.out) as AnalysisResult;
  const picked = result.tables.find((t): t is FrequencyTable => t.kind === 'frequency' && t.label === 'Pick <script>alert(4)</script> | one')!;
  // JSON is data: every answer comes back exactly as it was in the file (after white space is tidied).
  assert.deepEqual(
    picked.rows.map((r) => r.label).sort(),
    HOSTILE.map((h) => h.trim()).sort(),
  );
  for (const r of [text, md, csv, json]) assertTerminalSafe(r.err, 'stderr');
});

test('analyze --out: CSV, Markdown, SVG, HTML, XLSX and JSON files, each safe for what opens it', async () => {
  const out = join(dir, 'out');
  // Crosstabs by the question whose header is a formula: hostile labels on both sides of a chart.
  const ok = await run(['analyze', FILE, '--out', out, '--vega-lite', '--by', HEADERS[0]!]);
  assert.equal(ok.code, 0, ok.err);
  assertTerminalSafe(ok.err, 'stderr');
  const files = filesUnder(out);
  const kinds = new Set(files.map((f) => f.slice(f.lastIndexOf('.'))));
  for (const k of ['.csv', '.md', '.svg', '.html', '.xlsx', '.json']) assert.ok(kinds.has(k), `${k} in ${[...kinds].join(' ')}`);
  const cells = new Set<string>();
  for (const f of files) {
    const text = readFileSync(f, 'utf8');
    // Not one raw control or bidi character in any file, JSON included (it writes them as \u escapes).
    if (!f.endsWith('.xlsx')) assertNoHidden(text, f);
    if (f.endsWith('.csv')) assertCsvSafe(text, f);
    else if (f.endsWith('.md')) assertMarkdownSafe(text, f);
    else if (f.endsWith('.svg') || f.endsWith('.html')) assertMarkupSafe(text, f);
    else if (f.endsWith('.xlsx')) assert.ok((await assertXlsxSafe(f, cells)) > 20);
    else if (f.endsWith('.json')) JSON.parse(text);
  }
  // Escaped, not dropped: the reader still sees what respondents wrote.
  const html = readFileSync(join(out, 'report.html'), 'utf8');
  assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt;'));
  assert.ok(html.includes('Pick &lt;script&gt;alert(4)&lt;/script&gt; | one'));
  // Shown, not dropped, and the same way everywhere: each "Ma?le" stays apart from "Male".
  const csv = parseCsv(readFileSync(join(out, 'tables.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
  const answers = new Set(csv.filter((r) => r['kind'] === 'frequency' && r['label'] === 'Pick <script>alert(4)</script> | one').map((r) => r['answer']));
  const picked = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as AnalysisResult;
  const table = picked.tables.find((t): t is FrequencyTable => t.kind === 'frequency' && t.label === 'Pick <script>alert(4)</script> | one')!;
  assert.equal(answers.size, HOSTILE.length, 'one CSV row per answer');
  assert.deepEqual(table.rows.map((r) => r.label).sort(), HOSTILE.map((h) => h.trim()).sort(), 'results.json keeps the exact text');
  const svg = readFileSync(join(out, 'charts', `${files.find((f) => /charts\/pick.*\.svg$/.test(f))!.split('/').pop()}`), 'utf8');
  for (const shown of SHOWN) {
    assert.ok(answers.has(shown), `tables.csv: ${shown}`);
    assert.ok(cells.has(shown), `tables.xlsx: ${shown}`);
    assert.ok(html.includes(shown.replace(/</g, '&lt;').replace(/>/g, '&gt;')), `report.html: ${shown}`);
    // The chart's description joins every answer: an unclosed U+202E there would reverse the rest.
    const desc = /<desc>([^<]*)<\/desc>/.exec(svg)?.[1] ?? '';
    assert.ok(desc.includes(shown.replace(/</g, '&lt;').replace(/>/g, '&gt;')), `chart <desc>: ${shown}`);
  }
});

test('report --rejects and clean: every cell of the respondent-level files is safe', async () => {
  const spec = join(dir, 'survey.yaml');
  writeFileSync(spec, `version: 1\ninput: { file: hostile.csv }\nfilters:\n  - { rule: expression, name: "=rule", remove: 'many > 4' }\n`);
  const rejects = join(dir, 'rejects.csv');
  const r = await run(['report', spec, '--rejects', rejects, '--format', 'csv']);
  assert.equal(r.code, 0, r.err);
  assertCsvSafe(r.out, 'report --format csv');
  assert.ok(assertCsvSafe(readFileSync(rejects, 'utf8'), 'rejects') > 20);
  const clean = join(dir, 'clean.csv');
  const c = await run(['clean', spec, '-o', clean]);
  assert.equal(c.code, 0, c.err);
  assert.ok(assertCsvSafe(readFileSync(clean, 'utf8'), 'clean') > 50);
  assertTerminalSafe(c.err, 'clean stderr');
});
