import { EXIT_BY_CODE, type ExitCode, type SurveyErrorCode } from './codes.js';

/** Where in a file something went wrong; line and column are 1-based. */
export interface Location {
  file: string;
  line?: number;
  /** A column number, or a column's header name. */
  column?: number | string;
  /** A path inside a structured file, e.g. `tables[2].row`. */
  path?: string;
}

/**
 * The one error type a user can see. Anything else escaping to the CLI is a bug
 * and is reported as such.
 */
export class SurveyError extends Error {
  readonly code: SurveyErrorCode;
  readonly exitCode: ExitCode;
  readonly location: Location | undefined;
  readonly hint: string | undefined;

  constructor(code: SurveyErrorCode, message: string, options: { location?: Location | undefined; hint?: string | undefined; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'SurveyError';
    this.code = code;
    this.exitCode = EXIT_BY_CODE[code];
    this.location = options.location;
    this.hint = options.hint;
  }
}

export function isSurveyError(e: unknown): e is SurveyError {
  return e instanceof SurveyError;
}

/** `file:line:column` in the compiler style editors can jump to. */
export function formatLocation(loc: Location): string {
  let s = loc.file;
  if (loc.line !== undefined) s += `:${loc.line}`;
  if (loc.column !== undefined) s += typeof loc.column === 'number' ? `:${loc.column}` : ` (column ${JSON.stringify(loc.column)})`;
  if (loc.path !== undefined) s += ` at ${loc.path}`;
  return s;
}
