/**
 * Columns a survey platform adds about the response, not the respondent's answers: Qualtrics'
 * Status, Progress, Finished, Duration; LimeSurvey's lastpage, seed, interviewtime; Typeform's
 * Response Type. They are not tabulated unasked (a table of Status among the survey's questions
 * misleads), but stay questions: rules and spec tables can use them. Timestamps are not among
 * them: their summary says when the fieldwork ran. Names a form could give a question of its own
 * ("Status", "Progress", "Duration") count only with the answers the platform writes there.
 */
const BY_NAME = /^(distributionchannel|userlanguage|responseset|q_recaptchascore|q_relevantid\w*|q_ballotboxstuffing|q_totalduration|lastpage|startlanguage|seed|interviewtime|grouptime\d+)$/i;

const QUALTRICS_STATUS = new Set(['ip address', 'survey preview', 'survey test', 'spam', 'imported', 'offline', 'ex']);
const number = (v: string) => /^\d+(\.\d+)?$/.test(v.trim());

const BY_ANSWERS: readonly [RegExp, (answers: readonly string[]) => boolean][] = [
  [/^status$/i, (a) => a.every((v) => QUALTRICS_STATUS.has(v.trim().toLowerCase()) || /^(0|1|2|4|8|9|12|16|17)$/.test(v.trim()))],
  [/^progress$/i, (a) => a.every((v) => number(v) && Number(v) <= 100)],
  [/^duration( \(in seconds\))?$/i, (a) => a.every(number)],
  [/^finished$/i, (a) => a.every((v) => /^(true|false|0|1)$/i.test(v.trim()))],
  [/^response type$/i, (a) => a.every((v) => /^(completed|partial)$/i.test(v.trim()))],
];

/** Whether a column named `name`, holding `answers` (its distinct non-blank cells), is the platform's. */
export function isPlatformMetadata(name: string, answers: readonly string[]): boolean {
  const n = name.trim();
  if (BY_NAME.test(n)) return true;
  const rule = BY_ANSWERS.find(([pattern]) => pattern.test(n));
  return rule !== undefined && answers.length > 0 && rule[1](answers);
}
