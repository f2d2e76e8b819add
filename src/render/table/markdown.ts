/** Tables as Markdown, for reports and pull requests. */
import type { AnalysisResult, FrequencyTable, Table } from '../../spec/result.js';
import { formatCount, formatNumber, formatPercent, forMarkdown } from '../sanitize.js';
import { testSummary } from './text.js';
import { gridTitle, resultTitle, stepLabel } from '../title.js';
import { isOneCheckbox, ONE_CHECKBOX, ONE_CHECKBOX_NOTE, showsOneCheckbox, totalPercent } from './total.js';
import { gridRun } from './grid.js';
import { bannerCell } from './banner.js';
import { disclosureNote, metadataNote, netLabel, underHeading, weightsNote } from './notes.js';

export function renderMarkdown(result: AnalysisResult): string {
  const out: string[] = [`# ${forMarkdown(resultTitle(result))}`, '', `${result.input.rows} respondents read from ${forMarkdown(result.input.file)}.`];
  if (result.funnel) {
    out.push('', '| Validity filter | Removed | Remaining |', '|---|---:|---:|', ...result.funnel.map((s, i) => `| ${forMarkdown(stepLabel(s))} | ${i === 0 ? '' : s.removed} | ${s.remaining} |`));
  }
  if (result.withheld.length > 0) {
    out.push('', `Withheld as personal data: ${result.withheld.map((w) => `${forMarkdown(w.column)} (${w.kind})`).join(', ')}.`);
  }
  const notes = [metadataNote(result, forMarkdown), result.weights && weightsNote(result.weights, forMarkdown), result.disclosure && disclosureNote(result.disclosure)];
  for (const note of notes) if (note) out.push('', `${note}.`);
  // A grid is one table, an item a row, as in the terminal; tables/<id>.md keep a table per item.
  for (let i = 0; i < result.tables.length; i++) {
    const run = gridRun(result.tables, i);
    if (run.length > 0) {
      out.push('', withFilter(run[0]!, gridMarkdown(run)));
      i += run.length - 1;
    } else out.push('', tableMarkdown(result.tables[i]!));
  }
  return `${out.join('\n')}\n`;
}

/** A grid's items as rows, its answers as columns (% of those answering each item), and each item's base. */
function gridMarkdown(items: readonly FrequencyTable[]): string {
  const answers = items[0]!.rows.map((r) => forMarkdown(r.label));
  const means = items.every((t) => t.mean !== undefined);
  const head = `| Item | ${answers.join(' | ')} | n |${means ? ' mean |' : ''}\n|---|${answers.map(() => '---:|').join('')}---:|${means ? '---:|' : ''}`;
  const rows = items.map((t) => `| ${forMarkdown(t.item ?? t.label)} | ${t.rows.map((r) => formatPercent(r.percent)).join(' | ')} | ${formatNumber(t.base)} |${means ? ` ${formatNumber(t.mean!)} |` : ''}`);
  const missing = Math.max(...items.map((t) => t.missing));
  return `## ${forMarkdown(gridTitle(items[0]!))}\n\n${head}\n${rows.join('\n')}\n\nEach item's answers, of those answering it${missing > 0 ? ` (${formatNumber(missing)} missing at most)` : ''}.`;
}

export function tableMarkdown(t: Table): string {
  return withFilter(t, tableBody(t));
}

/** A table a spec's filter keeps to some rows says so under its heading. */
function withFilter(t: Table, md: string): string {
  return t.filter === undefined ? md : underHeading(md, `Only rows where \`${t.filter.replace(/`/g, "'")}\`.`, '\n\n');
}

function tableBody(t: Table): string {
  switch (t.kind) {
    case 'frequency': {
      const oneBox = isOneCheckbox(t);
      const multi = t.type === 'multi' && !oneBox;
      const head = multi ? '| Answer | Count | % of respondents | % of responses |\n|---|---:|---:|---:|' : '| Answer | Count | % |\n|---|---:|---:|';
      const label = (r: (typeof t.rows)[number]) => (r.net ? `**${forMarkdown(netLabel(r.label, true))}**` : r.missing ? `${forMarkdown(r.label)} *(not in base)*` : forMarkdown(r.label));
      const rows = t.rows.map((r) => `| ${label(r)} | ${formatCount(r.count)} | ${formatPercent(r.percent)} |${multi ? ` ${formatPercent(r.percentOfResponses === undefined ? 0 : r.percentOfResponses)} |` : ''}`);
      const outside = t.rows.some((r) => r.missing) ? ' Answers *not in base* are declared missing: a % of everyone asked.' : '';
      const mean = t.mean !== undefined ? ` Mean: ${formatNumber(t.mean)}.` : '';
      const base = oneBox ? `Base: ${formatNumber(t.base)} respondents (${ONE_CHECKBOX}).` : `Base: ${formatNumber(t.base)} answering; ${formatNumber(t.missing)} missing.`;
      return `## ${forMarkdown(t.label)}\n\n${head}\n${rows.join('\n')}\n\n${base}${mean}${outside}`;
    }
    case 'numeric':
      return `## ${forMarkdown(t.label)}\n\n| n | mean | sd | median | min | max |\n|---:|---:|---:|---:|---:|---:|\n| ${[t.n, t.mean, t.sd, t.median, t.min, t.max].map((x) => formatNumber(x)).join(' | ')} |`;
    case 'text':
      return `## ${forMarkdown(t.label)}\n\n${t.type === 'date' ? 'Dates' : 'Free text'}: ${formatNumber(t.n)} answered, ${formatNumber(t.distinct)}${t.distinctCapped ? '+' : ''} distinct, ${formatNumber(t.missing)} missing.`;
    case 'banner': {
      const head = `| | ${t.columns.map((c) => forMarkdown(c.question === null ? 'Total' : `${c.group}: ${c.label}`)).join(' | ')} |\n|---|${t.columns.map(() => '---:').join('|')}|`;
      const sections = t.sections.map((s) => {
        const title = `| **${forMarkdown(s.item ?? s.label)}** |${t.columns.map(() => ' |').join('')}`;
        const rows = s.rowLabels.map((l, r) => `| ${forMarkdown(netLabel(l, s.netRows?.includes(r) === true))} | ${t.columns.map((_, c) => bannerCell(s, r, c)).join(' | ')} |`);
        const base = `| *Base* | ${s.unweightedBases.map((b) => formatNumber(b)).join(' | ')} |`;
        return [title, ...rows, base].join('\n');
      });
      const oneBox = showsOneCheckbox(t) ? ` ${ONE_CHECKBOX_NOTE}` : '';
      return `## ${forMarkdown(t.label)}\n\nColumn percentages${t.minBase > 0 ? `; blank where a column has fewer than ${t.minBase} respondents` : ''}. Bases are respondents (unweighted).${oneBox}\n\n${head}\n${sections.join('\n')}`;
    }
    case 'crosstab': {
      const head = `| | ${t.columnLabels.map(forMarkdown).join(' | ')} | Total |\n|---|${t.columnLabels.map(() => '---:').join('|')}|---:|`;
      const rows = t.rowLabels.map((l, r) => `| ${forMarkdown(netLabel(l, t.netRows?.includes(r) === true))} | ${t.columnLabels.map((_, c) => formatPercent(t.columnPercents[r]![c]!)).join(' | ')} | ${formatPercent(totalPercent(t, r))} |`);
      const base = `| Base | ${t.columnBases.map((b) => formatNumber(b)).join(' | ')} | ${formatNumber(t.base)} |`;
      const stats = t.stats ? `\n\n${capitalise(testSummary(t.stats))}.` : '';
      // A lone checkbox's blanks are its "Not ticked" (or the rest of each column): said as under its frequency table.
      const oneBox = showsOneCheckbox(t) ? ` ${ONE_CHECKBOX_NOTE}` : '';
      return `## ${forMarkdown(t.label)}\n\nColumn percentages.${oneBox}\n\n${head}\n${rows.join('\n')}\n${base}${stats}`;
    }
  }
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
