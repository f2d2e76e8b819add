/** `--check`: compares what a run would write with what is on disk, writing nothing. */
import { access, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Artifact } from './write.js';

export interface Drift {
  path: string;
  /** `left over`: written by an earlier run (its manifest lists it), no longer made (a table dropped from the spec). */
  status: 'missing' | 'differs' | 'left over';
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
  for (const path of await leftOver(dir, artifacts)) drift.push({ path, status: 'left over' });
  return drift;
}

/**
 * Files an earlier run wrote to `dir` (listed in its manifest.json) that this run does not make
 * and that are still there: figures of tables since dropped from the spec, which would otherwise
 * stay beside the current ones looking current. Only plain relative paths inside `dir` count.
 */
export async function leftOver(dir: string, artifacts: readonly Artifact[]): Promise<string[]> {
  let listed: unknown;
  try {
    listed = (JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as { files?: unknown }).files;
  } catch {
    return [];
  }
  if (!Array.isArray(listed)) return [];
  const made = new Set(artifacts.map((a) => a.path));
  const out: string[] = [];
  for (const f of listed) {
    const path = (f as { path?: unknown } | null)?.path;
    if (typeof path !== 'string' || made.has(path) || !/^[A-Za-z0-9_.~-]+(\/[A-Za-z0-9_.~-]+)*$/.test(path) || path.split('/').some((p) => p === '..' || p === '.')) continue;
    if (await access(join(dir, ...path.split('/'))).then(() => true, () => false)) out.push(path);
  }
  return out.sort();
}

/** Removes the left-over files `leftOver` found, once the new ones are written; what to tell the user, if anything. */
export async function removeLeftOver(dir: string, paths: readonly string[]): Promise<string | null> {
  for (const path of paths) await rm(join(dir, ...path.split('/')), { force: true });
  return paths.length === 0 ? null : `removed ${paths.length} file${paths.length === 1 ? '' : 's'} an earlier run wrote that this one does not make: ${paths.join(', ')}`;
}
