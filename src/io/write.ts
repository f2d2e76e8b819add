/** Writing outputs: each file atomically (a temporary file, then rename), so a failed run leaves no partial file. */
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { SurveyError } from '../errors/survey-error.js';
import { messages } from '../errors/messages.js';

export interface Artifact {
  /** Path relative to the output folder, with / separators. */
  path: string;
  content: string | Uint8Array;
}

export async function writeAtomic(file: string, content: string | Uint8Array): Promise<void> {
  const tmp = join(dirname(file), `.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`);
  try {
    await mkdir(dirname(file), { recursive: true });
    await writeFile(tmp, content);
    await rename(tmp, file);
  } catch (e) {
    await rm(tmp, { force: true });
    throw new SurveyError('SURVEY_IO_WRITE', messages.cannotWrite((e as NodeJS.ErrnoException).code ?? String(e)), { location: { file }, cause: e });
  }
}

/** Writes every artifact under `dir`; all are rendered before the first is written. */
export async function writeArtifacts(dir: string, artifacts: readonly Artifact[]): Promise<string[]> {
  const written: string[] = [];
  for (const a of artifacts) {
    const file = join(dir, ...a.path.split('/'));
    await writeAtomic(file, a.content);
    written.push(file);
  }
  return written;
}
