/**
 * Bar charts of one question in one report share their percent axis: a filtered table drawn beside
 * the whole must not read 0-80% against 0-60%.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildArtifacts } from '../../src/report/artifacts.js';
import type { StudySpec } from '../../src/spec/analysis.js';
import type { AnalysisResult, FrequencyTable } from '../../src/spec/result.js';

function freq(id: string, question: string, counts: [string, number][], extra: Partial<FrequencyTable> = {}): FrequencyTable {
  const base = counts.reduce((s, [, c]) => s + c, 0);
  return { kind: 'frequency', id, question, label: id, type: 'single', base, missing: 0, ...extra, rows: counts.map(([label, count]) => ({ label, count, percent: (100 * count) / base })) };
}

// graph3b (47% at most) and its subgroup who would let users judge (52%), and another question (30%).
const whole = freq('graph3b', 'understand', [['Fully well', 100], ['Reasonably well', 266], ['Not well enough', 166], ['Not at all', 33]]);
const judge = freq('judge', 'understand', [['Fully well', 40], ['Reasonably well', 97], ['Not well enough', 41], ['Not at all', 8]], { filter: 'gov == "Let users be the best judge"' });
const other = freq('other', 'gov', [['Roll back', 30], ['Regulate', 40], ['Users judge', 30]]);
const result: AnalysisResult = { input: { file: 'r.csv', rows: 565, encoding: 'utf-8', delimiter: ',', headerRows: 1 }, questions: [], tables: [whole, judge, other], withheld: [], diagnostics: [] };
const spec: StudySpec = {
  version: 1,
  input: { file: 'r.csv' },
  tables: [
    { id: 'graph3b', type: 'frequency', question: 'understand' },
    { id: 'judge', type: 'frequency', question: 'understand', filter: 'gov == "Let users be the best judge"' },
    { id: 'other', type: 'frequency', question: 'gov' },
  ],
};

test('bar charts of one question in one report share the top of their percent axis; another question keeps its own', async () => {
  const built = await buildArtifacts(result, { codebook: { questions: [] }, spec, vegaLite: true, baseLabel: 'valid respondents' });
  const domain = (id: string): unknown => {
    const vl = built.artifacts.find((a) => a.path === `charts/${id}.vl.json`)!.content as string;
    return JSON.parse(vl.match(/"domain": \[\s*0,\s*\d+\s*\]/)![0].replace('"domain": ', '')) as unknown;
  };
  assert.deepEqual(domain('judge'), [0, 70], '52% and its label fit on 0-70%');
  assert.deepEqual(domain('graph3b'), [0, 70], 'and graph3b, 47% at most (0-60% alone), reaches there too');
  assert.deepEqual(domain('other'), [0, 50]);
});
