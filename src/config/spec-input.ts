/** The export a spec names: found from the spec's folder, and said at the spec's line when it is not there. */
import { readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { LoadedSpec } from './load-spec.js';
import { specError } from './apply-codebook.js';
import { SurveyError } from '../errors/survey-error.js';
import { messages } from '../errors/messages.js';
import { closest } from '../errors/suggest.js';

/** The spec's `input.file` as an absolute path, relative to the spec's folder (not the working directory); it must exist. */
export function specInputFile(loaded: LoadedSpec, specPath: string): string {
  const given = loaded.spec.input?.file;
  if (given === undefined) throw specError(loaded, ['input'], "missing 'input.file': the export to read (relative to the spec)");
  const file = resolve(dirname(specPath), given);
  checkInputExists(loaded, file);
  return file;
}

/**
 * The spec's export, missing: said at the spec's line, with the path it was looked for at (it is
 * read from the spec's folder, not the working directory) and the closest name in that folder.
 */
function checkInputExists(loaded: LoadedSpec, file: string): void {
  if (statSync(file, { throwIfNoEntry: false }) !== undefined) return;
  const given = loaded.spec.input!.file!;
  const folder = dirname(file);
  const names = statSync(folder, { throwIfNoEntry: false })?.isDirectory() ? readdirSync(folder) : [];
  const near = closest(basename(given), names);
  throw new SurveyError('SURVEY_IO_READ', messages.inputMissing(given, join(dirname(loaded.file), given)), {
    location: { file: loaded.file, line: loaded.lineOf(['input', 'file']) ?? 1 },
    hint: near !== undefined ? `did you mean ${JSON.stringify(join(dirname(given), near))}?` : 'input.file is relative to the folder of the spec',
  });
}
