/** `--check`: compares what a run would write with what is on disk, writing nothing. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Artifact } from './write.js';

export interface Drift {
  path: string;
  status: 'missing' | 'differs';
}

export async function checkArtifacts(dir: string, artifacts: readonly Artifact[]): Promise<Drift[]> {
  const drift: Drift[] = [];
  for (const a of artifacts) {
    let current: Buffer;
    try {
      current = await readFile(join(dir, ...a.path.split('/')));
    } catch {
      drift.push({ path: a.path, status: 'missing' });
      continue;
    }
    const expected = typeof a.content === 'string' ? Buffer.from(a.content) : Buffer.from(a.content);
    if (!current.equals(expected)) drift.push({ path: a.path, status: 'differs' });
  }
  return drift;
}
