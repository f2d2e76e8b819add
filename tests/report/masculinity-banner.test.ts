/**
 * FiveThirtyEight's published weighted banner table (fixtures/fivethirtyeight/masculinity-survey/
 * masculinity-survey.csv), regenerated cell by cell from raw-responses.csv by banner.yaml:
 * shares weighted by `weight`, over respondents who were asked (NA excluded from the base,
 * "No answer" kept in it), columns by age, race, children and orientation, and columns
 * with fewer than 100 respondents left blank — the publication's own rules.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { loadSpec } from '../../src/config/load-spec.js';
import { runReport } from '../../src/engine/report.js';
import type { BannerTable } from '../../src/spec/result.js';
import { round } from '../../src/render/sanitize.js';
import { fromRoot } from '../helpers/paths.js';

const SPEC = fromRoot('fixtures/fivethirtyeight/masculinity-survey/banner.yaml');
const published = parse(readFileSync(fromRoot('fixtures/fivethirtyeight/masculinity-survey/masculinity-survey.csv')), { relax_column_count: true }) as string[][];

interface Section {
  title: string;
  rows: { label: string; cells: string[] }[];
}

function sections(): { columns: string[]; sections: Section[] } {
  const columns = published[1]!.slice(2).map((c, i) => c || published[0]![i + 2]!);
  const out: Section[] = [];
  for (const r of published.slice(2)) {
    if (r[0]!.trim() !== '') out.push({ title: r[0]!, rows: [] });
    else if ((r[1] ?? '').trim() !== '') out[out.length - 1]!.rows.push({ label: r[1]!, cells: r.slice(2) });
  }
  return { columns, sections: out };
}

test('every cell of the published banner is reproduced from the raw responses', async () => {
  const { result } = await runReport(await loadSpec(SPEC), SPEC);
  const banner = result.tables.find((t) => t.id === 'banner') as BannerTable;
  const pub = sections();
  assert.deepEqual(pub.columns, ['Adult Men', '18 - 34', '35 - 64', '65 and up', 'White', 'Non-white', 'Has children', 'No children', 'Straight', 'Gay/Bisexual']);
  const ourColumn = pub.columns.map((c) => banner.columns.findIndex((x) => (c === 'Adult Men' ? x.question === null : x.label === c)));
  assert.ok(ourColumn.every((i) => i >= 0), 'every published column exists');
  assert.equal(banner.sections.length, pub.sections.length, 'one section per published question');
  let cells = 0;
  const differences: string[] = [];
  pub.sections.forEach((s, k) => {
    const ours = banner.sections[k]!;
    for (const row of s.rows) {
      // The raw file lost its curly apostrophes ("didn?t"); the published table has them back.
      const plain = (x: string) => x.replace(/[?'\u2019]/g, "'");
      const r = ours.rowLabels.findIndex((l) => plain(l) === plain(row.label));
      assert.ok(r >= 0, `section ${k} (${s.title.slice(0, 40)}): answer '${row.label}' among ${ours.rowLabels.join(' / ')}`);
      row.cells.forEach((cell, j) => {
        const mine = ours.percents[r]![ourColumn[j]!]!;
        const shown = mine === null ? '' : `${round(mine, 0)}%`;
        if (shown !== cell.trim()) differences.push(`${s.title.slice(0, 30)} | ${row.label} | ${pub.columns[j]}: published ${cell}, ours ${shown}`);
        cells++;
      });
    }
  });
  assert.equal(cells, 1950);
  assert.deepEqual(differences, []);
});
