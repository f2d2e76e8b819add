/**
 * The tool makes no network connection, ever. Each command runs in a child process under a
 * preload (tests/helpers/no-network.ts) that makes every way out — net, tls, dns, http, https,
 * fetch, UDP — throw and records the attempt, in the main thread and in every worker thread.
 * And no URL in src/ is one the code loads: schemas and everything else are local.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { fromRoot } from '../helpers/io.js';

const exec = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'survey-offline-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const PRELOAD = pathToFileURL(fromRoot('dist', 'tests', 'helpers', 'no-network.js')).href;
const BIN = fromRoot('bin', 'survey.js');

interface Attempt {
  pid: number;
  thread: number;
  api?: string;
  target?: string;
  ready?: 'main' | 'worker';
}

/** Runs node under the preload; returns the exit code, output and every line the preload logged. */
async function offline(args: string[], name: string): Promise<{ code: number; stderr: string; log: Attempt[] }> {
  const log = join(dir, `${name}.log`);
  let code = 0;
  let stderr = '';
  try {
    ({ stderr } = await exec(process.execPath, ['--import', PRELOAD, ...args], { cwd: fromRoot(), env: { ...process.env, SURVEY_NET_LOG: log, NO_COLOR: '1' }, maxBuffer: 64 << 20 }));
  } catch (e) {
    const err = e as { code?: number; stderr?: string };
    code = err.code ?? 1;
    stderr = err.stderr ?? '';
  }
  const lines = existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n').filter(Boolean) : [];
  return { code, stderr, log: lines.map((l) => JSON.parse(l) as Attempt) };
}

const attempts = (log: Attempt[]) => log.filter((a) => a.api !== undefined);

test('the preload blocks and records every way out, in the main thread and in worker threads', async () => {
  const probe = join(dir, 'probe.mjs');
  writeFileSync(
    probe,
    `import net from 'node:net';
import { connect } from 'node:net';
import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import tls from 'node:tls';
import dgram from 'node:dgram';
import { Worker } from 'node:worker_threads';
const tries = [
  () => fetch('https://example.com/'),
  () => net.connect(80, 'example.com'),
  () => connect(80, 'example.com'),
  () => new net.Socket().connect(80, 'example.com'),
  () => dns.lookup('example.com', () => {}),
  () => dns.promises.resolve4('example.com'),
  () => http.get('http://example.com/'),
  () => https.request('https://example.com/'),
  () => tls.connect(443, 'example.com'),
  () => dgram.createSocket('udp4'),
];
for (const t of tries) { try { await t(); } catch {} }
await new Promise((resolve) => new Worker(new URL('./probe-worker.mjs', import.meta.url)).on('exit', resolve));
`,
  );
  // A worker from a file, as the tool's chart, workbook and reader threads are (eval workers skip --import).
  writeFileSync(join(dir, 'probe-worker.mjs'), "import net from 'node:net';\ntry { net.connect(80, 'example.com'); } catch {}\n");
  const r = await offline([probe], 'probe');
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(
    attempts(r.log).map((a) => a.api),
    ['globalThis.fetch', 'net.connect', 'net.connect', 'net.Socket.prototype.connect', 'dns.lookup', 'dns.promises.resolve4', 'http.get', 'https.request', 'tls.connect', 'dgram.createSocket', 'net.connect'],
  );
  assert.ok(r.log.some((a) => a.ready === 'worker'), 'the preload runs in worker threads too');
  assert.ok(attempts(r.log).at(-1)!.thread > 0, 'the last attempt came from the worker');
});

/** A study with filters (rejects), a crosstab, and charts: every output path of report and clean. */
const SPEC = `version: 1
title: Offline
input: { file: ${JSON.stringify(fromRoot('fixtures/flavours/google-forms.csv'))} }
filters:
  - { rule: required, questions: [see_new_privacy_policy] }
`;

test('no command attempts a network connection: analyze --out, report --out --rejects, init, clean', { timeout: 120_000 }, async () => {
  const spec = join(dir, 'survey.yaml');
  writeFileSync(spec, SPEC);
  // Big enough (over 8 MiB) that the reader scans it on a worker thread.
  const big = join(dir, 'big.csv');
  const row = 'Yes,Often,"Red, green",42,A free-text answer that takes some room\n';
  writeFileSync(big, `Q1,Q2,Q3,Q4,Q5\n${row.repeat(Math.ceil((9 << 20) / row.length))}`);
  const runs: [string, string[]][] = [
    ['analyze', [BIN, 'analyze', 'fixtures/flavours/google-forms.csv', '--out', join(dir, 'analyze-out'), '--vega-lite', '--by', 'see_new_privacy_policy']],
    ['analyze-big', [BIN, 'analyze', big, '--format', 'csv']],
    ['report', [BIN, 'report', spec, '--out', join(dir, 'report-out'), '--rejects', join(dir, 'rejects.csv'), '--vega-lite']],
    ['report-check', [BIN, 'report', spec, '--out', join(dir, 'report-out'), '--vega-lite', '--check']],
    ['init', [BIN, 'init', 'fixtures/flavours/qualtrics.csv', '-o', join(dir, 'init', 'survey.yaml')]],
    ['clean', [BIN, 'clean', spec, '-o', join(dir, 'clean.csv'), '--rejects', join(dir, 'clean-rejects.csv')]],
    ['error', [BIN, 'analyze', 'fixtures/broken/xlsx_broken.csv']],
  ];
  const threads = new Set<string>();
  for (const [name, args] of runs) {
    const r = await offline(args, name);
    assert.equal(r.code, name === 'error' ? 3 : 0, `${name}: ${r.stderr}`);
    assert.ok(r.log.some((a) => a.ready === 'main'), `${name}: the preload ran`);
    assert.deepEqual(attempts(r.log), [], `${name}: network attempted`);
    for (const a of r.log) if (a.ready === 'worker') threads.add(name);
  }
  // The charts, the workbook and the big file's reader run on worker threads: those were watched too.
  assert.ok(threads.has('report') && threads.has('analyze-big'), [...threads].join(' '));
  const files = readdirSync(join(dir, 'report-out'), { recursive: true }) as string[];
  for (const f of ['report.html', 'tables.xlsx', 'manifest.json']) assert.ok(files.includes(f), f);
});

test('src/ loads no URL: the only ones in the code are identifiers, not addresses to fetch', () => {
  const urls: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.ts')) {
        // Code only: comments may cite standards and documentation.
        const code = readFileSync(p, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
        for (const m of code.matchAll(/\b(?:https?|wss?|ftp):\/\/[^\s'"`)]+/g)) urls.push(`${p.slice(fromRoot().length + 1)}: ${m[0]}`);
      }
    }
  };
  walk(fromRoot('src'));
  // The Vega-Lite "$schema" written into each chart spec names its version; nothing fetches it.
  assert.deepEqual(urls, ['src/render/chart/common.ts: https://vega.github.io/schema/vega-lite/v6.json']);
  // The shipped JSON Schemas refer to nothing outside themselves but the draft they follow, which ajv has built in.
  for (const f of readdirSync(fromRoot('schema')).filter((x) => x.endsWith('.json'))) {
    const schema = readFileSync(fromRoot('schema', f), 'utf8');
    const refs = [...schema.matchAll(/"\$ref"\s*:\s*"([^"]+)"/g)].map((m) => m[1]!);
    assert.ok(refs.every((r) => r.startsWith('#')), `${f}: ${refs.filter((r) => !r.startsWith('#')).join(' ')}`);
    assert.match(schema, /"\$schema": "https:\/\/json-schema\.org\/draft\/2020-12\/schema"/, f);
  }
});
