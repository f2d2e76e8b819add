/**
 * Properties of the tables, for any export the generators make (see generate.ts): counts add up
 * to bases, percentages to 100, every respondent is either in a base or missing, single-choice
 * counts equal a count of the raw cells, row order changes nothing, and unit weights (or raking
 * to the sample's own margins) give the unweighted tables back.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { basename } from 'node:path';
import { analyzeFile } from '../../src/engine/analyze.js';
import type { Analysis } from '../../src/engine/finish.js';
import { runReport } from '../../src/engine/report.js';
import { parseSpec } from '../../src/config/load-spec.js';
import { isSurveyError } from '../../src/errors/survey-error.js';
import { isBlank, normalizeCell } from '../../src/codebook/values.js';
import { splitCell, type Joiner } from '../../src/codebook/multi.js';
import type { FrequencyTable, Table } from '../../src/spec/result.js';
import { exportCsv, params, answersSomething, respondents, rowsOf, scratch, surveyExport, toCsv, type Export } from './generate.js';

const PROTOTYPE_KEYS = Object.getOwnPropertyNames(Object.prototype).sort();
const tmp = scratch('prop-tables');
after(() => tmp.dispose());

const EPS = 1e-9;
const close = (a: number | null | undefined, b: number | null | undefined, what: string) => {
  if (a === null || a === undefined || b === null || b === undefined) return assert.equal(a ?? null, b ?? null, what);
  assert.ok(Math.abs(a - b) <= EPS * Math.max(1, Math.abs(a), Math.abs(b)), `${what}: ${a} vs ${b}`);
};
/** Nothing is suppressed here: a null would make the sum NaN and fail. */
const sum = (xs: readonly (number | null)[]) => xs.reduce<number>((s, x) => s + (x ?? Number.NaN), 0);

/** A one-column export whose only header is empty is a blank first line, not a header: excluded. */
const readable = (e: Export) => !(e.columns.length === 1 && e.columns[0]!.header.trim() === '');

/** `sampleRows`: rows the codebook is inferred from; later rows are coded as they stream past. */
async function analyze(e: Export, order?: number[], sampleRows?: number): Promise<Analysis | 'header-only'> {
  const file = tmp.file('export.csv', exportCsv(e, order));
  try {
    return await analyzeFile(file, { headerRows: 1, ...(sampleRows ? { sampleRows } : {}) });
  } catch (err) {
    if (isSurveyError(err) && err.code === 'SURVEY_CSV_HEADER_ONLY') return 'header-only';
    throw err;
  }
}

/** The answer rows (no nets, no declared missing); nothing is suppressed in these tables. */
function answers(t: FrequencyTable) {
  return t.rows
    .filter((r) => !r.net && !r.missing)
    .map((r) => {
      assert.ok(r.count !== null && r.percent !== null, 'no disclosure control here');
      return { ...r, count: r.count, percent: r.percent };
    });
}

/** What must hold of every table of an unweighted analysis of `rows` respondents. */
function checkTable(t: Table, rows: number, layoutOf: (id: string) => string | undefined): void {
  const where = `${t.kind} ${'question' in t ? t.question : ''} ${'item' in t ? (t.item ?? '') : ''}`;
  switch (t.kind) {
    case 'frequency': {
      const rs = answers(t);
      const counts = rs.map((r) => r.count);
      for (const c of counts) assert.ok(Number.isInteger(c) && c >= 0 && c <= t.base, `${where}: count ${c} of base ${t.base}`);
      // One row per answer: a reader can tell every row from the others.
      assert.equal(new Set(rs.map((r) => r.label)).size, rs.length, `${where}: answer labels are unique: ${JSON.stringify(rs.map((r) => r.label))}`);
      assert.equal(t.base + t.missing, rows, `${where}: base + missing = respondents`);
      if (t.type === 'multi') {
        assert.equal(sum(counts), t.responses, `${where}: answers given`);
        if ((t.responses ?? 0) > 0) close(sum(rs.map((r) => r.percentOfResponses ?? NaN)), 100, `${where}: % of responses`);
        // Joined cells name at least one option when answered; option columns may all say "not selected".
        if (layoutOf(t.question) === 'joined') assert.ok(sum(counts) >= t.base, `${where}: multi counts ${sum(counts)} >= base ${t.base}`);
        for (const r of rs) close(r.percent, t.base > 0 ? (100 * r.count) / t.base : 0, `${where}: % of respondents`);
      } else {
        assert.equal(sum(counts), t.base, `${where}: single-choice counts = base`);
        if (t.base > 0) close(sum(rs.map((r) => r.percent)), 100, `${where}: percentages`);
      }
      break;
    }
    case 'numeric':
      assert.equal(t.n + t.missing + t.invalid, rows, `${where}: n + missing + invalid`);
      if (t.n > 0) assert.ok(t.min! <= t.median! && t.median! <= t.max! && t.min! <= t.mean! + EPS * Math.abs(t.mean!) && t.mean! <= t.max! + EPS * Math.abs(t.mean!), `${where}: min <= median, mean <= max`);
      if (t.bins) assert.equal(sum(t.bins.map((b) => b.count)), t.n, `${where}: histogram`);
      break;
    case 'text':
      assert.equal(t.n + t.missing, rows, `${where}: n + missing`);
      assert.ok(t.distinct <= t.n, `${where}: distinct <= answered`);
      break;
    case 'crosstab': {
      const total = sum(t.counts.flat());
      if (!t.multi) {
        assert.equal(sum(t.rowBases), t.base, `${where}: row bases`);
      }
      assert.ok(total >= 0);
      t.columnLabels.forEach((_, c) => {
        if ((t.columnBases[c] ?? 0) > 0 && !t.multi) close(sum(t.rowLabels.map((__, r) => (t.netRows?.includes(r) ? 0 : t.columnPercents[r]![c]!))), 100, `${where}: column % of column ${c}`);
      });
      break;
    }
    default:
      break;
  }
}

/** An export, and how many of its rows to infer the codebook from (all of them, or fewer). */
const exportAndSample = surveyExport.chain((e) => fc.tuple(fc.constant(e), fc.option(fc.integer({ min: 1, max: e.rows }), { nil: undefined })));

test('counts add up to bases and percentages to 100 in every table, for any export', { timeout: 60_000 }, async () => {
  await fc.assert(
    fc.asyncProperty(exportAndSample, async ([e, sampleRows]) => {
      fc.pre(readable(e));
      const a = await analyze(e, undefined, sampleRows);
      const n = respondents(e);
      if (a === 'header-only') return assert.equal(n, 0, 'header only, yet respondents');
      assert.equal(a.result.input.rows, n, 'respondents');
      const layouts = new Map(a.codebook.questions.map((q) => [q.id, q.layout?.kind]));
      for (const t of a.result.tables) checkTable(t, n, (id) => layouts.get(id));
      // Every question that is not personal data has a table; personal data has none.
      const tabled = new Set(a.result.tables.map((t) => ('question' in t ? t.question : '')));
      for (const q of a.codebook.questions) assert.equal(tabled.has(q.id), q.type !== 'pii', `${q.id} (${q.type})`);
    }),
    params(120),
  );
});

test('single-choice counts are the raw cells counted by hand, answers first seen after the sample included', { timeout: 60_000 }, async () => {
  await fc.assert(
    fc.asyncProperty(exportAndSample, async ([e, sampleRows]) => {
      fc.pre(readable(e));
      const a = await analyze(e, undefined, sampleRows);
      if (a === 'header-only') return;
      const rows = rowsOf(e).filter(answersSomething);
      for (const q of a.codebook.questions) {
        if (q.type !== 'single' || q.layout !== undefined || q.columns.length !== 1 || q.derived) continue;
        const expected = new Map<string, number>();
        for (const r of rows) {
          const v = normalizeCell(r[q.columns[0]!]!);
          if (!isBlank(v)) expected.set(v, (expected.get(v) ?? 0) + 1);
        }
        const t: FrequencyTable = a.result.tables.find((x): x is FrequencyTable => x.kind === 'frequency' && x.question === q.id)!;
        const got: Map<string, number> = new Map(answers(t).filter((r) => r.count > 0).map((r) => [r.label, r.count]));
        assert.deepEqual(got, expected, q.id);
        // Labels are unique within a table: one row per answer.
        assert.equal(new Set(answers(t).map((r) => r.label)).size, answers(t).length, `${q.id}: duplicate labels`);
      }
    }),
    params(80),
  );
});

test('crosstabs: cells add up to row and column bases, and never exceed the frequencies', { timeout: 60_000 }, async () => {
  await fc.assert(
    fc.asyncProperty(surveyExport, fc.nat(), async (e, pick) => {
      fc.pre(readable(e));
      const file = tmp.file('by.csv', exportCsv(e));
      const plain = await analyzeFile(file, { headerRows: 1 }).catch(() => null);
      fc.pre(plain !== null);
      const choices = plain!.codebook.questions.filter((q) => q.type === 'single' || q.type === 'multi');
      fc.pre(choices.length > 0);
      const by = choices[pick % choices.length]!;
      const a = await analyzeFile(file, { headerRows: 1, by: [by.id] });
      const freq = new Map(a.result.tables.filter((t): t is FrequencyTable => t.kind === 'frequency' && t.item === undefined).map((t) => [t.question, t]));
      const column = freq.get(by.id)!;
      for (const t of a.result.tables) {
        if (t.kind !== 'crosstab') continue;
        const where = `${t.row} x ${t.column}`;
        assert.equal(t.column, by.id, where);
        assert.ok(t.base <= column.base, `${where}: base ${t.base} <= ${column.base}`);
        const answers = t.rowLabels.map((_, r) => r).filter((r) => !t.netRows?.includes(r));
        const columnSingle = by.type === 'single';
        t.columnLabels.forEach((label, c) => {
          const cell = answers.map((r) => t.counts[r]![c]!);
          // A respondent answering a single-choice row question is in exactly one row of their column(s).
          if (!t.multi) assert.equal(sum(cell), t.columnBases[c], `${where}: column ${label}`);
          else assert.ok(sum(cell) >= 0);
          const f = column.rows.find((x) => x.label === label && !x.net);
          if (f) assert.ok((t.columnBases[c] ?? 0) <= f.count!, `${where}: column base of ${label} <= its count`);
        });
        answers.forEach((r) => {
          const cells = t.columnLabels.map((_, c) => t.counts[r]![c]!);
          if (columnSingle) assert.equal(sum(cells), t.rowBases[r], `${where}: row ${t.rowLabels[r]}`);
          // A multi-select column question answered with nothing chosen is in the base but in no column.
          t.columnLabels.forEach((_, c) => assert.ok(cells[c]! <= Math.min(t.rowBases[r]!, t.columnBases[c]!), `${where}: cell ${r},${c} within its bases`));
        });
        if (columnSingle) assert.equal(sum(t.columnBases), t.base, `${where}: column bases`);
      }
    }),
    params(60),
  );
});

/**
 * Every number of the tables, keyed by table and answer rather than position, so that tables
 * and answers may come in another order. Repeated keys (two grid items or option columns with
 * one label) are told apart by their occurrence.
 */
function counts(tables: readonly Table[]): Map<string, number | null> {
  const out = new Map<string, number | null>();
  const seen = new Map<string, number>();
  const unique = (k: string) => {
    const n = (seen.get(k) ?? 0) + 1;
    seen.set(k, n);
    return `${k}#${n}`;
  };
  for (const t of tables) {
    const key = unique(`${t.kind}|${'question' in t ? t.question : ''}|${'item' in t ? (t.item ?? '') : ''}`);
    switch (t.kind) {
      case 'frequency':
        out.set(`${key}|base`, t.base);
        out.set(`${key}|missing`, t.missing);
        for (const r of t.rows) {
          const k = unique(`${key}|${r.net ? 'net:' : ''}${r.label}`);
          out.set(`${k}|count`, r.count);
          out.set(`${k}|percent`, r.percent);
          if (r.percentOfResponses !== undefined) out.set(`${k}|percentOfResponses`, r.percentOfResponses);
          if (r.ci) out.set(`${k}|ci`, r.ci[0]).set(`${k}|ci2`, r.ci[1]);
        }
        break;
      case 'numeric':
        for (const k of ['n', 'missing', 'invalid', 'median', 'min', 'max', 'mean', 'sd'] as const) out.set(`${key}|${k}`, t[k]);
        break;
      case 'text':
        for (const k of ['n', 'missing', 'distinct'] as const) out.set(`${key}|${k}`, t[k]);
        break;
      default:
        break;
    }
  }
  return out;
}

function sameCounts(a: Map<string, number | null>, b: Map<string, number | null>, what: string): void {
  assert.deepEqual([...a.keys()].sort(), [...b.keys()].sort(), `${what}: the same tables and answers`);
  for (const [k, v] of a) close(v, b.get(k), `${what}: ${k}`);
}

test('re-ordering the rows changes no count, base, type or question', { timeout: 60_000 }, async () => {
  await fc.assert(
    fc.asyncProperty(
      surveyExport.chain((e) => fc.tuple(fc.constant(e), fc.shuffledSubarray([...Array(e.rows).keys()], { minLength: e.rows, maxLength: e.rows }))),
      async ([e, order]) => {
        fc.pre(readable(e));
        const a = await analyze(e);
        const b = await analyze(e, order);
        if (a === 'header-only' || b === 'header-only') return assert.equal(a, b);
        assert.deepEqual(
          b.result.questions.map((q) => [q.id, q.type]),
          a.result.questions.map((q) => [q.id, q.type]),
        );
        sameCounts(counts(b.result.tables), counts(a.result.tables), 'shuffled');
      },
    ),
    params(60),
  );
});

/** The export with a last column of weights, all 1 (the name must not group with the column before it). */
function withUnitWeights(e: Export): string {
  const rows = rowsOf(e).map((r) => [...r, '1']);
  return toCsv([...e.columns.map((c) => c.header), 'Unit weight'], rows);
}

test('unit weights give the unweighted tables back', { timeout: 60_000 }, async () => {
  await fc.assert(
    fc.asyncProperty(surveyExport, async (e) => {
      const file = tmp.file('weighted.csv', withUnitWeights(e));
      const plain = await analyzeFile(file, { headerRows: 1 });
      const column = e.columns.length + 1;
      const spec = `version: 1\ninput: { file: ${JSON.stringify(basename(file))}, headerRows: 1 }\nquestions:\n  - { id: unit_weight_zz, column: ${column}, type: numeric }\nweight: unit_weight_zz\n`;
      const report = await runReport(parseSpec(spec, 'survey.yaml'), file);
      assert.ok(report.result.weights, 'weighted');
      // Every row has a weight, so every row is a respondent.
      assert.equal(report.result.weights.effectiveBase, e.rows);
      const weightQuestion = plain.codebook.questions.find((q) => q.columns.includes(column - 1))!.id;
      const drop = (ts: Table[], id: string) => ts.filter((t) => !('question' in t) || t.question !== id);
      // Counts, percentages and intervals (the effective base is the respondents when every weight is 1).
      sameCounts(counts(drop(report.result.tables, 'unit_weight_zz')), counts(drop(plain.result.tables, weightQuestion)), 'unit weights');
    }),
    params(40),
  );
});

test("raking to the sample's own margins leaves every count as it was", { timeout: 60_000 }, async () => {
  await fc.assert(
    fc.asyncProperty(surveyExport, async (e) => {
      fc.pre(readable(e) && respondents(e) > 0);
      const file = tmp.file('rake.csv', exportCsv(e));
      const plain = await analyzeFile(file, { headerRows: 1 });
      // Rake on the first single-choice question, to the shares it already has.
      const q = plain.codebook.questions.find((x) => x.type === 'single' && x.layout === undefined && x.columns.length === 1);
      fc.pre(q !== undefined);
      const t = plain.result.tables.find((x): x is FrequencyTable => x.kind === 'frequency' && x.question === q!.id)!;
      fc.pre(t.base > 0);
      // Population counts (not shares) so no rounding of shares is involved: the observed counts.
      const targets = answers(t).filter((r) => r.count > 0).map((r) => `      ${JSON.stringify(r.label)}: ${r.count}`);
      const spec = `version: 1\ninput: { file: ${JSON.stringify(basename(file))}, headerRows: 1 }\nweighting:\n  rake:\n    ${q!.id}:\n${targets.join('\n')}\n`;
      const report = await runReport(parseSpec(spec, 'survey.yaml'), file);
      sameCounts(counts(report.result.tables), counts(plain.result.tables), 'raked to own margins');
    }),
    params(40),
  );
});

test('recoding answer a to b counts every respondent who gave a or b once, in b', { timeout: 60_000 }, async () => {
  await fc.assert(
    fc.asyncProperty(surveyExport, fc.nat(), fc.nat(), fc.nat(), async (e, pickQ, pickA, pickB) => {
      fc.pre(readable(e) && respondents(e) > 0);
      const file = tmp.file('recode.csv', exportCsv(e));
      const plain = await analyzeFile(file, { headerRows: 1 });
      const candidates = plain.codebook.questions.filter((q) => (q.type === 'single' && q.layout === undefined) || (q.type === 'multi' && q.layout?.kind === 'joined'));
      fc.pre(candidates.length > 0);
      const q = candidates[pickQ % candidates.length]!;
      fc.pre(q.options.length >= 2);
      const a = q.options[pickA % q.options.length]!;
      const b = q.options[pickB % q.options.length]!;
      fc.pre(a !== b);
      const spec = `version: 1\ninput: { file: ${JSON.stringify(basename(file))}, headerRows: 1 }\nquestions:\n  - id: ${q.id}\n    column: ${q.columns[0]! + 1}\n    recode: { ${JSON.stringify(a)}: ${JSON.stringify(b)} }\n`;
      const report = await runReport(parseSpec(spec, 'survey.yaml'), file);
      const t = report.result.tables.find((x): x is FrequencyTable => x.kind === 'frequency' && x.question === q.id)!;
      // By hand: the respondents with a (in any letter case, as recodes match) or b among their answers.
      const atoms = new Set([...q.options, a.toLowerCase()]);
      const gave = (cell: string): string[] => {
        const v = normalizeCell(cell);
        if (isBlank(v)) return [];
        return q.type === 'multi' ? splitCell(v, (q.layout as { separator: Joiner }).separator, atoms).parts : [v];
      };
      const expected = rowsOf(e).filter((r) => gave(r[q.columns[0]!]!).some((p) => p === b || p.toLowerCase() === a.toLowerCase())).length;
      const row = answers(t).find((r) => r.label === b);
      assert.equal(row?.count ?? 0, expected, `${q.id}: ${JSON.stringify(a)} -> ${JSON.stringify(b)}`);
      assert.ok(!answers(t).some((r) => r.label === a), 'a is gone');
      assert.ok((row?.count ?? 0) <= t.base, 'no respondent counted twice');
    }),
    params(60),
  );
});

test('after every run above, Object.prototype is as it was', () => {
  assert.deepEqual(Object.getOwnPropertyNames(Object.prototype).sort(), PROTOTYPE_KEYS);
  assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
});
