/**
 * Loads a library bundled at build time (scripts/build-bundles.mjs) from V8's code cache.
 *
 * Compiling vega, vega-lite, exceljs and survey's own modules took most of a small report's
 * run: node reads and compiles each of hundreds of files again on every run, and Node 20 has
 * no compile cache for modules. A bundle is one script, and a script can be compiled from
 * code cached at build time (after a warm-up run, so that the cache holds the functions a run
 * calls, not only the top level).
 *
 * Everything here is an optimisation: a bundle that is missing, or older than a file it was
 * built from (tsc run alone, say), is not used and the caller imports the modules as usual;
 * a cache that V8 rejects (another node version or V8 flags) only makes the compile slower.
 * SURVEY_NO_BUNDLES=1 in the environment loads the modules instead (tests compare the two).
 */
import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

/** dist/bundle, beside dist/src. */
export const BUNDLE_DIR = fileURLToPath(new URL('../../bundle/', import.meta.url));

/**
 * dist/bundle/manifest.json. Per bundle: `id`, a hash of its code, which names its cache
 * (`<name>.<id>.cache`) and ends its code (`//# survey-bundle <id>`), so that a bundle and a
 * cache from two builds are never paired; `inputs`, the size and mtime of each file it was
 * built from, relative to the folder.
 */
export type BundleManifest = Record<string, { id: string; inputs: Record<string, [size: number, mtimeMs: number]> }>;

interface Loaded {
  exports: unknown;
  script: vm.Script;
}

const loaded = new Map<string, Loaded>();
const manifests = new Map<string, BundleManifest | null>();

/** The exports of `<dir>/<name>.cjs`, or undefined when it is missing or stale. */
export function loadBundle<T>(name: string, dir = BUNDLE_DIR): T | undefined {
  const key = join(dir, name);
  const done = loaded.get(key);
  if (done) return done.exports as T;
  if (process.env['SURVEY_NO_BUNDLES']) return undefined;
  const entry = manifestOf(dir)?.[name];
  if (!entry || !isFresh(dir, entry.inputs)) return undefined;
  const file = join(dir, `${name}.cjs`);
  const source = readOrUndefined(file, 'utf8');
  if (source === undefined || !source.endsWith(`//# survey-bundle ${entry.id}\n`)) return undefined;
  const cachedData = readOrUndefined(join(dir, `${name}.${entry.id}.cache`));
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: file,
    // A bundle keeps import() of what it leaves out (vega in survey's): node resolves it as usual.
    importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
    ...(cachedData ? { cachedData } : {}),
  });
  const module = { exports: {} as unknown };
  (script.runInThisContext() as (e: unknown, r: NodeRequire, m: unknown, f: string, d: string) => void)(module.exports, createRequire(file), module, file, dirname(file));
  loaded.set(key, { exports: module.exports, script });
  return module.exports as T;
}

/** Whether V8 compiled a loaded bundle from its cache: false when it had none or rejected it. */
export function usedCodeCache(name: string, dir = BUNDLE_DIR): boolean {
  const script = loaded.get(join(dir, name))?.script;
  return script?.cachedDataRejected === false;
}

/** Code cache of a bundle loaded in this thread, with every function compiled so far (for the build's warm-up). */
export function createCachedData(name: string, dir = BUNDLE_DIR): Buffer | undefined {
  return loaded.get(join(dir, name))?.script.createCachedData();
}

function manifestOf(dir: string): BundleManifest | undefined {
  if (!manifests.has(dir)) {
    let manifest: BundleManifest | null = null;
    try {
      manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as BundleManifest;
    } catch {
      // No bundles (tsc alone), or a build writing them now.
    }
    manifests.set(dir, manifest);
  }
  return manifests.get(dir) ?? undefined;
}

/** Every input has the size and mtime it had when bundled. */
function isFresh(dir: string, inputs: Record<string, [number, number]>): boolean {
  for (const [path, [size, mtimeMs]] of Object.entries(inputs)) {
    const s = statSync(resolve(dir, path), { throwIfNoEntry: false });
    if (!s || s.size !== size || s.mtimeMs !== mtimeMs) return false;
  }
  return true;
}

function readOrUndefined(file: string): Buffer | undefined;
function readOrUndefined(file: string, encoding: 'utf8'): string | undefined;
function readOrUndefined(file: string, encoding?: 'utf8'): Buffer | string | undefined {
  try {
    return encoding ? readFileSync(file, encoding) : readFileSync(file);
  } catch {
    return undefined;
  }
}
