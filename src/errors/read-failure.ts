import { SurveyError } from './survey-error.js';
import { messages } from './messages.js';

/** A system error met reading `file` (ENOENT, EACCES, EISDIR...) as survey's error; null for any other error. */
export function readFailure(e: unknown, file: string): SurveyError | null {
  const errno = e as NodeJS.ErrnoException;
  if (!errno || typeof errno.code !== 'string' || !errno.syscall) return null;
  return new SurveyError('SURVEY_IO_READ', messages.cannotRead(errno.code), { location: { file }, cause: e });
}
