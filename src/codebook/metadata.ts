/**
 * Columns a survey platform adds about the response, not the respondent's answers: Qualtrics'
 * Status, Progress, Finished, Duration; LimeSurvey's lastpage, seed, interviewtime; Typeform's
 * Tags and Response Type. They are not tabulated unasked (a table of Status among the survey's
 * questions misleads), but stay questions: rules and spec tables can use them. Timestamps are
 * not among them: their summary says when the fieldwork ran.
 */
const METADATA =
  /^(status|responseset|response set|progress|finished|duration( \(in seconds\))?|distributionchannel|distribution channel|userlanguage|user language|q_recaptchascore|q_relevantid\w*|q_ballotboxstuffing|q_totalduration|q_url|lastpage|last page|startlanguage|start language|seed|interviewtime|total time|grouptime\d+|group time: .*|tags|response type|collector ?id|networkid)$/i;

export function isPlatformMetadata(name: string): boolean {
  return METADATA.test(name.trim());
}
