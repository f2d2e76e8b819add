/** `--check`: compares what a run would write with what is on disk, writing nothing. */
import { access, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
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

/** What the manifest.json of the run that wrote the figures recorded (the parts `driftReason` reads). */
interface Recorded {
  input?: { sha256?: unknown; rows?: unknown };
  files?: { path?: unknown; sha256?: unknown }[];
}

/**
 * Why the figures are stale, from the manifest.json the run that wrote them left: the input
 * changed (its SHA-256, and row count, then and now); else files changed after that run wrote
 * them (they no longer match the manifest); else the same input gave other figures, which only
 * survey's version or the spec can do (the manifest records no hash of the spec: a comment
 * edited in it would make every figure folder stale). Null when there is no manifest to tell.
 */
export async function driftReason(dir: string, drift: readonly Drift[], input: { sha256: string; rows: number }): Promise<string | null> {
  let recorded: Recorded;
  try {
    recorded = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as Recorded;
  } catch {
    return null;
  }
  const was = recorded?.input?.sha256;
  if (typeof was === 'string' && was !== input.sha256) {
    const rows = typeof recorded.input?.rows === 'number' && recorded.input.rows !== input.rows ? `; ${recorded.input.rows} → ${input.rows} rows` : '';
    return `the input changed since these files were written (SHA-256 ${short(was)} → ${short(input.sha256)}${rows})`;
  }
  const listed = new Map((Array.isArray(recorded?.files) ? recorded.files : []).map((f) => [f?.path, f?.sha256]));
  const edited: string[] = [];
  for (const d of drift) {
    if (d.status !== 'differs' || typeof listed.get(d.path) !== 'string') continue;
    // A file that cannot be read now (its permissions changed since the check read it) tells nothing.
    const bytes = await readFile(join(dir, ...d.path.split('/'))).catch(() => null);
    if (bytes === null) continue;
    if (createHash('sha256').update(bytes).digest('hex') !== listed.get(d.path)) edited.push(d.path);
  }
  if (edited.length > 0) {
    const which = edited.length === 1 ? `${edited[0]} was` : `${edited.length} files were (${edited.slice(0, 3).join(', ')}${edited.length > 3 ? ', ...' : ''})`;
    return `${which} changed after survey wrote ${edited.length === 1 ? 'it' : 'them'}: not the SHA-256 it recorded`;
  }
  if (typeof was !== 'string') return null;
  return `the figures differ though the input is the same (SHA-256 ${short(was)}): survey's version or the spec changed`;
}

/** A SHA-256 shortened as git shortens commits: enough to tell two apart. */
function short(sha256: string): string {
  return sha256.slice(0, 12);
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
