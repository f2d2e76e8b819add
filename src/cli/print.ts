/** The only module that knows about chalk: styles for tables and diagnostics. */
import { Chalk } from 'chalk';
import type { Io, Output } from './io.js';
import type { Styler } from '../render/table/text.js';
import { formatLocation, type SurveyError } from '../errors/survey-error.js';
import type { Diagnostic } from '../spec/result.js';
import { forTerminal } from '../render/sanitize.js';
import { maskContacts } from '../privacy/mask.js';

/** Colour only on a terminal, and never when NO_COLOR is set (no-color.org) or --no-color given. */
export function useColor(out: Output, env: Io['env'], flag: boolean | undefined): boolean {
  if (flag === false) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true;
  return out.isTTY === true;
}

export function styler(color: boolean): Styler {
  const c = new Chalk({ level: color ? 1 : 0 });
  return { title: (s) => c.bold(s), dim: (s) => c.dim(s), bar: (s) => c.cyan(s), warn: (s) => c.yellow(s) };
}

/**
 * `file:line: error CODE: message`, then the hint; never a stack trace. A message may quote
 * answers (a misspelt one, a suggestion): contact details typed into them are masked.
 */
export function formatError(e: SurveyError, color: boolean): string {
  const c = new Chalk({ level: color ? 1 : 0 });
  const where = e.location ? `${forTerminal(formatLocation(e.location))}: ` : '';
  let s = `${where}${c.red('error')} ${e.code}: ${forTerminal(maskContacts(e.message))}\n`;
  if (e.hint) s += `  ${c.dim(`hint: ${forTerminal(maskContacts(e.hint))}`)}\n`;
  return s;
}

/**
 * `warning SURVEY_CODE: message`, as errors are written, for stderr: stdout holds the result alone,
 * so `survey report s.yaml > out.txt` still shows warnings on the terminal.
 */
export function formatDiagnostic(d: Diagnostic, color: boolean): string {
  const c = new Chalk({ level: color ? 1 : 0 });
  const where = d.location ? `${forTerminal(formatLocation(d.location))}: ` : '';
  return `${where}${d.level === 'warning' ? c.yellow('warning') : c.dim('info')} ${d.code}: ${forTerminal(maskContacts(d.message))}\n`;
}
