import type { Compiled } from '../expr/compile.js';
import type { RowValues } from './row-values.js';
import { SurveyError } from '../errors/survey-error.js';
import { distance } from './resolve.js';

/** Every name an expression reads must be a question id (or grid item): caught before any row is read. */
export function checkNames(expr: Compiled, values: RowValues, where: string): void {
  for (const name of expr.names) {
    if (values.has(name)) continue;
    const known = values.names();
    const best = known.map((k) => [k, distance(name.toLowerCase(), k.toLowerCase())] as const).sort((a, b) => a[1] - b[1])[0];
    const hint = best && best[1] <= Math.max(2, Math.floor(name.length / 3)) ? `, did you mean '${best[0]}'?` : '';
    throw new SurveyError('SURVEY_EXPR_INVALID', `${where}: unknown question '${name}' in ${JSON.stringify(expr.source)}${hint}`);
  }
}
