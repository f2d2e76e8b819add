import { Command } from 'commander';
import type { Io } from '../io.js';
import { fileSize, progress } from '../progress.js';
import { analyzeFile } from '../../engine/analyze.js';
import { writeArtifacts } from '../../io/write.js';
import { buildArtifacts } from '../../report/artifacts.js';
import { maskContacts, maskResult } from '../../privacy/mask.js';
import { forTerminal } from '../../render/sanitize.js';
import { hashFile } from '../../io/hash-file.js';
import { leftOver, removeLeftOver } from '../../io/check.js';
import { checkOutFlags, checkOutputs, collect, csvFlags, delimiterOption, encodingOption, formatOption, headerRowsOption, sheetOption, minCellOption, noColorOption, outOption, sourceOption, vegaLiteOption, type CsvFlags, type Format, type OutFlags } from '../options.js';
import { suppressTables } from '../../stats/suppress.js';
import { renderResult } from '../render-result.js';
import { join, resolve } from 'node:path';
import { withInputFile } from '../input-file.js';

const EXAMPLES = `
Examples:
  $ survey analyze responses.csv                      frequency tables for every question
  $ survey analyze responses.csv --by gender          and every question crosstabbed by gender
  $ survey analyze responses.csv --format json > out.json
  $ survey analyze export.csv --header-rows 2 --encoding windows-1252
  $ survey analyze responses.csv --where 'age >= 18'    only adults
  $ survey analyze responses.csv --weight weight      weighted by the export's weight column
  $ survey analyze responses.csv --out results/       also write tables, a chart per question and report.html
  $ survey analyze responses.csv --out results/ --source 'Source: Acme poll, 3-9 May 2024'`;

interface AnalyzeFlags extends CsvFlags, OutFlags {
  by?: string[];
  where?: string;
  weight?: string;
  minCell?: number;
  format: Format;
  color?: boolean;
}

export function createAnalyzeCommand(io: Io): Command {
  return new Command('analyze')
    .description('infer the codebook of a survey export and print a frequency table for every question')
    .argument('<file>', "the export: CSV/TSV or .xlsx from Google Forms, SurveyMonkey, Qualtrics, Typeform, LimeSurvey...; '-' reads it from standard input")
    .option('--by <question>', 'crosstab every choice question by this question (id or text, or grid.item); repeatable', collect)
    .option('--where <expr>', 'tabulate only rows where this expression is true, e.g. \'gender == "Female"\'')
    .option('--weight <question>', 'weight every table by this numeric question (a design or post-stratification weight)')
    .addOption(formatOption())
    .addOption(outOption('also write every table (CSV, Markdown, JSON, a workbook), a chart per question (SVG) and report.html to this folder'))
    .addOption(vegaLiteOption())
    .addOption(sourceOption())
    .addOption(minCellOption())
    .addOption(encodingOption())
    .addOption(delimiterOption())
    .addOption(headerRowsOption())
    .addOption(sheetOption())
    .addOption(noColorOption())
    .addHelpText('after', EXAMPLES)
    .action(async (file: string, flags: AnalyzeFlags) => {
      checkOutFlags(io, flags);
      await withInputFile(io, file, (path, displayName) => run(io, path, displayName, flags));
    });
}

async function run(io: Io, path: string, file: string, flags: AnalyzeFlags): Promise<void> {
  const bar = progress(io, fileSize(path));
  const { result: raw, codebook } = await analyzeFile(path, { ...csvFlags(flags), by: flags.by ?? [], displayName: file, ...(flags.where !== undefined ? { where: flags.where } : {}), ...(flags.weight !== undefined ? { weight: flags.weight } : {}), onProgress: bar.update }).finally(bar.done);
  // Contact details typed into answers are masked in every output (privacy/mask.ts).
  const result = maskResult(flags.minCell === undefined ? raw : (() => {
    const s = suppressTables(raw.tables, flags.minCell);
    return { ...raw, tables: s.tables, disclosure: s.summary };
  })());
  io.stdout.write(renderResult(result, flags.format, io, flags.color));
  if (flags.out !== undefined) {
    const built = await buildArtifacts(result, { codebook, vegaLite: flags.vegaLite === true, baseLabel: 'respondents', inputSha256: await hashFile(path), ...(flags.source !== undefined ? { source: flags.source } : {}) });
    for (const w of built.warnings) io.stderr.write(`warning SURVEY_CHART: ${forTerminal(maskContacts(w))}\n`);
    const out = resolve(io.cwd, flags.out);
    checkOutputs(built.artifacts.map((a) => ({ flag: '--out', name: join(flags.out!, a.path), file: join(out, ...a.path.split('/')) })), [{ what: 'the export', file: path }]);
    const stale = await leftOver(out, built.artifacts);
    const written = await writeArtifacts(out, built.artifacts);
    io.stderr.write(`wrote ${written.length} files to ${forTerminal(flags.out)}\n`);
    const removed = await removeLeftOver(out, stale);
    if (removed) io.stderr.write(`${forTerminal(removed)}\n`);
  }
}
