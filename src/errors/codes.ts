/** Exit codes are a public contract, documented in the README. */
export const EXIT = {
  ok: 0,
  /** The run worked but a check failed (`report --check` found stale figures). */
  checkFailed: 1,
  /** The command line or the spec is wrong. */
  usage: 2,
  /** The input data cannot be read as a survey export. */
  data: 3,
  /** A file could not be read or written. */
  io: 4,
  /** A bug in survey, not the user's mistake (sysexits' EX_SOFTWARE): the message asks for a report. */
  internal: 70,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** Stable error codes: other programs match on these, so never rename one. */
export type SurveyErrorCode =
  | 'SURVEY_USAGE'
  | 'SURVEY_OPTION_INVALID'
  | 'SURVEY_QUESTION_UNKNOWN'
  | 'SURVEY_IO_READ'
  | 'SURVEY_IO_WRITE'
  | 'SURVEY_CSV_EMPTY'
  | 'SURVEY_CSV_HEADER_ONLY'
  | 'SURVEY_CSV_NO_HEADER'
  | 'SURVEY_CSV_QUOTE_NOT_CLOSED'
  | 'SURVEY_CSV_INVALID_QUOTE'
  | 'SURVEY_CSV_RAGGED_ROW'
  | 'SURVEY_CSV_BINARY'
  | 'SURVEY_CSV_NOT_CSV'
  | 'SURVEY_CSV_ENCODING'
  | 'SURVEY_CSV_FIELD_TOO_LONG'
  | 'SURVEY_CSV_PARSE'
  | 'SURVEY_XLSX_UNREADABLE'
  | 'SURVEY_WEIGHT_NEGATIVE'
  | 'SURVEY_SPEC_INVALID'
  | 'SURVEY_EXPR_INVALID'
  | 'SURVEY_CHECK_FAILED';

export const EXIT_BY_CODE: Record<SurveyErrorCode, ExitCode> = {
  SURVEY_USAGE: EXIT.usage,
  SURVEY_OPTION_INVALID: EXIT.usage,
  SURVEY_QUESTION_UNKNOWN: EXIT.usage,
  SURVEY_IO_READ: EXIT.io,
  SURVEY_IO_WRITE: EXIT.io,
  SURVEY_CSV_EMPTY: EXIT.data,
  SURVEY_CSV_HEADER_ONLY: EXIT.data,
  SURVEY_CSV_NO_HEADER: EXIT.data,
  SURVEY_CSV_QUOTE_NOT_CLOSED: EXIT.data,
  SURVEY_CSV_INVALID_QUOTE: EXIT.data,
  SURVEY_CSV_RAGGED_ROW: EXIT.data,
  SURVEY_CSV_BINARY: EXIT.data,
  SURVEY_CSV_NOT_CSV: EXIT.data,
  SURVEY_CSV_ENCODING: EXIT.data,
  SURVEY_CSV_FIELD_TOO_LONG: EXIT.data,
  SURVEY_CSV_PARSE: EXIT.data,
  SURVEY_XLSX_UNREADABLE: EXIT.data,
  /** A kept row's weight is below 0: no sampling weight. */
  SURVEY_WEIGHT_NEGATIVE: EXIT.data,
  SURVEY_SPEC_INVALID: EXIT.usage,
  SURVEY_EXPR_INVALID: EXIT.usage,
  SURVEY_CHECK_FAILED: EXIT.checkFailed,
};
