import type { Compiled } from '../expr/compile.js';
import type { RowValues } from './row-values.js';
import { SurveyError } from '../errors/survey-error.js';
import { didYouMean } from './resolve.js';

/** Every name an expression reads must be a question id (or grid item): caught before any row is read. */
export function checkNames(expr: Compiled, values: RowValues, where: string): void {
  for (const name of expr.names) {
    if (values.has(name)) continue;
    // `gender == Male`: a word compared with is most likely an answer that wants quotes.
    const compared = new RegExp(`\\s*(==|!=|<=|>=|<|>)\\s*${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`);
    if (compared.test(expr.source)) {
      const quoted = expr.source.replace(compared, (_, op: string) => ` ${op} "${name}"`);
      throw new SurveyError('SURVEY_EXPR_INVALID', `${where}: '${name}' in ${JSON.stringify(expr.source)} is not a question; an answer is text in quotes`, { hint: `write ${quoted}` });
    }
    throw new SurveyError('SURVEY_EXPR_INVALID', `${where}: unknown question '${name}' in ${JSON.stringify(expr.source)}${didYouMean(name, values.names())}`);
  }
}
