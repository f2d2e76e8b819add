/** A result on stdout in the format asked for: the same for every command that tabulates. */
import type { AnalysisResult } from '../spec/result.js';
import type { Io } from './io.js';
import type { Format } from './options.js';
import { renderText } from '../render/table/text.js';
import { renderCsv } from '../render/table/csv.js';
import { renderMarkdown } from '../render/table/markdown.js';
import { formatDiagnostic, styler, useColor } from './print.js';
import { jsonText } from '../render/sanitize.js';

export function renderResult(result: AnalysisResult, format: Format, io: Io, colorFlag: boolean | undefined): string {
  // The result alone on stdout (often a file to keep); what is said beside it goes to stderr: all of
  // it, but for JSON, which holds it, only warnings, so that none goes unseen in any format.
  const said = format === 'json' ? result.diagnostics.filter((d) => d.level === 'warning') : result.diagnostics;
  for (const d of said) io.stderr.write(formatDiagnostic(d, useColor(io.stderr, io.env, colorFlag)));
  switch (format) {
    case 'json':
      return `${jsonText(result)}\n`;
    case 'csv':
    case 'md':
      return format === 'csv' ? renderCsv(result) : renderMarkdown(result);
    case 'text':
      return renderText(result, { styler: styler(useColor(io.stdout, io.env, colorFlag)), width: Math.min(120, io.stdout.columns ?? 100) });
  }
}
