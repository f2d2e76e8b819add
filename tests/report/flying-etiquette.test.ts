/**
 * A spec written from the README alone for FiveThirtyEight's flying etiquette export
 * (fixtures/fivethirtyeight/flying-etiquette-survey/recline.yaml): its headline, "41 Percent of
 * Fliers Say It's Rude To Recline Your Airplane Seat", and a grid declared from separate columns.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { main } from '../../src/cli/main.js';
import type { CrosstabTable, FrequencyTable } from '../../src/spec/result.js';
import type { ReportResult } from '../../src/engine/report.js';
import { captureIo } from '../helpers/capture.js';

const io = captureIo();
assert.equal(await main(['report', 'fixtures/fivethirtyeight/flying-etiquette-survey/recline.yaml', '--format', 'json'], io), 0, io.err());
const result = JSON.parse(io.out()) as ReportResult;
const table = <T>(id: string, item?: string) => result.tables.find((t) => t.id === id && (item === undefined || (t as FrequencyTable).itemId === item)) as T;

test('fliers who answered: 1,040 read, 166 never fly, 20 skipped the question; 41% say reclining is rude (the headline)', () => {
  assert.deepEqual(result.funnel.map((s) => [s.rule, s.removed, s.remaining]), [['read', 0, 1040], ['never flies', 166, 874], ['required', 20, 854]]);
  const t = table<FrequencyTable>('recline_rude');
  assert.equal(t.base, 854);
  assert.deepEqual(t.rows.map((r) => [r.label, r.count, r.net === true]), [['Yes, very rude', 71, false], ['Yes, somewhat rude', 281, false], ['No, not rude at all', 502, false], ['Rude', 352, true]]);
  assert.equal(Math.round(t.rows.at(-1)!.percent!), 41);
});

test('those who never recline find it rude most often; the net is no row of the chi-square', () => {
  const t = table<CrosstabTable>('recline_by_self');
  assert.deepEqual(t.columnLabels, ['Always', 'Usually', 'About half the time', 'Once in a while', 'Never']);
  const rude = t.rowLabels.indexOf('Rude');
  assert.deepEqual(t.netRows, [rude]);
  assert.deepEqual(t.counts[rude], [12, 30, 35, 140, 135]);
  assert.equal(t.stats?.df, 8, '3 answers by 5 groups');
});

test('the grid declared from four columns, one answer recoded: every item on the intensity scale, in one order', () => {
  const items = result.tables.filter((t): t is FrequencyTable => t.kind === 'frequency' && t.id === 'rude');
  assert.deepEqual(items.map((t) => t.itemId), ['recline', 'baby', 'unruly', 'wake_walk']);
  for (const t of items) assert.deepEqual(t.rows.map((r) => r.label), ['Yes, very rude', 'Yes, somewhat rude', 'No, not rude at all'], t.itemId);
  // The recline item is the same column as recline_rude: the same counts.
  assert.deepEqual(items[0]!.rows.map((r) => r.count), [71, 281, 502]);
});
