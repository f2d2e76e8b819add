/** A result on stdout in the format asked for: the same for every command that tabulates. */
import type { AnalysisResult } from '../spec/result.js';
import type { Io } from './io.js';
import type { Format } from './options.js';
import { renderText } from '../render/table/text.js';
import { renderCsv } from '../render/table/csv.js';
import { renderMarkdown } from '../render/table/markdown.js';
import { styler, useColor } from './print.js';
import { forTerminal, jsonForTerminal } from '../render/sanitize.js';

export function renderResult(result: AnalysisResult, format: Format, io: Io, colorFlag: boolean | undefined): string {
  switch (format) {
    case 'json':
      return `${jsonForTerminal(result)}\n`;
    case 'csv':
    case 'md':
      // Tables only on stdout (a file to keep); what the text report says beside them goes to stderr, not nowhere.
      for (const d of result.diagnostics) io.stderr.write(`${d.level}: ${forTerminal(d.message)}\n`);
      return format === 'csv' ? renderCsv(result) : renderMarkdown(result);
    case 'text':
      return renderText(result, { styler: styler(useColor(io.stdout, io.env, colorFlag)), width: Math.min(120, io.stdout.columns ?? 100) });
  }
}
