/**
 * report.html in a real browser: headless Chromium (Debian's `chromium`) loads the file with
 * networking off and dumps the DOM it built; every chart's <svg> and every table must be in
 * it, and printing gives A4 pages. Skipped where Chromium is not installed (CI may not have it).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { main } from '../../src/cli/main.js';
import { captureIo } from '../helpers/capture.js';

const CHROMIUM = process.env.SURVEY_CHROMIUM ?? '/usr/bin/chromium';
const skip = existsSync(CHROMIUM) ? false : `${CHROMIUM} not installed (apt-get install chromium)`;
const SPEC = 'fixtures/whatsapp-privacy-2021/survey.yaml';

const exec = promisify(execFile);

async function chromium(profile: string, ...args: string[]): Promise<string> {
  const flags = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', `--user-data-dir=${profile}`];
  const { stdout } = await exec(CHROMIUM, [...flags, ...args], { timeout: 120_000, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, TZ: 'UTC' } });
  return stdout;
}

test('report.html in headless Chromium: every chart and table in the DOM, A4 when printed', { skip, timeout: 300_000 }, async (t) => {
  const tmp = await mkdtemp(join(tmpdir(), 'survey-browser-'));
  t.after(() => rm(tmp, { recursive: true, force: true }));
  const io = captureIo();
  assert.equal(await main(['report', SPEC, '--out', join(tmp, 'out')], io), 0, io.err());
  const file = join(tmp, 'out', 'report.html');
  const url = pathToFileURL(file).href;
  const charts = JSON.parse(await readFile(join(tmp, 'out', 'manifest.json'), 'utf8')) as { files: { path: string }[] };
  const chartIds = charts.files.map((f) => /^charts\/(.+)\.svg$/.exec(f.path)?.[1]).filter((x): x is string => x !== undefined);
  const tableIds = charts.files.map((f) => /^tables\/(.+)\.json$/.exec(f.path)?.[1]).filter((x): x is string => x !== undefined);
  assert.ok(chartIds.length >= 8 && tableIds.length >= 12);

  const dom = await chromium(join(tmp, 'profile'), '--dump-dom', url);
  assert.match(dom, /<h1>User Survey on WhatsApp Privacy Policy/);
  for (const id of chartIds) {
    const figure = new RegExp(`<figure class="chart" id="chart-${id.replace(/[.]/g, '\\.')}">\\s*<svg [^>]*viewBox="[^"]+"[^>]*><title>[^<]+</title>`);
    assert.match(dom, figure, `chart ${id} rendered as inline SVG`);
  }
  for (const id of tableIds) assert.match(dom, new RegExp(`<div class="table-block" id="table-${id.replace(/[.]/g, '\\.')}">[\\s\\S]*?<(table|p) class="(data[^"]*|base)"`), `table ${id}`);
  assert.equal(dom.match(/<svg /g)?.length, chartIds.length, 'one SVG per chart, nothing else drawn');
  assert.doesNotMatch(dom, /<script/i);

  const pdf = join(tmp, 'report.pdf');
  await chromium(join(tmp, 'profile'), '--no-pdf-header-footer', `--print-to-pdf=${pdf}`, url);
  const bytes = (await readFile(pdf)).toString('latin1');
  const boxes = [...bytes.matchAll(/\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/g)].map((m) => [Math.round(Number(m[1])), Math.round(Number(m[2]))]);
  assert.ok(boxes.length >= 2, 'printed on several pages');
  for (const [w, h] of boxes) assert.deepEqual([w, h], [595, 842], 'A4 portrait (210 × 297 mm in points)');
});
