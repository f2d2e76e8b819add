/**
 * Bundles with their code cache (src/bundle/load.ts) are an optimisation only: a bundle
 * that is stale, mismatched or turned off is not used, a cache that V8 rejects still runs,
 * and the CLI writes the same bytes either way.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import v8 from 'node:v8';
import { createCachedData, loadBundle, usedCodeCache } from '../../../src/bundle/load.js';
import { REPORT_V8_FLAGS } from '../../../src/cli/prestart.js';
import { fromRoot } from '../../helpers/io.js';

/** A folder with one bundle, `answer.cjs`, built from `input.txt`. */
function fixture(opts: { id?: string; cache?: Buffer } = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'survey-bundle-'));
  writeFileSync(join(dir, 'input.txt'), 'source');
  writeFileSync(join(dir, 'answer.cjs'), `module.exports = { answer: () => 42 };\n//# survey-bundle ${opts.id ?? 'abc'}\n`);
  const s = statSync(join(dir, 'input.txt'));
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ answer: { id: 'abc', inputs: { 'input.txt': [s.size, s.mtimeMs] } } }));
  if (opts.cache) writeFileSync(join(dir, 'answer.abc.cache'), opts.cache);
  return dir;
}

function withDir(dir: string, check: (dir: string) => void): void {
  try {
    check(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('a fresh bundle is loaded, and compiled from its code cache when it has one', () => {
  let cache: Buffer | undefined;
  withDir(fixture(), (dir) => {
    assert.equal(loadBundle<{ answer: () => number }>('answer', dir)?.answer(), 42);
    assert.equal(usedCodeCache('answer', dir), false);
    cache = createCachedData('answer', dir);
  });
  assert.ok(cache);
  withDir(fixture({ cache }), (dir) => {
    assert.equal(loadBundle<{ answer: () => number }>('answer', dir)?.answer(), 42);
    assert.equal(usedCodeCache('answer', dir), true);
  });
});

test('a cache V8 rejects only costs the compile: the bundle still runs', () => {
  withDir(fixture({ cache: Buffer.from('not a code cache') }), (dir) => {
    assert.equal(loadBundle<{ answer: () => number }>('answer', dir)?.answer(), 42);
    assert.equal(usedCodeCache('answer', dir), false);
  });
});

test('a bundle is not used when an input changed, when it is from another build, or without a manifest', () => {
  withDir(fixture(), (dir) => {
    writeFileSync(join(dir, 'input.txt'), 'edited');
    assert.equal(loadBundle('answer', dir), undefined);
  });
  withDir(fixture(), (dir) => {
    utimesSync(join(dir, 'input.txt'), new Date(2000, 0, 1), new Date(2000, 0, 1));
    assert.equal(loadBundle('answer', dir), undefined);
  });
  withDir(fixture({ id: 'other' }), (dir) => assert.equal(loadBundle('answer', dir), undefined));
  withDir(fixture(), (dir) => {
    rmSync(join(dir, 'manifest.json'));
    assert.equal(loadBundle('answer', dir), undefined);
  });
});

test("the build's bundles load from code caches that V8 accepts, under the flags bin/survey.js runs them with", () => {
  const accepted = (name: string): void => {
    assert.ok(loadBundle(name), `dist/bundle/${name}.cjs is missing or stale: npm run build`);
    assert.equal(usedCodeCache(name), true, `V8 rejected the code cache of ${name}`);
  };
  accepted('cli');
  v8.setFlagsFromString(REPORT_V8_FLAGS);
  accepted('charts');
  accepted('exceljs');
});

test("the chart thread started before survey's modules loads vega from its code cache (after the flags are set)", () => {
  // As bin/survey.js starts `report --out`, in a process of its own: V8's flags are the process's.
  const script = `
    import { prestartThreads, prestart, takeChartThread } from ${JSON.stringify(fromRoot('dist', 'src', 'cli', 'prestart.js'))};
    import { loadBundle } from ${JSON.stringify(fromRoot('dist', 'src', 'bundle', 'load.js'))};
    const argv = ['report', 'survey.yaml', '--out', 'report'];
    prestartThreads(argv);
    loadBundle('cli');
    prestart(argv);
    const thread = takeChartThread();
    // The thread keeps no process alive by itself.
    const alive = setInterval(() => {}, 1000);
    process.stdout.write(JSON.stringify(await thread.ready));
    clearInterval(alive);
    thread.close();
  `;
  // A file, not -e: a thread would inherit --input-type, which only -e takes.
  withDir(mkdtempSync(join(tmpdir(), 'survey-prestart-')), (dir) => {
    writeFileSync(join(dir, 'start.mjs'), script);
    const r = spawnSync(process.execPath, [join(dir, 'start.mjs')], { cwd: fromRoot(), encoding: 'utf8', timeout: 60_000 });
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), { codeCache: true });
  });
});

test('the CLI writes the same figures bundled and as modules', () => {
  for (const env of [{}, { SURVEY_NO_BUNDLES: '1' }]) {
    const r = spawnSync(process.execPath, [fromRoot('bin', 'survey.js'), 'report', 'fixtures/whatsapp-privacy-2021/survey.yaml', '--out', 'fixtures/whatsapp-privacy-2021/report', '--check'], {
      cwd: fromRoot(),
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', ...env },
    });
    assert.equal(r.status, 0, `${JSON.stringify(env)}: ${r.stderr}`);
    assert.match(r.stderr, /all \d+ files in .* are up to date/);
  }
});
