/** Paths from the repo root, wherever the compiled test runs from. */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('repo root not found');
    dir = up;
  }
  return dir;
}

export const ROOT = findRoot();

/** The repository root (the nearest folder above the compiled test holding a package.json). */
export function repoRoot(): string {
  return ROOT;
}

export function fromRoot(...parts: string[]): string {
  return join(ROOT, ...parts);
}
