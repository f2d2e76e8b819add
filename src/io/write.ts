/**
 * Writing outputs so that a failed run never leaves a partial file, a temporary file, or a mix
 * of new and old files.
 *
 * Every batch of files (one file, or every file of `--out`) is written in two phases:
 *
 *   1. stage   each file is written in full to a temporary name beside its target
 *              (`.<name>.<pid>-<random>.tmp`, created exclusively); folders are created as
 *              needed; a target that is a folder is refused here.
 *   2. commit  only when every byte of every file is on disk, each temporary file is renamed
 *              over its target (an atomic step on one file system). A target that existed is
 *              first hard-linked (or copied) to a backup, so that if a rename fails anyway,
 *              every target already replaced gets its old content back and every new one goes.
 *
 * A failure in either phase removes every temporary file, every backup and every folder the
 * batch created, and is reported as SURVEY_IO_WRITE: the targets are exactly as they were.
 * Files in an output folder that this run does not produce are never touched (a chart that a
 * spec no longer draws stays until removed; `manifest.json` lists the files of the last run).
 */
import { copyFile, link, lstat, mkdir, rename, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { SurveyError } from '../errors/survey-error.js';
import { messages } from '../errors/messages.js';

export interface Artifact {
  /** Path relative to the output folder, with / separators. */
  path: string;
  content: string | Uint8Array;
}

export interface OutputFile {
  /** Absolute path of the target. */
  file: string;
  content: string | Uint8Array;
}

/** For tests: called before each rename of the commit phase, so a failure there can be simulated. */
export interface WriteHooks {
  beforeRename?(target: string, index: number): void | Promise<void>;
}

interface Staged {
  target: string;
  tmp: string;
  backup: string | null;
  committed: boolean;
}

/** Writes one file atomically: the whole new content, or the file as it was. */
export async function writeAtomic(file: string, content: string | Uint8Array): Promise<void> {
  await writeFiles([{ file, content }]);
}

/** Writes every artifact under `dir` as one batch: all of them, or none. */
export async function writeArtifacts(dir: string, artifacts: readonly Artifact[], hooks: WriteHooks = {}): Promise<string[]> {
  const files = artifacts.map((a) => ({ file: join(dir, ...a.path.split('/')), content: a.content }));
  await writeFiles(files, hooks);
  return files.map((f) => f.file);
}

/** Writes files as one batch: after it returns every target holds its new content; after it throws, every target is as it was. */
export async function writeFiles(files: readonly OutputFile[], hooks: WriteHooks = {}): Promise<void> {
  const token = `${process.pid}-${randomBytes(6).toString('hex')}`;
  const staged: Staged[] = [];
  const createdDirs: string[] = [];
  let current = files[0]?.file ?? '';
  try {
    // Phase 1: every byte on disk under a temporary name. The folders first, then every file at
    // once: a report writes dozens, and one after the other each waits for the disk in turn.
    const dirs = new Set<string>();
    for (const f of files) {
      if (dirs.has(dirname(f.file))) continue;
      dirs.add(dirname(f.file));
      current = f.file;
      await makeFolder(dirname(f.file), createdDirs);
    }
    for (const f of files) staged.push({ target: f.file, tmp: join(dirname(f.file), `.${basename(f.file)}.${token}.tmp`), backup: null, committed: false });
    await allInOrder(staged, async (s, i) => {
      const existing = await lstat(s.target).catch((e: NodeJS.ErrnoException) => {
        if (e.code === 'ENOENT') return null;
        throw e;
      });
      if (existing?.isDirectory()) throw Object.assign(new Error('a folder is in the way'), { code: 'EISDIR' });
      if (existing) s.backup = join(dirname(s.target), `.${basename(s.target)}.${token}.bak`);
      await writeFile(s.tmp, files[i]!.content, { flag: 'wx' });
    }, (s) => (current = s.target));
    // Phase 2: keep the old contents aside, then rename each new file over its target.
    await allInOrder(staged, (s) => (s.backup ? keepCopy(s.target, s.backup) : undefined), (s) => (current = s.target));
    for (const [i, s] of staged.entries()) {
      current = s.target;
      await hooks.beforeRename?.(s.target, i);
      await rename(s.tmp, s.target);
      s.committed = true;
    }
  } catch (e) {
    await rollBack(staged, createdDirs);
    if (e instanceof FolderError) throw new SurveyError('SURVEY_IO_WRITE', messages.cannotMakeFolder(e.code, e.parent), { location: { file: e.folder }, cause: e.cause });
    throw new SurveyError('SURVEY_IO_WRITE', messages.cannotWrite((e as NodeJS.ErrnoException).code ?? String(e)), { location: { file: current }, cause: e });
  }
  // Committed: the backups are no longer needed (a failure to remove one is not the run's failure).
  await Promise.all(staged.map((s) => (s.backup ? rm(s.backup, { force: true }) : undefined)));
}

/** A folder that could not be made: which, why (an errno code), and the folder above it that stopped it. */
class FolderError extends Error {
  constructor(
    readonly folder: string,
    readonly code: string,
    readonly parent: string,
    cause: unknown,
  ) {
    super(`cannot make ${folder} (${code})`, { cause });
  }
}

/**
 * Makes `dir` and the folders missing above it, one level at a time, from the nearest one that
 * exists down; each folder made is added to `created` (for the roll-back) as soon as it is.
 *
 * Not Node's `mkdir(dir, { recursive: true })`: it reads ENOENT as "the parent is missing",
 * makes the parent (EEXIST: there already), and tries the child again, forever where a folder
 * exists but refuses new entries with ENOENT, as procfs does (`--out /proc/x` hung, one core at
 * 100%). Here a folder's parent is known to exist before it is made, so any error is final.
 */
async function makeFolder(dir: string, created: string[]): Promise<void> {
  const missing: string[] = [];
  for (let d = dir; ; d = dirname(d)) {
    const found = await stat(d).catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') return null;
      throw new FolderError(dir, e.code ?? String(e), dirname(d), e);
    });
    if (found?.isDirectory()) break;
    // A file on the way: the path cannot hold a folder.
    if (found) throw new FolderError(dir, 'ENOTDIR', d, undefined);
    // The root itself missing (a drive that is gone): nothing above it to make it in.
    if (dirname(d) === d) throw new FolderError(dir, 'ENOENT', d, undefined);
    missing.push(d);
  }
  for (const d of missing.reverse()) {
    try {
      await mkdir(d);
      created.push(d);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? String(e);
      // Made meanwhile by another process: as good as made here (not ours to remove).
      if (code === 'EEXIST' && (await stat(d).catch(() => null))?.isDirectory()) continue;
      throw new FolderError(d, code, dirname(d), e);
    }
  }
}

/**
 * Runs `step` on every item at once and waits for all of them (so that nothing is still being
 * written when a failure rolls the batch back); then throws the first failure in item order,
 * after `onFailure` names its item.
 */
async function allInOrder<T>(items: readonly T[], step: (item: T, index: number) => Promise<unknown> | undefined, onFailure: (item: T) => void): Promise<void> {
  const results = await Promise.allSettled(items.map((item, i) => step(item, i)));
  const failed = results.findIndex((r) => r.status === 'rejected');
  if (failed < 0) return;
  onFailure(items[failed]!);
  throw (results[failed] as PromiseRejectedResult).reason;
}

/** A backup of `file` at `backup`: a hard link (no bytes copied), or a copy where links are not supported. */
async function keepCopy(file: string, backup: string): Promise<void> {
  try {
    await link(file, backup);
  } catch {
    await copyFile(file, backup);
  }
}

/** Puts every target back as it was and removes everything the batch created. Never throws. */
async function rollBack(staged: readonly Staged[], createdDirs: readonly string[]): Promise<void> {
  for (const s of [...staged].reverse()) {
    try {
      if (s.committed) {
        if (s.backup) await rename(s.backup, s.target);
        else await unlink(s.target);
      }
    } catch {
      // Best effort: the error that started the roll-back is the one reported.
    }
    await rm(s.tmp, { force: true }).catch(() => undefined);
    if (s.backup) await rm(s.backup, { force: true }).catch(() => undefined);
  }
  for (const d of [...createdDirs].reverse()) await rm(d, { recursive: true, force: true }).catch(() => undefined);
}
