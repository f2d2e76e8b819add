/**
 * Reading on a second thread (with choice columns numbered there and coded by number on the
 * main thread) and reading on the main thread (every cell coded from its text) must give the
 * same report: tables, funnel, questions, diagnostics, codebook and rejected rows. Run on the
 * two reference studies and on a generated export made to be awkward for the dictionary
 * (spaces and case variants, a joined multi-select, a grid, quoted fields with commas, line
 * breaks and "" escapes, relaxed quotes in a choice column, a column of more distinct cells
 * than the dictionary numbers, trailing empty fields, blank lines, lines of white space and empty rows).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSpec, parseSpec } from '../../src/config/load-spec.js';
import type { LoadedSpec } from '../../src/config/load-spec.js';
import { runReport, type Report, type ReportOptions } from '../../src/engine/report.js';
import { analyzeFile } from '../../src/engine/analyze.js';
import { MAX_ENTRIES } from '../../src/ingest/dictionary.js';
import type { BannerTable, CrosstabTable, FrequencyTable } from '../../src/spec/result.js';
import { fromRoot } from '../helpers/paths.js';

interface Run {
  report: Report;
  rejects: [string, string[]][];
  kept: string[][];
  /** Cells of kept rows that came with the reading thread's number. */
  numbered: number;
}

/** Holds the main thread a moment, so that the reading thread runs ahead (it numbers cells while batches wait). */
function stall(ms: number): void {
  const until = Date.now() + ms;
  while (Date.now() < until);
}

async function run(loaded: LoadedSpec, specPath: string, readingThread: boolean, options: ReportOptions = {}, keep = false, stallMs = 100): Promise<Run> {
  const rejects: [string, string[]][] = [];
  const kept: string[][] = [];
  let numbered = 0;
  let progress = 0;
  const report = await runReport(loaded, specPath, {
    ...options,
    readingThread,
    onReject: (r, cells) => rejects.push([JSON.stringify(r), cells]),
    onProgress: () => {
      if (progress++ === 0) stall(stallMs);
    },
    ...(keep
      ? {
          onKeep: (_t, cells) => {
            kept.push(cells.toArray());
            for (let i = 0; i < cells.length; i++) if (cells.local(i) >= 0) numbered++;
          },
        }
      : {}),
  });
  return { report, rejects, kept, numbered };
}

/** Both ways of reading; asserts they agree and returns the threaded one. */
async function both(loaded: LoadedSpec, specPath: string, options: ReportOptions = {}, keep = false): Promise<Run> {
  // The reading thread numbers cells only while the main thread is behind, so on a loaded
  // machine a run may number none: then it runs again with the main thread held longer.
  let threaded = await run(loaded, specPath, true, options, keep);
  for (const stallMs of [400, 1500]) {
    if (!keep || threaded.numbered > 0) break;
    threaded = await run(loaded, specPath, true, options, keep, stallMs);
  }
  const here = await run(loaded, specPath, false, options, keep);
  const a = threaded.report.result;
  const b = here.report.result;
  assert.deepEqual(a.funnel, b.funnel, 'funnel');
  assert.deepEqual(a.questions, b.questions, 'questions');
  assert.deepEqual(a.diagnostics, b.diagnostics, 'diagnostics');
  assert.equal(a.tables.length, b.tables.length);
  a.tables.forEach((t, i) => assert.deepEqual(t, b.tables[i], `table ${t.id ?? i}`));
  assert.deepEqual(a, b, 'the whole result');
  assert.deepEqual(threaded.report.codebook, here.report.codebook, 'codebook');
  assert.deepEqual(threaded.rejects, here.rejects, 'rejected rows');
  assert.deepEqual(threaded.kept, here.kept, 'kept rows');
  assert.equal(here.numbered, 0, 'no numbers without a reading thread');
  if (keep) assert.ok(threaded.numbered > 0, 'the reading thread numbered cells (the comparison is not of text with text)');
  return threaded;
}

const WHATSAPP = fromRoot('fixtures/whatsapp-privacy-2021/survey.yaml');
const BANNER = fromRoot('fixtures/fivethirtyeight/masculinity-survey/banner.yaml');

test('WhatsApp study: the same report read on a second thread or not', async () => {
  const loaded = await loadSpec(WHATSAPP);
  const { report, rejects } = await both(loaded, WHATSAPP);
  // Not an empty comparison: the published funnel and a table.
  assert.deepEqual(report.result.funnel.map((s) => s.remaining), [1022, 774, 766, 649, 565]);
  assert.equal(rejects.length, 1022 - 565);
  const view = report.result.tables.find((t) => t.id === 'graph1') as FrequencyTable;
  assert.equal(view.base, 565);
});

test('WhatsApp study with a 20-row sample: answers first met in the main pass get the same codes either way', async () => {
  const loaded = await loadSpec(WHATSAPP);
  await both(loaded, WHATSAPP, { sampleRows: 20 }, true);
});

test('masculinity banner (weighted): the same report read on a second thread or not', async () => {
  const loaded = await loadSpec(BANNER);
  const { report } = await both(loaded, BANNER);
  const banner = report.result.tables.find((t) => t.id === 'banner') as BannerTable;
  assert.ok(banner.sections.length > 20);
  // No header cell ("q0001", "age3"...) became an answer.
  for (const s of banner.sections) for (const l of s.rowLabels) assert.doesNotMatch(l, /^(q\d{4}|age3|race2|kids|orientation)$/);
  for (const c of banner.columns) assert.doesNotMatch(c.label, /^(q\d{4}|age3|race2|kids|orientation)$/);
});

test('masculinity banner with a 10-row sample', async () => {
  const loaded = await loadSpec(BANNER);
  await both(loaded, BANNER, { sampleRows: 10 }, true);
});

// A generated export.
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s / 0x7fffffff;
  };
}

const ROWS = MAX_ENTRIES + 12_000;
const HEADER = ['Respondent', 'Email', 'fruit_q', 'apps_q', 'code_q', 'Grid - Speed', 'Grid - Price', 'Grid - Service', 'Pick - Red', 'Pick - Blue', 'Comment', 'region_q'];

function generate(): { text: string; distinctCodes: number } {
  const rnd = random(20260101);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const q = (s: string) => `"${s.replaceAll('"', '""')}"`;
  const fruits = ['Apple', ' apple', 'APPLE ', 'Banana', 'banana ', ' Banana ', 'Cherry', 'cherry', '', 'Prefer not to say', 'Bombay apple'];
  const apps = ['Telegram', 'Signal', q('Telegram, Signal'), q('Signal, Other'), 'Other', '', q('Telegram, Signal, Other'), q(' telegram , Signal'), q('Signal, Something new')];
  const scale = ['Agree', 'Neutral', 'Disagree', ' agree', 'Disagree ', '', 'Strongly agree'];
  const picks = ['Red', '', 'Not selected', 'red', 'Yes'];
  const comments = ['fine', q('a, b'), q('line one\nline two'), q('he said ""wow""'), q('"quoted", then\r\nmore'), '', 'x"y', q('')];
  const regions = ['North', q('North, East'), 'South', q('West "coast"'), '"South"ish', ' north', 'East', q('')];
  // A space on a line before the header too: skipped, not read as a header of one column.
  const lines = [' ', HEADER.join(',')];
  const codes = new Set<string>();
  for (let i = 0; i < ROWS; i++) {
    // A late answer in each choice column: first met well past any sample.
    const late = i > ROWS - 500 && i % 50 === 0;
    const code = i % 9 === 4 ? `c${i % 300}` : `c${i}`;
    codes.add(code);
    const row = [
      String(1000 + i),
      i % 37 === 0 ? 'dup@example.org' : `r${i}@example.org`,
      late ? 'Durian' : pick(fruits),
      late ? q('Telegram, Matrix') : pick(apps),
      code,
      pick(scale),
      pick(scale),
      late ? 'Totally' : pick(scale),
      pick(picks),
      pick(picks),
      pick(comments),
      late ? 'Far "away"' : pick(regions),
    ];
    // Trailing empty (or blank) fields past the header's width.
    const extra = i % 97 === 0 ? ',,' : i % 101 === 0 ? ', ,' : '';
    lines.push(row.join(',') + extra);
    if (i % 4999 === 0) lines.push('');
    // A line of white space only is a blank line, not a ragged row.
    if (i % 5003 === 0) lines.push(i % 2 ? ' ' : ' \t');
    if (i % 3001 === 0) lines.push(','.repeat(HEADER.length - 1));
    if (i % 7001 === 0) lines.push(','.repeat(HEADER.length + 1));
  }
  // Ends as an editor may leave it: a space on the last line.
  return { text: lines.join('\n') + '\n \n', distinctCodes: codes.size };
}

const dir = mkdtempSync(join(tmpdir(), 'survey-reading-thread-'));
const { text, distinctCodes } = generate();
writeFileSync(join(dir, 'export.csv'), text);
test.after(() => rmSync(dir, { recursive: true, force: true }));

const QUESTIONS = `questions:
  - { id: email, column: Email, type: pii }
  - { id: fruit, column: fruit_q, type: single, foldCase: true, recode: { Bombay apple: Apple }, missing: [Prefer not to say], showMissing: true }
  - { id: apps, column: apps_q, type: multi, separator: ", ", options: [Telegram, Signal, Other], foldCase: true }
  - { id: code, column: code_q, type: single }
  - id: grid
    type: matrix
    options: [Agree, Neutral, Disagree]
    foldCase: true
    items: [{ column: Grid - Speed }, { column: Grid - Price }, { column: Grid - Service }]
  - id: pick
    type: multi
    layout: columns
    items: [{ column: Pick - Red, label: Red }, { column: Pick - Blue, label: Blue }]
  - { id: comment, column: Comment, type: text }
  - { id: region, column: region_q, type: single }
`;

const MAIN_SPEC = `version: 1
input: { file: export.csv }
${QUESTIONS}filters:
  - { rule: duplicates, name: duplicate e-mails, keys: [{ question: email, normalize: email }], keep: last }
  - { rule: straightlining, grid: grid }
  - { rule: expression, name: no region, remove: region == null }
tables:
  - { id: fruit, type: frequency, question: fruit }
  - { id: apps, type: frequency, question: apps }
  - { id: code, type: frequency, question: code }
  - { id: grid, type: frequency, question: grid }
  - { id: pick, type: frequency, question: pick }
  - { id: region, type: frequency, question: region }
  - { id: fruit_by_region, type: crosstab, row: fruit, column: region }
  - { id: apps_by_fruit, type: crosstab, row: apps, column: fruit }
  - { id: banner, type: banner, rows: [fruit, apps, grid.item_1, pick], columns: [region, fruit] }
`;

test(`generated export (${ROWS} rows, a column of more than ${MAX_ENTRIES} distinct cells): the same report read on a second thread or not`, async () => {
  assert.ok(distinctCodes > MAX_ENTRIES, `${distinctCodes} distinct codes`);
  const specPath = join(dir, 'survey.yaml');
  const { report, rejects } = await both(parseSpec(MAIN_SPEC, specPath), specPath);
  const r = report.result;
  const t = (id: string) => {
    const x = r.tables.find((y) => y.id === id);
    assert.ok(x, id);
    return x;
  };
  // The rows: every data row read, the empty rows reported, blank lines skipped.
  assert.equal(r.funnel[0]!.remaining, ROWS);
  assert.ok(r.diagnostics.some((d) => d.code === 'SURVEY_EMPTY_ROWS'));
  assert.ok(rejects.length > 0);
  // The header never becomes an answer, in any choice column.
  const fruit = t('fruit') as FrequencyTable;
  const labels = fruit.rows.map((x) => x.label);
  for (const h of HEADER) assert.ok(!labels.includes(h), `header '${h}' among the fruit answers`);
  assert.ok(labels.includes('Apple') && labels.includes('Banana') && labels.includes('Durian'), labels.join(' / '));
  assert.ok(!labels.includes('apple') && !labels.includes(' apple'), 'case and spaces folded');
  const code = t('code') as FrequencyTable;
  assert.ok(!code.rows.some((x) => x.label === 'code_q'), 'the header of the big column is not an answer');
  assert.ok(code.rows.length > MAX_ENTRIES - 1000, `${code.rows.length} code answers`);
  const region = t('region') as FrequencyTable;
  const regions = region.rows.map((x) => x.label);
  assert.ok(!regions.includes('region_q'));
  assert.ok(regions.includes('North, East') && regions.includes('West "coast"') && regions.includes('"South"ish') && regions.includes('Far "away"'), regions.join(' / '));
  const apps = t('apps') as FrequencyTable;
  assert.ok(!apps.rows.some((x) => x.label === 'apps_q'));
  const x = t('fruit_by_region') as CrosstabTable;
  assert.ok(!x.rowLabels.includes('fruit_q') && !x.columnLabels.includes('region_q'));
});

test('generated export, a 50-row sample and every question coded (onKeep): the same either way', async () => {
  const specPath = join(dir, 'survey.yaml');
  const { kept } = await both(parseSpec(MAIN_SPEC, specPath), specPath, { sampleRows: 50 }, true);
  assert.ok(kept.length > 1000);
  assert.equal(kept[0]!.length, HEADER.length, 'kept rows cut to the header width');
});

test('generated export, raked (a third pass with its own numbers): the same either way', async () => {
  const spec = `version: 1
input: { file: export.csv }
${QUESTIONS}filters:
  - { rule: straightlining, grid: grid }
weighting:
  rake:
    region: { North: 0.3, "North, East": 0.2, South: 0.2, 'West "coast"': 0.1, '"South"ish': 0.1, East: 0.1, north: 0, 'Far "away"': 0 }
tables:
  - { id: fruit, type: frequency, question: fruit }
  - { id: apps_by_region, type: crosstab, row: apps, column: region }
  - { id: grid, type: frequency, question: grid }
`;
  const specPath = join(dir, 'raked.yaml');
  const { report } = await both(parseSpec(spec, specPath), specPath, { sampleRows: 200 });
  assert.ok(report.result.weights, 'weighted');
  const fruit = report.result.tables.find((t) => t.id === 'fruit') as FrequencyTable;
  assert.ok(!fruit.rows.some((r) => r.label === 'fruit_q'));
});

test('a header cell that is also an answer: counted for the data rows that hold it, either way', async () => {
  // The header's cell is numbered first; rows holding the same text share its number.
  const rows = ['id,q1,q2'];
  for (let i = 0; i < 30_000; i++) rows.push(`${i},${['q1', 'Yes', 'No', 'q1 '][i % 4]},${i % 5 === 0 ? 'q2' : 'Other'}`);
  writeFileSync(join(dir, 'same.csv'), rows.join('\n') + '\n');
  const spec = `version: 1
input: { file: same.csv }
questions:
  - { id: q1, column: q1, type: single }
  - { id: q2, column: q2, type: single }
tables:
  - { id: q1, type: frequency, question: q1 }
  - { id: q2, type: frequency, question: q2 }
`;
  const specPath = join(dir, 'same.yaml');
  for (const sampleRows of [undefined, 2]) {
    const { report } = await both(parseSpec(spec, specPath), specPath, sampleRows === undefined ? {} : { sampleRows }, true);
    const counts = (id: string) => Object.fromEntries((report.result.tables.find((t) => t.id === id) as FrequencyTable).rows.map((r) => [r.label, r.count]));
    assert.deepEqual(counts('q1'), { q1: 15_000, Yes: 7500, No: 7500 }, `sample ${sampleRows}`);
    assert.deepEqual(counts('q2'), { q2: 6000, Other: 24_000 }, `sample ${sampleRows}`);
  }
});

test('a ragged row: the same error (code, line and column) either way', async () => {
  const rows = ['id,color,"multi\nline header"'];
  for (let i = 0; i < 2000; i++) rows.push(i === 1500 ? `${i},Red,"a, b",extra` : `${i},${i % 2 ? 'Red' : 'Blue'},"x\ny"`);
  writeFileSync(join(dir, 'ragged.csv'), rows.join('\n') + '\n');
  const spec = `version: 1
input: { file: ragged.csv }
questions:
  - { id: color, column: color, type: single }
tables:
  - { id: color, type: frequency, question: color }
`;
  const specPath = join(dir, 'ragged.yaml');
  const errors: unknown[] = [];
  for (const readingThread of [true, false]) {
    const e = await runReport(parseSpec(spec, specPath), specPath, { readingThread }).then(
      () => assert.fail('a ragged row is an error'),
      (x: unknown) => x,
    );
    const { code, location } = e as { code: string; location: unknown };
    errors.push({ code, location });
  }
  // Header on lines 1-2, row i on lines 3 + 2i and 4 + 2i: row 1500 starts on line 3003; its
  // field 4 is the first past the header's 3.
  assert.deepEqual(errors[0], { code: 'SURVEY_CSV_RAGGED_ROW', location: { file: 'ragged.csv', line: 3003, column: 4 } });
  assert.deepEqual(errors[1], errors[0]);
});

test('a quote never closed: the same error (code, line and field) either way (the reading thread dropped the field)', async () => {
  const rows = ['id,color,note'];
  for (let i = 0; i < 2000; i++) rows.push(i === 1500 ? `${i},Red,"open` : `${i},${i % 2 ? 'Red' : 'Blue'},x`);
  writeFileSync(join(dir, 'unclosed.csv'), rows.join('\n') + '\n');
  const spec = `version: 1
input: { file: unclosed.csv }
questions:
  - { id: color, column: color, type: single }
tables:
  - { id: color, type: frequency, question: color }
`;
  const specPath = join(dir, 'unclosed.yaml');
  const errors: unknown[] = [];
  for (const readingThread of [true, false]) {
    const e = await runReport(parseSpec(spec, specPath), specPath, { readingThread }).then(
      () => assert.fail('an unclosed quote is an error'),
      (x: unknown) => x,
    );
    const { code, location } = e as { code: string; location: unknown };
    errors.push({ code, location });
  }
  assert.deepEqual(errors[0], { code: 'SURVEY_CSV_QUOTE_NOT_CLOSED', location: { file: 'unclosed.csv', line: 1502, column: 3 } });
  assert.deepEqual(errors[1], errors[0]);
});

test('survey analyze: the same result read on a second thread (choice columns numbered from the batch after the sample) or not', async () => {
  const file = join(dir, 'export.csv');
  // The sample ends early, so that most of the file comes after the columns are known.
  let progress = 0;
  const options = { sampleRows: 200, by: ['region_q'], onProgress: () => void (progress++ === 0 && stall(100)) };
  const threaded = await analyzeFile(file, { ...options, worker: true });
  const here = await analyzeFile(file, { ...options, worker: false });
  assert.ok(threaded.result.tables.length > 10);
  threaded.result.tables.forEach((t, i) => assert.deepEqual(t, here.result.tables[i], `table ${i}`));
  assert.deepEqual(threaded.result, here.result);
  const fruit = threaded.result.tables.find((t) => t.kind === 'frequency' && t.question === 'fruit_q') as FrequencyTable;
  assert.ok(fruit.rows.some((r) => r.label === 'Durian'), 'an answer first met late');
  assert.ok(!fruit.rows.some((r) => HEADER.includes(r.label)), 'no header cell became an answer');
});

test('a leading one-key keep-first duplicates rule kept on the reading thread: the same report, the same reasons', async () => {
  const spec = `version: 1
input: { file: export.csv }
${QUESTIONS}filters:
  - { rule: duplicates, name: duplicate e-mails, keys: [{ question: email, normalize: email }] }
  - { rule: expression, name: no region, remove: region == null }
tables:
  - { id: fruit, type: frequency, question: fruit }
  - { id: fruit_by_region, type: crosstab, row: fruit, column: region }
`;
  const specPath = join(dir, 'survey-first.yaml');
  let precomputed = 0;
  const { report, rejects } = await both(parseSpec(spec, specPath), specPath, {
    onKeep: (_t, cells) => void (cells.seenBefore >= 0 && precomputed++),
  });
  assert.ok(precomputed > 0, 'rows came with the reading thread’s answer');
  const dups = rejects.filter(([r]) => (JSON.parse(r) as { rule: string }).rule === 'duplicate e-mails');
  // Every 37th row repeats one address: all but the first are removed, each naming the first's line.
  assert.equal(dups.length, Math.ceil(ROWS / 37) - 1);
  const lines = new Set(dups.map(([r]) => (JSON.parse(r) as { reason: string }).reason));
  assert.equal(lines.size, 1, [...lines].join(' / '));
  assert.match([...lines][0]!, /^same e-mail as line \d+$/);
  assert.equal(report.result.funnel[1]!.removed, dups.length);
});

test('a line of white space before the header: the reading thread keeps no key for it (the header is no row), as the main thread does not', async () => {
  // A row whose key is the header's text: were the header read as a row, that row would be its duplicate.
  const rows = [' ', 'id,code'];
  for (let i = 0; i < 3000; i++) rows.push(`${i},${i === 10 ? 'code' : `c${i % 1000}`}`);
  writeFileSync(join(dir, 'lead-space.csv'), rows.join('\n') + '\n');
  const spec = `version: 1
input: { file: lead-space.csv }
questions:
  - { id: code, column: code, type: text }
filters:
  - { rule: duplicates, name: same code, keys: [{ question: code }] }
tables:
  - { id: code, type: frequency, question: code }
`;
  const specPath = join(dir, 'lead-space.yaml');
  const { report } = await both(parseSpec(spec, specPath), specPath);
  // c0..c999 three times each, once kept; 'code' once, kept.
  assert.equal(report.result.funnel.at(-1)!.remaining, 1001);
});

test("a grid's answers listed by count under a table's filter: one order, the same read on a second thread or not, weighted or not", async () => {
  const data = JSON.stringify(fromRoot('fixtures/fivethirtyeight/flying-etiquette-survey/flying-etiquette.csv'));
  const spec = (weighting: string) =>
    `version: 1\ninput: { file: ${data} }\nquestions:\n  - id: arm\n    type: matrix\n    items:\n` +
    '      - { id: three, column: "In a row of three seats, who should get to use the two arm rests?" }\n' +
    '      - { id: two, column: "In a row of two seats, who should get to use the middle arm rest?" }\n' +
    weighting +
    `tables:\n  - { id: arm, type: frequency, question: arm }\n  - { id: young, type: crosstab, row: arm.two, column: gender, filter: 'age == "18-29"' }\n` +
    `  - { id: banner, type: banner, rows: [arm.three], columns: [arm.two], filter: 'age == "18-29"' }\n`;
  for (const weighting of ['', 'weighting:\n  rake:\n    gender: { Male: 0.3, Female: 0.7 }\n']) {
    const specPath = join(dir, 'arm.yaml');
    const { report } = await both(parseSpec(spec(weighting), specPath), specPath, { sampleRows: 100 });
    const tables = report.result.tables;
    const order = (tables.find((t) => t.id === 'arm') as FrequencyTable).rows.map((r) => r.label);
    assert.deepEqual((tables.find((t) => t.id === 'young') as CrosstabTable).rowLabels, order, weighting);
    const banner = tables.find((t) => t.id === 'banner') as BannerTable;
    assert.deepEqual(banner.sections[0]!.rowLabels, order, weighting);
    assert.deepEqual(banner.columns.filter((c) => c.question === 'arm.two').map((c) => c.label), order, weighting);
  }
});

test('negative weights: the same error (code, line, column, count) either way, for a spec\'s weight:, with raking, and for analyze --weight', async () => {
  const rows = ['id,color,wt'];
  // Row i is on line i + 2: negatives after the sample of 200, and one inside it.
  for (let i = 0; i < 3000; i++) rows.push(`${i},${i % 3 ? 'Red' : 'Blue'},${i === 1500 ? '-1.5' : i === 2500 || i === 50 ? '-2' : String(1 + (i % 4) / 4)}`);
  writeFileSync(join(dir, 'negative.csv'), rows.join('\n') + '\n');
  const weighting = ['weight: wt\n', 'weighting:\n  weight: wt\n  rake:\n    color: { Red: 0.5, Blue: 0.5 }\n'];
  for (const w of weighting) {
    const spec = `version: 1\ninput: { file: negative.csv }\nquestions:\n  - { id: color, column: color, type: single }\n  - { id: wt, column: wt, type: numeric }\n${w}tables:\n  - { id: color, type: frequency, question: color }\n`;
    const specPath = join(dir, 'negative.yaml');
    const errors: unknown[] = [];
    for (const readingThread of [true, false]) {
      for (const sampleRows of [20, 50_000]) {
        const e = await runReport(parseSpec(spec, specPath), specPath, { readingThread, sampleRows }).then(
          () => assert.fail('a negative weight is an error'),
          (x: unknown) => x,
        );
        const { code, location, message, exitCode } = e as { code: string; location: unknown; message: string; exitCode: number };
        errors.push({ code, location, message, exitCode });
      }
    }
    assert.deepEqual(errors[0], { code: 'SURVEY_WEIGHT_NEGATIVE', location: { file: 'negative.csv', line: 52, column: 3 }, message: "weight 'wt' is -2 here, and negative in 3 kept rows in all: a sampling weight is 0 or more", exitCode: 3 }, w);
    for (const e of errors.slice(1)) assert.deepEqual(e, errors[0], w);
  }
  const file = join(dir, 'negative.csv');
  for (const worker of [true, false]) {
    for (const sampleRows of [20, 200, 50_000]) {
      const e = await analyzeFile(file, { weight: 'wt', worker, sampleRows, displayName: 'negative.csv' }).then(
        () => assert.fail('a negative weight is an error'),
        (x: unknown) => x,
      );
      const { code, location, message } = e as { code: string; location: unknown; message: string };
      assert.deepEqual({ code, location, message }, { code: 'SURVEY_WEIGHT_NEGATIVE', location: { file: 'negative.csv', line: 52, column: 3 }, message: "weight 'wt' is -2 here, and negative in 3 kept rows in all: a sampling weight is 0 or more" }, `worker ${worker}, sample ${sampleRows}`);
    }
  }
});
