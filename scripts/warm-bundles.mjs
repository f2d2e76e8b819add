#!/usr/bin/env node
/**
 * Writes the V8 code cache of each bundle in dist/bundle/ (build-bundles.mjs runs this in a
 * fresh node with node's default flags). Each bundle first runs representative work, so that
 * its cache holds the functions a run compiles, not only its top level: the chart goldens
 * (tests/output) for vega and vega-lite, and `report --check` on the committed report folders
 * (it writes nothing) for survey's modules and exceljs. A failure here only makes a smaller
 * cache. V8 rejects a cache made under other flags than the run's: survey's own is saved
 * under node's defaults, those of vega and exceljs under REPORT_V8_FLAGS (cli/prestart.ts),
 * as bin/survey.js loads them (the flags change no bytecode, only when V8 optimises).
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import { BUNDLE_DIR, createCachedData, loadBundle } from '../dist/src/bundle/load.js';
import { REPORT_V8_FLAGS } from '../dist/src/cli/prestart.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const manifest = JSON.parse(readFileSync(join(BUNDLE_DIR, 'manifest.json'), 'utf8'));

async function warm(what, work) {
  try {
    await work();
  } catch (e) {
    console.warn(`warm-bundles: ${what}: ${e instanceof Error ? e.message : e}`);
  }
}

function save(name, data) {
  if (data) writeFileSync(join(BUNDLE_DIR, `${name}.${manifest[name].id}.cache`), data);
  else console.warn(`warm-bundles: no code cache for ${name}`);
}

await warm('charts', async () => {
  const { renderSvg } = await import('../dist/src/render/chart/svg.js');
  const goldens = join(root, 'tests', 'output');
  for (const f of readdirSync(goldens).filter((n) => n.endsWith('.vl.json')).sort()) {
    await renderSvg(JSON.parse(readFileSync(join(goldens, f), 'utf8'))).catch(() => '');
  }
});
const cli = loadBundle('cli');
await warm('report', async () => {
  const sink = { write: () => true };
  const io = { stdout: sink, stderr: sink, env: { NO_COLOR: '1' }, cwd: root };
  for (const [spec, out] of [
    ['fixtures/whatsapp-privacy-2021/survey.yaml', 'fixtures/whatsapp-privacy-2021/report'],
    ['fixtures/fivethirtyeight/masculinity-survey/banner.yaml', 'fixtures/fivethirtyeight/masculinity-survey/report'],
  ]) {
    await cli.main(['report', spec, '--out', out, '--check'], io);
  }
});
save('cli', createCachedData('cli'));
v8.setFlagsFromString(REPORT_V8_FLAGS);
save('charts', createCachedData('charts'));
save('exceljs', cli?.createCachedData('exceljs'));
