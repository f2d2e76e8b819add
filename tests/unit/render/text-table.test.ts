/** The terminal's tables: column headings are wrapped onto lines, not cut to a few characters. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { funnelText, plain, renderTable } from '../../../src/render/table/text.js';
import type { AnalysisResult, BannerTable, CrosstabTable, FrequencyTable } from '../../../src/spec/result.js';
import { resultTitle } from '../../../src/render/title.js';
import { tableMarkdown } from '../../../src/render/table/markdown.js';
import stringWidth from 'string-width';
import { frequency } from '../../charts/data.js';

test('a crosstab in the terminal: long column headings wrap word by word over up to three lines, next to the numbers', () => {
  const columnLabels = ['Less than high school degree', 'Some college or Associate degree', 'Bachelor degree', 'A heading far too long to fit in three lines of sixteen'];
  const t = {
    kind: 'crosstab', row: 'tall', column: 'education', label: 'How tall are you? by Education',
    rowLabels: ['Short', 'Tall'], columnLabels,
    counts: [[1, 2, 3, 4], [1, 2, 3, 4]], columnPercents: [[50, 50, 50, 50], [50, 50, 50, 50]], rowPercents: [[10, 20, 30, 40], [10, 20, 30, 40]],
    columnBases: [2, 4, 6, 8], rowBases: [10, 10], base: 20,
  } as unknown as CrosstabTable;
  const lines = renderTable(t, { styler: plain, width: 100 }).split('\n');
  assert.deepEqual(lines.slice(1, 4), [
    '                                                                 A heading far',
    '             Less than high  Some college or                   too long to fit',
    '  column %    school degree Associate degree  Bachelor degree  in three lines…            Total',
  ]);
  // Base (n) lines up with the percentages above it.
  assert.equal(lines[6]!.length, lines[4]!.length);
  // The Total column: each row's share of everyone answering both (10 of 20).
  assert.match(lines[4]!, /^ {2}Short( +50\.0%){4} +50\.0%$/);
  assert.match(lines[6]!, /^ {2}Base \(n\)( +\d+){4} +20$/);
  assert.match(lines[4]!, /^ {2}Short +50\.0% +50\.0%/);
});

test('a crosstab in the terminal: headings and row labels that would read the same once cut are not cut', () => {
  const oxford = "It's important for a person to be honest, kind, and loyal.";
  const plainComma = "It's important for a person to be honest, kind and loyal.";
  const t = {
    kind: 'crosstab', row: 'heard', column: 'sentence', label: 'Heard of it? by Which sentence?',
    rowLabels: [`Some experts say it's important to drink milk, or the data are wrong; yes`, `Some experts say it's important to drink milk, or the data are wrong; no`],
    columnLabels: [oxford, plainComma],
    counts: [[6, 4], [4, 6]], columnPercents: [[60, 40], [40, 60]], rowPercents: [[60, 40], [40, 60]],
    columnBases: [10, 10], rowBases: [10, 10], base: 20,
  } as unknown as CrosstabTable;
  const text = renderTable(t, { styler: plain, width: 80 });
  // Each heading reads to its end, over its column: the comma that tells them apart shows.
  assert.match(text, /kind, and +kind and\n.* loyal\. +loyal\. +Total\n/);
  assert.ok(!text.includes('…'), text);
  assert.match(text, /wrong; yes/);
  assert.match(text, /wrong; no/);
});

test('the funnel in the terminal: removals as -n, a rule that removed none as 0 (not -0)', () => {
  const text = funnelText([{ rule: 'read', removed: 0, remaining: 10 }, { rule: 'required', removed: 0, remaining: 10 }, { rule: 'speeders', removed: 3, remaining: 7 }], plain);
  assert.deepEqual(text.split('\n').slice(2), ['  read                         10', '  required           0         10', '  speeders          -3          7']);
});

test('a banner without a minimum base says nothing of blanks', () => {
  const banner = (minBase: number) => ({
    kind: 'banner', label: 'Banner', minBase, total: true,
    columns: [{ label: 'Total' }, { label: 'Has children' }],
    sections: [{ label: 'q1', rowLabels: ['Yes', 'No'], percents: [[60, 50], [40, 50]], unweightedBases: [10, 4] }],
  }) as unknown as BannerTable;
  assert.equal(renderTable(banner(0), { styler: plain, width: 100 }).split('\n').pop(), '  column %');
  assert.equal(renderTable(banner(5), { styler: plain, width: 100 }).split('\n').pop(), '  column %; blank where a column has fewer than 5 respondents');
});

test('a frequency table in the terminal: long answers wrap under themselves, so two that open alike stay apart', () => {
  const t = {
    kind: 'frequency', question: 'comma', label: 'Which sentence?', type: 'single', base: 10, missing: 0,
    rows: [
      { label: "It's important for a person to be honest, kind, and loyal.", count: 6, percent: 60 },
      { label: "It's important for a person to be honest, kind and loyal.", count: 4, percent: 40 },
    ],
  } as unknown as FrequencyTable;
  const lines = renderTable(t, { styler: plain, width: 100 }).split('\n');
  assert.deepEqual(lines.slice(2, 6).map((l) => l.replace(/ +█+$/, '')), [
    "  It's important for a person to be honest,      6   60.0%",
    '  kind, and loyal.',
    "  It's important for a person to be honest,      4   40.0%",
    '  kind and loyal.',
  ]);
});

test('CJK answers and emoji: labels padded and wrapped by the columns they take in a terminal, so counts stay aligned', () => {
  const t = {
    kind: 'frequency', question: 'app', label: 'どのアプリを使っていますか？', type: 'single', base: 10, missing: 0,
    rows: [
      { label: 'ライン', count: 6, percent: 60 },
      { label: 'Signal 🔒', count: 3, percent: 30 },
      { label: '微信', count: 1, percent: 10 },
      { label: 'メッセージアプリを使っていません（家族や友達とは電話やメールで連絡を取っています）', count: 0, percent: 0 },
    ],
  } as unknown as FrequencyTable;
  const lines = renderTable(t, { styler: plain, width: 80 }).split('\n');
  const countColumn = (line: string) => stringWidth(line.slice(0, line.search(/\d+ +\d+\.\d%/)));
  const rows = lines.filter((l) => /\d+\.\d%/.test(l));
  assert.equal(rows.length, 4);
  assert.equal(new Set(rows.map(countColumn)).size, 1, rows.join('\n'));
  // The long answer has no spaces: it is broken where a line fills (36 columns here), not cut at once.
  const long = lines.slice(lines.indexOf(rows[3]!), lines.indexOf(rows[3]!) + 3);
  assert.ok(long[1]!.trim().length > 0 && !long[0]!.includes('…'), long.join('\n'));
  for (const l of lines) assert.ok(stringWidth(l) <= 80, l);
});

test('a published title is the study title, or the export file name without the folders it was read from', () => {
  const input = { file: '/home/ana/projects/client-x/exports/responses.csv', rows: 1, encoding: 'utf-8', delimiter: ',', headerRows: 1 };
  assert.equal(resultTitle({ input, questions: [], tables: [], withheld: [], diagnostics: [] } as unknown as AnalysisResult), 'responses.csv');
  assert.equal(resultTitle({ input: { ...input, file: 'C:\\\\Users\\\\ana\\\\data.csv' }, questions: [], tables: [], withheld: [], diagnostics: [] } as unknown as AnalysisResult), 'data.csv');
  assert.equal(resultTitle({ title: 'Study', input, questions: [], tables: [], withheld: [], diagnostics: [] } as unknown as AnalysisResult), 'Study');
});

test('a grid in the terminal fits its width: item labels narrow, and a table per item when even that does not fit', async () => {
  const { renderText } = await import('../../../src/render/table/text.js');
  const scale = Array.from({ length: 11 }, (_, i) => String(i));
  const item = (name: string): FrequencyTable => ({
    kind: 'frequency', question: 'rate', item: name, itemId: name.toLowerCase().replace(/\W+/g, '_'), label: `Rate each service | ${name}`, type: 'single', base: 11, missing: 0,
    rows: scale.map((label) => ({ label, count: 1, percent: 100 / 11 })),
  });
  const result = { input: { file: 'r.csv', rows: 11 }, questions: [], withheld: [], diagnostics: [], tables: [item('Customer service over the telephone'), item('Delivery')] } as unknown as AnalysisResult;
  const widest = (s: string) => Math.max(...s.split('\n').map((l) => l.length));
  // 11 answers and n in columns of 6 leave 14 characters of 100 for the item labels: they wrap to it.
  const at = (width: number) => renderText(result, { styler: plain, width });
  for (const width of [100, 120]) {
    const out = at(width);
    assert.ok(out.includes('Rate each service [rate]'), `one table at ${width}`);
    const body = out.slice(out.indexOf('Rate each service [rate]'));
    assert.ok(widest(body) <= width, `fits ${width}: ${widest(body)}`);
  }
  // At 80 columns 12 columns of numbers leave no room for labels: each item gets its own table.
  const narrow = at(80);
  assert.ok(!narrow.includes('Rate each service [rate]'));
  assert.ok(narrow.includes('Rate each service | Customer service over the telephone [rate'), narrow);
  assert.ok(narrow.includes('Rate each service | Delivery [rate'));
});

test('a crosstab in the terminal: a long row label wraps under itself instead of being cut; many columns narrow the labels first', () => {
  const t = {
    kind: 'crosstab', row: 'rel', column: 'c', label: 'Status by reason',
    rowLabels: ['Single, but cohabiting with a significant other', 'Married'], columnLabels: ['A', 'B'],
    counts: [[1, 2], [3, 4]], columnPercents: [[25, 33.3], [75, 66.7]], rowPercents: [[0, 0], [0, 0]], columnBases: [4, 6], rowBases: [3, 7], base: 10,
  } as unknown as CrosstabTable;
  const text = renderTable(t, { styler: plain, width: 100 });
  assert.match(text, /^ {2}Single, but cohabiting with a +25\.0%/m);
  assert.match(text, /^ {2}significant other$/m);
  assert.ok(!text.includes('…'));
  // Eleven columns of long words: the labels give way (wrapping at 14 or more) before the columns go under 8.
  const many = { ...t, columnLabels: Array.from({ length: 11 }, (_, i) => `Reason number ${i}`), counts: [Array(11).fill(1), Array(11).fill(1)], columnPercents: [Array(11).fill(50), Array(11).fill(50)], columnBases: Array(11).fill(2) } as unknown as CrosstabTable;
  const lines = renderTable(many, { styler: plain, width: 120 }).split('\n');
  assert.ok(lines.every((l) => l.length <= 120), String(Math.max(...lines.map((l) => l.length))));
  assert.ok(lines.some((l) => /^ {2}Single, but +50\.0%/.test(l)), lines.join('\n'));
});

test('a weighted crosstab in the terminal: Base (n) counts respondents, the weighted sums follow as Weighted base', () => {
  const t = {
    kind: 'crosstab', row: 'r', column: 'c', label: 'R by C', rowLabels: ['x', 'y'], columnLabels: ['A', 'B'],
    counts: [[10.5, 20], [30, 40.25]], columnPercents: [[25.9, 33.2], [74.1, 66.8]], rowPercents: [[0, 0], [0, 0]], columnBases: [40.5, 60.25], rowBases: [30.5, 70.25], base: 100.75,
    unweightedColumnBases: [38, 62], unweightedBase: 100,
  } as unknown as CrosstabTable;
  const text = renderTable(t, { styler: plain, width: 100 });
  assert.match(text, /^ {2}Base \(n\) +38 +62 +100$/m);
  assert.match(text, /^ {2}Weighted base +40\.5 +60\.3 +100\.8$/m);
});

test('a net whose label already says so is not labelled "(net)" twice', () => {
  const t = { kind: 'frequency', question: 'q', label: 'Q', type: 'single', base: 10, missing: 0, rows: [{ label: 'Yes', count: 6, percent: 60 }, { label: 'Masculine (net)', count: 6, percent: 60, net: true }, { label: 'Any', count: 6, percent: 60, net: true }] } as unknown as FrequencyTable;
  const text = renderTable(t, { styler: plain, width: 100 });
  assert.ok(text.includes('Masculine (net) ') && !text.includes('(net) (net)'));
  assert.ok(text.includes('Any (net)'));
});

test('Markdown: a grid is one table, an item a row; items of two spec tables (two ids) stay apart', async () => {
  const { renderMarkdown } = await import('../../../src/render/table/markdown.js');
  const item = (name: string, id?: string): FrequencyTable => ({
    kind: 'frequency', question: 'fav', item: name, label: `How do you see them? | ${name}`, type: 'single', base: 10, missing: 2, ...(id ? { id } : {}),
    rows: [{ label: 'Good', count: 6, percent: 60 }, { label: 'Bad', count: 4, percent: 40 }],
  });
  const md = renderMarkdown({ input: { file: 'r.csv', rows: 12 }, questions: [], withheld: [], diagnostics: [], tables: [item('Han'), item('Leia'), item('Han', 'men'), item('Leia', 'men')] } as unknown as AnalysisResult);
  assert.ok(md.includes('## How do you see them?\n\n| Item | Good | Bad | n |\n|---|---:|---:|---:|\n| Han | 60.0% | 40.0% | 10 |\n| Leia | 60.0% | 40.0% | 10 |\n\nEach item\'s answers, of those answering it (2 missing at most).'), md);
  assert.equal(md.split('## How do you see them?\n').length - 1, 2, 'one table per spec table');
});

test("a spec table's filter is said under its heading, in the terminal and in Markdown", async () => {
  const { tableMarkdown } = await import('../../../src/render/table/markdown.js');
  const t = { kind: 'frequency', question: 'und', label: 'Understanding', type: 'single', base: 2, missing: 0, filter: 'gov == "Let users be the best judge"', rows: [{ label: 'Fully well', count: 2, percent: 100 }] } as unknown as FrequencyTable;
  assert.equal(renderTable(t, { styler: plain, width: 80 }).split('\n')[1], '  only rows where gov == "Let users be the best judge"');
  assert.match(tableMarkdown(t), /^## Understanding\n\nOnly rows where `gov == "Let users be the best judge"`\.\n\n\| Answer/);
  const { filter: _, ...unfiltered } = t;
  assert.ok(!renderTable(unfiltered as FrequencyTable, { styler: plain, width: 80 }).includes('only rows'));
});

test('items of one grid under two filters (two tables, no ids) are two tables, each under its own filter', async () => {
  const { gridRun } = await import('../../../src/render/table/grid.js');
  const item = (item: string, filter: string) => ({ kind: 'frequency', question: 'g', label: `G | ${item}`, item, itemId: item, type: 'single', base: 1, missing: 0, filter, rows: [{ label: 'Yes', count: 1, percent: 100 }] }) as unknown as FrequencyTable;
  const tables = [item('a', 'sex == "M"'), item('b', 'sex == "M"'), item('a', 'sex == "F"'), item('b', 'sex == "F"')];
  assert.equal(gridRun(tables, 0).length, 2);
  assert.equal(gridRun(tables, 2).length, 2);
});

test("a rating grid in the terminal: each item's mean beside its base", async () => {
  const { renderText } = await import('../../../src/render/table/text.js');
  const item = (item: string, mean: number) => ({ kind: 'frequency', question: 'rate', label: `Rate | ${item}`, item, itemId: item.toLowerCase(), type: 'matrix', base: 10, missing: 0, mean, rows: ['1', '2', '3', 'N/A'].map((l) => ({ label: l, count: 2, percent: 20 })) }) as unknown as FrequencyTable;
  const result = { input: { file: 'x.csv', rows: 10, encoding: 'utf-8', delimiter: ',', headerRows: 1 }, questions: [], withheld: [], diagnostics: [], tables: [item('Brazil', 3.607), item('Chile', 3.4448)] } as unknown as AnalysisResult;
  const text = renderText(result, { styler: plain, width: 80 });
  assert.match(text, / n +mean\n/);
  assert.match(text, /Brazil .* 10 +3\.61\n/);
  assert.match(text, /mean of the numbered answers/);
});

test('an answer of megabytes with no space is cut after its first piece, not split to its end (a 5 MB cell took minutes)', async () => {
  const { pieces } = await import('../../../src/render/table/width.js');
  assert.deepEqual(pieces('abcdefghij', 3, 2), ['abc', 'def']);
  assert.deepEqual(pieces('abcdefghij', 3), ['abc', 'def', 'ghi', 'j']);
  const t = frequency('b', 'b', [['x'.repeat(5_000_000), 1], ['y', 1]]);
  const text = renderTable(t, { styler: plain, width: 100 });
  assert.match(text, /^ {2}x+… +1 /m);
  assert.ok(text.length < 2000);
});

test('a net is said to be one in a crosstab and a banner, as in a frequency table, in the terminal and in Markdown (it read as one more answer)', () => {
  const t = {
    kind: 'crosstab', row: 'doneness', column: 'gender', label: 'Steak by Gender',
    rowLabels: ['Rare', 'Well', 'Pink inside'], columnLabels: ['Male', 'Female'], netRows: [2],
    counts: [[10, 12], [14, 20], [10, 12]], columnPercents: [[41.7, 37.5], [58.3, 62.5], [41.7, 37.5]], rowPercents: [[45, 55], [41, 59], [45, 55]],
    columnBases: [24, 32], rowBases: [22, 34], base: 56,
  } as unknown as CrosstabTable;
  const text = renderTable(t, { styler: plain, width: 100 });
  assert.match(text, /^ {2}Pink inside \(net\) +41\.7%/m);
  assert.match(text, /^ {2}Rare +41\.7%/m, 'answers are not marked');
  assert.match(tableMarkdown(t), /^\| Pink inside \(net\) \| 41\.7% \| 37\.5% \|/m);
  const b = {
    kind: 'banner', label: 'Banner', minBase: 0,
    columns: [{ question: null, label: 'Total' }, { question: 'gender', group: 'Gender', label: 'Male' }],
    sections: [{ question: 'doneness', label: 'Steak', rowLabels: ['Rare', 'Pink inside (net)', 'Pink'], netRows: [1, 2], counts: [[1, 1], [2, 2], [2, 2]], percents: [[50, 50], [100, 100], [100, 100]], bases: [2, 2], unweightedBases: [2, 2] }],
  } as unknown as BannerTable;
  const banner = renderTable(b, { styler: plain, width: 100 });
  assert.match(banner, /^ {2}Pink inside \(net\) +100%/m, 'a label already ending in (net) is not said twice');
  assert.match(banner, /^ {2}Pink \(net\) +100%/m);
  assert.match(tableMarkdown(b), /^\| Pink \(net\) \| 100% \| 100% \|/m);
});
