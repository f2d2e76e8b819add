import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { outputDir, repoRoot } from '../helpers/snapshot.js';

// The SVG goldens are only as stable as the renderer: bumping vega or vega-lite must come with
// regenerated goldens (UPDATE=1) and an updated tests/output/VERSIONS.
test('tests/output/VERSIONS matches the installed renderer versions', () => {
  const lines = readFileSync(join(outputDir(), 'VERSIONS'), 'utf8').trim().split('\n');
  for (const line of lines) {
    const [name = '', version] = line.split(' ');
    const installed = JSON.parse(readFileSync(join(repoRoot(), 'node_modules', name, 'package.json'), 'utf8')) as { version: string };
    assert.equal(installed.version, version, `${name} is ${installed.version} but the goldens were made with ${version ?? '?'}: run UPDATE=1 and update VERSIONS`);
  }
});
