/** Diagnostic codes are a public contract: every one the code raises is in the README's table, and the table names no other. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fromRoot } from '../../helpers/paths.js';

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

test("every diagnostic code raised is in the README's table of diagnostics, and no other", () => {
  const raised = new Set(sources(fromRoot('src')).flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/code: '(SURVEY_[A-Z_]+)'/g)].map((m) => m[1]!)));
  const readme = readFileSync(fromRoot('README.md'), 'utf8');
  const documented = new Set([...readme.matchAll(/^\| `(SURVEY_[A-Z_]+)` \| (?:info|warning) \|/gm)].map((m) => m[1]!));
  assert.deepEqual([...raised].sort(), [...documented].sort());
});
