/**
 * What the whole file tells about the spec once every row is read (`survey report`): the answers
 * the spec names, checked against all the data's (a slip is an error, an answer no row gives a
 * warning), and the warnings and notes about the reading: rows of empty cells, kept rows without
 * a weight, numbers outside every band, a rule that left no respondent, a table filter no kept
 * row met.
 */
import type { Diagnostic, FunnelStep } from '../spec/result.js';
import { gapOf } from '../codebook/values.js';
import type { LoadedSpec } from '../config/load-spec.js';
import { SurveyError } from '../errors/survey-error.js';
import { messages } from '../errors/messages.js';
import { BandCoder } from '../coding/coder.js';
import { answersOf } from './finish.js';
import { checkRecodesAndMissing, choicesOf, comparisonProblem, listedAnswers } from './check-answers.js';
import type { StudyRead } from './passes.js';

/** Throws a spec error for an answer the data does not allow; returns the diagnostics, in the order they are shown. */
export function checkAfterReading(loaded: LoadedSpec, read: StudyRead, funnel: readonly FunnelStep[]): Diagnostic[] {
  const { plan: p, scanned, rows, noWeightLines } = read;
  const { tabulation } = p;
  const diagnostics: Diagnostic[] = [];
  // Every row is coded: the answers the spec names are checked against all the data's.
  checkRecodesAndMissing(loaded, tabulation);
  // A question whose answers the spec lists is closed: an answer outside the list is a slip, not one a later wave may bring.
  const listing = new Set((loaded.spec.questions ?? []).filter((q) => q.options !== undefined).map((q) => q.id));
  const seen = choicesOf(
    p.codebook.questions,
    (q) => {
      const coder = tabulation.coders.get(q.id);
      return coder !== undefined && 'options' in coder ? coder.options.labels : listedAnswers(q);
    },
    (q) => listing.has(q.id),
  );
  for (const { expr, error } of p.expressions) {
    const problem = comparisonProblem(expr, seen, false);
    if (problem?.unseen) {
      const at = error(problem.message);
      const location = at instanceof SurveyError && at.location?.line !== undefined ? { location: { file: at.location.file, line: at.location.line } } : {};
      diagnostics.push({ level: 'warning', code: 'SURVEY_ANSWER_UNSEEN', message: `${at.message}: no row holds it, so it matches none`, ...location });
    } else if (problem !== null) throw error(problem.message, problem.hint);
  }
  if (scanned.emptyRows > 0) diagnostics.push({ level: 'info', code: 'SURVEY_EMPTY_ROWS', message: messages.emptyRows(scanned.emptyRows) });
  if (tabulation.unweighted > 0) diagnostics.push({ level: 'warning', code: 'SURVEY_WEIGHT_MISSING', message: messages.weightMissing(tabulation.unweighted, tabulation.noWeight, noWeightLines) });
  for (const c of tabulation.coders.values()) {
    if (c instanceof BandCoder && c.outside > 0) diagnostics.push({ level: 'warning', code: 'SURVEY_DERIVE_OUTSIDE', message: messages.outsideBands(c.question.id, c.question.derived!.from, c.outside, String(Number(c.firstOutside.toPrecision(4))), gapOf(c.question.derived!.bands, c.firstOutside)) });
  }
  // A rule that leaves no respondent is most often a misspelt answer or a wrong window: said, not left to empty tables.
  // Each at its spec line, as errors are, so that the rule or filter to check is found at once.
  const at = (path: (string | number)[]) => {
    const line = loaded.lineOf(path);
    return line !== undefined ? { location: { file: loaded.file, line } } : {};
  };
  // The funnel's steps after `read` are the spec's rules, in order.
  const ruled = funnel.length - 1 === (loaded.spec.filters ?? []).length;
  funnel.slice(1).forEach((step, k) => {
    if (step.removed > 0 && step.remaining === 0) diagnostics.push({ level: 'warning', code: 'SURVEY_RULE_REMOVED_ALL', message: `rule '${step.rule}' removed every row that reached it (${step.removed}): check its settings against the answers in the data`, ...(ruled ? at(['filters', k]) : {}) });
  });
  for (const f of p.tableFilters) {
    if (!f.met && (funnel[funnel.length - 1]?.remaining ?? rows) > 0) diagnostics.push({ level: 'warning', code: 'SURVEY_TABLE_FILTER_NONE', message: messages.tableFilterNone(f.index, f.id, f.source, answersOf(tabulation, f.names)), ...at(['tables', f.index, 'filter']) });
  }
  return diagnostics;
}
