/**
 * The real binary ends with its documented exit code, whatever threads it started early:
 * `report --out` starts the chart thread before the arguments are parsed (bin/survey.js),
 * and a usage error must not leave the process waiting on it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromRoot } from '../helpers/io.js';

const BIN = fromRoot('bin', 'survey.js');
const SPEC = fromRoot('fixtures', 'whatsapp-privacy-2021', 'survey.yaml');

function run(args: string[]): { status: number | null; signal: NodeJS.Signals | null; stderr: string } {
  // A hang is killed after 20 s and shows as a signal, not as a test runner timeout.
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 20_000, env: { ...process.env, NO_COLOR: '1' } });
  return { status: r.status, signal: r.signal, stderr: r.stderr };
}

test('report --out with a usage error exits 2 at once (the early chart thread is stopped)', () => {
  const out = mkdtempSync(join(tmpdir(), 'survey-exit-'));
  try {
    for (const bad of [['--bogus'], ['--format', 'xx']]) {
      const r = run(['report', SPEC, '--out', out, ...bad]);
      assert.equal(r.signal, null, `killed: the process did not exit (${bad.join(' ')})`);
      assert.equal(r.status, 2, r.stderr);
      assert.match(r.stderr, /SURVEY_USAGE/);
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test('report --out with a missing spec exits 4', () => {
  const out = mkdtempSync(join(tmpdir(), 'survey-exit-'));
  try {
    const r = run(['report', join(out, 'nope.yaml'), '--out', join(out, 'o')]);
    assert.equal(r.signal, null);
    assert.equal(r.status, 4, r.stderr);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test('a reader that stops early (| head) ends the run quietly: exit 0, no stack trace', async () => {
  const { spawn } = await import('node:child_process');
  // Output well past a pipe's buffer (64 KiB), so that writes are left when the pipe closes.
  const data = fromRoot('fixtures', 'fivethirtyeight', 'masculinity-survey', 'raw-responses.csv');
  for (const format of ['json', 'csv']) {
    const child = spawn(process.execPath, [BIN, 'analyze', data, '--by', 'age3', '--format', format], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    // Read one chunk, then close the pipe as head does.
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    child.stdout.destroy();
    const status = await new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    assert.equal(status, 0, stderr);
    assert.doesNotMatch(stderr, /EPIPE|at .*\(.*:\d+:\d+\)/, format);
  }
});
