/** The methods note of report.html: fieldwork, rules, bases, weights, tests, disclosure, personal data, input. */
import type { FilterSpec, StudySpec } from '../spec/analysis.js';
import type { CrosstabTable } from '../spec/result.js';
import { formatNumber, formatPercent } from '../render/sanitize.js';
import { bdi, formatCount, h, specTableOf, type HtmlInput } from './html-common.js';
import { maskContacts } from '../privacy/mask.js';

export function methods(input: HtmlInput): string {
  const { result, spec } = input;
  const out: string[] = [];
  const filters = spec?.filters ?? [];
  const names = (result.funnel ?? []).slice(1).map((s) => s.rule);
  const fieldwork = filters.filter((f): f is Extract<FilterSpec, { rule: 'fieldwork' }> => f.rule === 'fieldwork');
  out.push(
    fieldwork.length > 0
      ? `<p><strong>Fieldwork.</strong> ${fieldwork.map((f) => `${h(f.from)} to ${h(f.to)} inclusive, ${h(f.timezone ?? spec?.input?.timezone ?? 'UTC')} time (from question <code>${h(f.question)}</code>); submissions outside the window are not counted.`).join(' ')}</p>`
      : '<p><strong>Fieldwork.</strong> The spec sets no fieldwork window.</p>',
  );
  if (filters.length > 0) {
    const items = filters.map((f, i) => `<li><strong>${bdi(names[i] ?? f.name ?? f.rule)}</strong>: ${describeFilter(f, spec)}</li>`);
    out.push(`<p><strong>Validity rules</strong>, applied in this order (see “Who is counted”):</p>\n<ol>\n${items.join('\n')}\n</ol>`);
  } else if (names.length > 0) {
    // No spec, but rows left out all the same (analyze --where).
    const items = (result.funnel ?? []).slice(1).map((s) => `<li><code>${h(s.rule)}</code>: ${formatCount(s.removed)} of ${formatCount(s.removed + s.remaining)} rows left out</li>`);
    out.push(`<p><strong>Rows counted.</strong> Only the rows these keep are counted (see “Who is counted”):</p>\n<ul>\n${items.join('\n')}\n</ul>`);
  } else out.push('<p><strong>Validity rules.</strong> None: every row read is counted.</p>');

  const filtered = result.tables
    .map((t, i) => [t, i, specTableOf(input, t)] as const)
    .filter(([, , s]) => s?.filter !== undefined)
    .map(([t, i, s]) => `<li>${bdi(t.label)} (<span class="tag">${h(input.ids[i]!)}</span>): respondents for whom <code>${h(maskContacts(s!.filter!))}</code></li>`);
  out.push(
    `<p><strong>Bases.</strong> Percentages are of respondents answering each question after the validity rules — the base, stated as “n = …” under every table. Respondents who skipped a question, and answers the spec declares missing (shown marked “not in base”), are outside it. Crosstab percentages are of each column’s base. Percentages are rounded half-up to one decimal in tables and to whole numbers in charts; nets are computed from counts, so a net may differ from the sum of its rounded parts.${spec?.weight !== undefined ? ` Counts are weighted by <code>${h(spec.weight)}</code>.` : ''}</p>` +
      (filtered.length > 0 ? `\n<p>Tables with a base of their own:</p>\n<ul>\n${filtered.join('\n')}\n</ul>` : ''),
  );

  const w = result.weights;
  if (w) {
    const rake = w.raking ? ` Raked (iterative proportional fitting) on ${w.raking.variables.map((v) => `<code>${h(v)}</code>`).join(', ')} in ${w.raking.iterations} iterations (tolerance ${w.raking.tolerance}${w.raking.converged ? '' : '; did not converge'})${w.raking.trim ? `, weights trimmed to ${w.raking.trim.lower}–${w.raking.trim.upper} × the mean and raked again` : ''}.` : '';
    out.push(
      `<p><strong>Weights.</strong> ${w.question ? `Design weights from <code>${h(w.question)}</code>.` : ''}${rake} Weights range from ${h(formatNumber(w.min, 3))} to ${h(formatNumber(w.max, 3))}; the effective sample size is ${h(formatNumber(w.effectiveBase, 1))} of ${formatCount(w.n)} (Kish), a design effect of ${h(formatNumber(w.designEffect))}. Intervals are Wilson score intervals on effective bases; weighted crosstabs are tested with the Rao–Scott correction.</p>`,
    );
  }
  const lettered = result.tables.find((t): t is CrosstabTable => t.kind === 'crosstab' && t.letters !== undefined);
  if (lettered?.letters) {
    const l = lettered.letters;
    out.push(
      `<p><strong>Column letters.</strong> In crosstabs, a letter marks a column whose share is significantly higher than the lettered column's (pooled two-proportion z-test${w ? ' on effective bases' : ''}, ${h(l.adjust)}-adjusted within each row; upper case p &lt; ${l.alpha}${l.alphaLower !== null ? `, lower case p &lt; ${l.alphaLower}` : ''}). Columns with a base under ${l.minBase} are not tested. When the column question is multi-select, columns share respondents and the test treats them as independent samples.</p>`,
    );
  }
  const d = result.disclosure;
  if (d) {
    out.push(`<p><strong>Disclosure control.</strong> Cells with fewer than ${d.minCell} respondents are suppressed (shown as *), ${d.primary} in all, plus ${d.complementary} more so that none can be recovered from totals, in ${d.tables} table${d.tables === 1 ? '' : 's'}.</p>`);
  }

  const multis = result.tables.map((t, i) => [t, i] as const).filter(([t]) => t.kind === 'frequency' && t.type === 'multi');
  if (multis.length > 0) {
    const byResponses = multis.filter(([t]) => specTableOf(input, t)?.chart !== false && (specTableOf(input, t)?.chart as { percentBase?: string } | undefined)?.percentBase === 'responses');
    out.push(
      `<p><strong>Multi-select questions</strong> (${multis.map(([t]) => bdi(t.label)).join('; ')}): respondents could choose several answers. “% of respondents” is of respondents answering the question, and can sum past 100%; “% of responses” is of all answers given, and sums to 100%. Both are in the tables.${byResponses.length > 0 ? ` Charts showing % of responses, as the spec asks: ${byResponses.map(([, i]) => `<span class="tag">${h(input.ids[i]!)}</span>`).join(', ')}; the others show % of respondents.` : ' Charts show % of respondents.'}</p>`,
    );
  }

  if (result.withheld.length > 0) {
    const rows = result.withheld.map((w) => `<tr><th scope="row">${bdi(w.column)}</th><td>${h(w.kind)}</td><td>${h(w.reason)}</td></tr>`);
    out.push(`<p><strong>Personal data withheld.</strong> These columns were recognised as respondents’ personal data. Their cells are never decoded, counted, printed, charted or written to any output${filters.some((f) => f.rule === 'duplicates') ? '; the duplicate rule compares them in memory only' : ''}.</p>
<table class="data withheld">
<thead><tr><th scope="col">Column</th><th scope="col">Kind</th><th scope="col">Why</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>`);
  } else out.push('<p><strong>Personal data.</strong> No column was recognised as personal data.</p>');

  const inp = result.input;
  out.push(
    `<p><strong>Input.</strong> <span class="file">${h(inp.file)}</span>: ${formatCount(inp.rows)} rows, ${inp.format === 'xlsx' ? `an Excel workbook, sheet “${h(inp.sheet ?? '')}”` : `${h(inp.encoding)}, ${h(DELIMITERS[inp.delimiter] ?? `delimiter ${inp.delimiter}`)}`}, ${inp.headerRows} header row${inp.headerRows === 1 ? '' : 's'}.${input.inputSha256 ? ` SHA-256 <code class="hash">${h(input.inputSha256)}</code>.` : ''} Every output file and its SHA-256 is listed in <span class="file">manifest.json</span>.</p>`,
  );

  if (result.diagnostics.length > 0) {
    out.push(`<p><strong>Notes from the run.</strong></p>\n<ul>\n${result.diagnostics.map((d) => `<li>${h(d.message)}</li>`).join('\n')}\n</ul>`);
  }
  return `<section class="methods" id="methods" aria-labelledby="methods-h">\n<h2 id="methods-h">Methods</h2>\n${out.join('\n')}\n</section>`;
}

const DELIMITERS: Record<string, string> = { ',': 'comma-separated', ';': 'semicolon-separated', '\t': 'tab-separated', '|': 'pipe-separated' };

function list(items: readonly string[]): string {
  const codes = items.map((s) => `<code>${h(s)}</code>`);
  return codes.length <= 1 ? (codes[0] ?? '') : `${codes.slice(0, -1).join(', ')} and ${codes[codes.length - 1]}`;
}

function describeFilter(f: FilterSpec, spec: StudySpec | undefined): string {
  switch (f.rule) {
    case 'fieldwork':
      return `submitted (<code>${h(f.question)}</code>) outside ${h(f.from)} to ${h(f.to)} inclusive, ${h(f.timezone ?? spec?.input?.timezone ?? 'UTC')} time.`;
    case 'test':
      return `test entries, found by <code>${h(maskContacts(f.remove ?? f.when))}</code>.`;
    case 'required':
      return `no answer to ${f.questions.length === 1 ? '' : 'one or more of '}${list(f.questions)}.`;
    case 'duplicates': {
      const keys = f.keys.map((k) => `<code>${h(k.question)}</code>${k.normalize ? ` (compared as ${k.normalize === 'email' ? 'an e-mail address' : k.normalize === 'phone' ? `a phone number${k.countryCode ? `, country code +${h(k.countryCode)}` : ''}` : 'text, ignoring case and spacing'})` : ''}`);
      return `a later submission whose ${keys.join(' or ')} matches one already kept; the ${f.keep === 'last' ? 'last' : 'first'} submission is kept.`;
    }
    case 'speeders': {
      const how = f.duration !== undefined ? `<code>${h(f.duration)}</code> seconds` : `the time from <code>${h(f.start ?? '')}</code> to <code>${h(f.end ?? '')}</code>`;
      const limits = [f.minSeconds !== undefined ? `under ${formatNumber(f.minSeconds)} s` : '', f.fractionOfMedian !== undefined ? `under ${formatPercent(f.fractionOfMedian * 100, 0)} of the median` : ''].filter(Boolean);
      return `too fast: ${how} ${limits.join(' or ')}.`;
    }
    case 'straightlining':
      return `the same answer to every item of the grid <code>${h(f.grid)}</code>${f.minItems !== undefined ? ` (at least ${f.minItems} items answered)` : ''}.`;
    case 'attention': {
      const answers = (Array.isArray(f.answer) ? f.answer : [f.answer]).map(String);
      return `an answer to <code>${h(f.question)}</code> other than ${answers.map((a) => `“${h(maskContacts(a))}”`).join(' or ')}.`;
    }
    case 'expression':
      return `rows where <code>${h(maskContacts(f.remove))}</code>.`;
  }
}
