/** The JSON result is a public contract: every real export's result validates against the shipped schema. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import { analyzeFile } from '../../src/engine/analyze.js';
import { fromRoot } from '../helpers/paths.js';
import type { BannerTable, CrosstabTable, FrequencyTable } from '../../src/spec/result.js';

const schema = JSON.parse(readFileSync(fromRoot('schema/analysis-result.schema.json'), 'utf8')) as object;
const validate = new Ajv2020.default({ allErrors: true, strict: false }).compile(schema);

const cases: [string, string[]][] = [
  ['fivethirtyeight/star-wars-survey/StarWars.csv', ['gender']],
  ['fivethirtyeight/masculinity-survey/raw-responses.csv', ['age3']],
  ['fivethirtyeight/thanksgiving-2015/thanksgiving-2015-poll-data.csv', []],
  // Mac OS Roman: 'macintosh' is an encoding the schema names.
  ['fivethirtyeight/food-world-cup/food-world-cup-data.csv', []],
];

for (const [path, by] of cases) {
  test(`result schema: ${path}${by.length ? ` --by ${by.join(',')}` : ''}`, async () => {
    const { result } = await analyzeFile(fromRoot('fixtures', path), { by });
    const json = JSON.parse(JSON.stringify(result)) as unknown;
    assert.ok(validate(json), JSON.stringify(validate.errors?.slice(0, 3)));
    if (by.length) assert.ok(result.tables.some((t) => t.kind === 'crosstab'), 'crosstabs present');
  });
}

test('result schema rejects a renamed key (the schema can fail)', () => {
  const bad = { input: { file: 'x', rows: 1, encoding: 'utf-8', delimiter: ',', headerRows: 1 }, questions: [], tables: [{ kind: 'frequency', question: 'q', label: 'Q', base: 1, missing: 0, rows: [{ label: 'a', n: 1, percent: 100 }] }] };
  assert.equal(validate(bad), false);
});

test('result schema: a weighted, lettered, suppressed report validates', async () => {
  const { parseSpec } = await import('../../src/config/load-spec.js');
  const { runReport } = await import('../../src/engine/report.js');
  const data = fromRoot('fixtures/fivethirtyeight/masculinity-survey/raw-responses.csv');
  const spec = `version: 1\ninput: { file: ${JSON.stringify(data)} }\nquestions:\n  - { id: weight, column: weight, type: numeric }\nweight: weight\nstatistics: { letters: true, minCell: 10 }\ntables:\n  - { id: a, type: crosstab, row: q0001, column: age3 }\n  - { id: b, type: frequency, question: q0001 }\n  - { id: c, type: crosstab, row: q0009, column: age3 }\n  - { id: d, type: banner, rows: [q0001, q0009], columns: [age3, race2] }\n`;
  const { result } = await runReport(parseSpec(spec, 't.yaml'), fromRoot('t.yaml'));
  assert.ok(result.disclosure && result.disclosure.primary > 0, 'something was suppressed');
  assert.ok(result.weights);
  // The crosstab's effective base is its respondents', the one its frequency table gives (every q0001 respondent has an age3).
  const a = result.tables.find((t) => t.id === 'a') as CrosstabTable;
  const b = result.tables.find((t) => t.id === 'b') as FrequencyTable;
  assert.ok(a.effectiveBase! > 0 && Math.abs(a.effectiveBase! - b.effectiveBase!) < 1e-6, `${a.effectiveBase} ${b.effectiveBase}`);
  const c = result.tables.find((t) => t.id === 'c') as CrosstabTable;
  assert.ok(c.rowBases.includes(null), 'a row Total was hidden too');
  const d = result.tables.find((t) => t.id === 'd') as BannerTable;
  assert.ok(d.sections.some((s) => s.suppressed && s.unweightedCounts), 'a banner hid cells');
  const json = JSON.parse(JSON.stringify(result)) as unknown;
  assert.ok(validate(json), JSON.stringify(validate.errors?.slice(0, 3)));
});

test('result schema: a report with a banner validates (the committed masculinity banner)', () => {
  const json = JSON.parse(readFileSync(fromRoot('fixtures/fivethirtyeight/masculinity-survey/report/results.json'), 'utf8')) as { tables: { kind: string }[] };
  assert.ok(json.tables.some((t) => t.kind === 'banner'));
  assert.ok(validate(json), JSON.stringify(validate.errors?.slice(0, 3)));
});
