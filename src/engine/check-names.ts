import { withQuotedAnswer, type Compiled } from '../expr/compile.js';
import { messages } from '../errors/messages.js';
import type { RowValues } from '../coding/row-values.js';
import { SurveyError } from '../errors/survey-error.js';
import { didYouMean } from '../errors/suggest.js';

/** Every name an expression reads must be a question id (or grid item): caught before any row is read. */
export function checkNames(expr: Compiled, values: RowValues, where: string): void {
  for (const name of expr.names) {
    if (values.has(name)) continue;
    const quoted = withQuotedAnswer(expr.source, name, (w) => values.has(w));
    if (quoted !== null) throw new SurveyError('SURVEY_EXPR_INVALID', `${where}: ${messages.unquotedAnswer(name, expr.source)}`, { hint: `write ${quoted}` });
    throw new SurveyError('SURVEY_EXPR_INVALID', `${where}: unknown question '${name}' in ${JSON.stringify(expr.source)}${didYouMean(name, values.names())}`);
  }
}
