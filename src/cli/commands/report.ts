import { Command } from 'commander';
import { join, relative, resolve } from 'node:path';
import { specInputFile } from '../../config/spec-input.js';
import type { Io } from '../io.js';
import { fileSize, progress } from '../progress.js';
import { startChartThread, type ChartThread } from '../../report/chart-thread.js';
import { takeChartThread } from '../prestart.js';
import type { Rejection } from '../../filters/apply.js';
import { loadSpec, type LoadedSpec } from '../../config/load-spec.js';
import { runReport } from '../../engine/report.js';
import { forTerminal } from '../../render/sanitize.js';
import { writeFiles, type OutputFile } from '../../io/write.js';
import { rejectsHeader, rejectsLine } from '../../report/clean-data.js';
import { maskContacts, maskResult } from '../../privacy/mask.js';
import { checkArtifacts, driftReason, leftOver, removeLeftOver } from '../../io/check.js';
import { hashFile } from '../../io/hash-file.js';
import { buildArtifacts } from '../../report/artifacts.js';
import { checkCharts } from '../../report/profile.js';
import { checkOutFlags, checkOutputs, formatOption, minCellOption, noColorOption, outOption, rejectsOption, sheetOption, vegaLiteOption, type Format, type OutFlags } from '../options.js';
import { renderResult } from '../render-result.js';
import { SurveyError } from '../../errors/survey-error.js';
import { STDIN, withInputFile } from '../input-file.js';

const EXAMPLES = `
Examples:
  $ survey report survey.yaml                          funnel and tables in the terminal
  $ survey report survey.yaml --out report/            tables, charts (SVG), funnel, manifest
  $ survey report survey.yaml --out report/ --check    exit 1 if any committed figure is stale
  $ survey report survey.yaml --rejects rejects.csv    every removed row with the rule that removed it
  $ survey report survey.yaml --format json > results.json`;

interface ReportFlags extends OutFlags {
  format: Format;
  check?: boolean;
  rejects?: string;
  input?: string;
  sheet?: string;
  color?: boolean;
  minCell?: number;
}

export function createReportCommand(io: Io): Command {
  return new Command('report')
    .description('run a study spec: validity filters, nets, tables and charts, byte for byte the same on every run')
    .argument('<spec>', 'the study spec (survey.yaml); `survey init FILE` starts one')
    .addOption(formatOption())
    .addOption(outOption('write tables (CSV, Markdown, JSON, a workbook), charts (SVG), report.html, the funnel and a manifest here'))
    .option('--check', 'with --out: write nothing; exit 1 and list the files that are missing or differ')
    .addOption(rejectsOption())
    .option('--input <file>', "read this export instead of the spec's input.file; '-' reads it from standard input")
    .addOption(sheetOption("the spec's input.sheet, else the first visible tab"))
    .addOption(vegaLiteOption())
    .addOption(minCellOption())
    .addOption(noColorOption())
    .addHelpText('after', EXAMPLES)
    .action(async (specArg: string, flags: ReportFlags) => {
      // With --out, the chart thread starts loading vega while the spec and data are read.
      const charts = flags.out !== undefined ? (takeChartThread() ?? startChartThread()) : undefined;
      try {
        if (flags.check && flags.out === undefined) throw new SurveyError('SURVEY_USAGE', '--check needs --out <dir>: the folder of committed figures to compare with');
        checkOutFlags(io, flags);
        const specPath = resolve(io.cwd, specArg);
        const loaded = await loadSpec(specPath, specArg);
        checkCharts(loaded);
        // --input - (standard input), a pipe or a spec's input.file that is one: read from a private copy (cli/input-file.ts).
        const given = flags.input ?? specInputFile(loaded, specPath);
        // The export, for the outputs that must not overwrite it: standard input is no file.
        const exportFile = flags.input === STDIN ? [] : [{ what: 'the export', file: resolve(io.cwd, given) }];
        if (flags.rejects !== undefined) checkOutputs([{ flag: '--rejects', name: flags.rejects, file: resolve(io.cwd, flags.rejects) }], [{ what: 'the spec', file: specPath }, ...exportFile]);
        await withInputFile(io, given, (inputFile, shownAs) => run(io, loaded, specPath, specArg, flags, inputFile, flags.input !== undefined ? shownAs : undefined, exportFile, charts));
      } finally {
        charts?.close();
      }
    });
}

/** The report of the export at `inputFile` (shown as `shownAs`, else as the spec names it). */
async function run(io: Io, loaded: LoadedSpec, specPath: string, specArg: string, flags: ReportFlags, inputFile: string, shownAs: string | undefined, exportFile: { what: string; file: string }[], charts: ChartThread | undefined): Promise<void> {
  const rejects: string[] = [];
  const bar = progress(io, fileSize(inputFile));
  const report = await runReport(loaded, specPath, {
    input: inputFile,
    ...(shownAs !== undefined ? { displayName: shownAs } : {}),
    ...(flags.sheet !== undefined ? { sheet: flags.sheet } : {}),
    ...(flags.minCell !== undefined ? { minCell: flags.minCell } : {}),
    // Removed rows are only written out (and so only kept) with --rejects.
    ...(flags.rejects !== undefined
      ? {
          onRejectColumns: (cols: string[]) => rejects.push(rejectsHeader(cols)),
          onReject: (r: Rejection, cells: string[]) => rejects.push(rejectsLine(r, cells)),
          onRestart: () => void (rejects.length = 0),
        }
      : {}),
    onProgress: bar.update,
  }).finally(bar.done);
  // Contact details typed into answers are masked in every output (privacy/mask.ts).
  const result = maskResult(report.result);
  // --out and --rejects are written as one batch: all of them, or none (io/write.ts).
  const outputs: OutputFile[] = [];
  let stale: { dir: string; paths: string[] } | null = null;
  // The figure files are begun first: the chart thread draws while the tables are printed.
  const inputSha256 = flags.out !== undefined ? await hashFile(inputFile) : '';
  const building =
    flags.out !== undefined
      ? buildArtifacts(result, {
          codebook: report.codebook,
          spec: loaded.spec,
          vegaLite: flags.vegaLite === true,
          baseLabel: (loaded.spec.filters ?? []).length > 0 ? 'valid respondents' : 'respondents',
          inputSha256,
          ...(loaded.spec.source !== undefined ? { source: loaded.spec.source } : {}),
          ...(charts ? { charts } : {}),
        })
      : null;
  building?.catch(() => {});
  if (!flags.check) io.stdout.write(renderResult(result, flags.format, io, flags.color));
  if (flags.out !== undefined) {
    const out = resolve(io.cwd, flags.out);
    const built = await building!;
    for (const w of built.warnings) io.stderr.write(`warning SURVEY_CHART: ${forTerminal(maskContacts(w))}\n`);
    if (flags.check) {
      const drift = await checkArtifacts(out, built.artifacts);
      if (drift.length > 0) {
        // Why, first, on a line of its own (the lines after it are as before: scripts read them).
        const why = await driftReason(out, drift, { sha256: inputSha256, rows: result.input.rows });
        if (why !== null) io.stderr.write(`${forTerminal(why)}\n`);
        io.stderr.write(`${drift.length} of ${built.artifacts.length} files in ${flags.out} are stale:\n${drift.map((d) => `  ${d.status.padEnd(7)} ${d.path}`).join('\n')}\nrun: survey report ${specArg} --out ${flags.out}\n`);
        throw new SurveyError('SURVEY_CHECK_FAILED', `${drift.length} figure file${drift.length === 1 ? ' is' : 's are'} stale`);
      }
      io.stderr.write(`all ${built.artifacts.length} files in ${flags.out} are up to date\n`);
    } else {
      outputs.push(...built.artifacts.map((a) => ({ file: join(out, ...a.path.split('/')), content: a.content })));
      stale = { dir: out, paths: await leftOver(out, built.artifacts) };
    }
  }
  // --check writes nothing, the removed rows included.
  const writeRejects = flags.rejects !== undefined && !flags.check;
  // A figure file named like the export or the spec (an export called funnel.csv, --out .) is refused before anything is written.
  checkOutputs(
    outputs.map((o) => ({ flag: '--out', name: relative(io.cwd, o.file), file: o.file })),
    [{ what: 'the spec', file: specPath }, ...exportFile],
  );
  if (writeRejects) outputs.push({ file: resolve(io.cwd, flags.rejects!), content: `${rejects.join('\r\n')}\r\n` });
  await writeFiles(outputs);
  if (flags.out !== undefined && !flags.check) io.stderr.write(`wrote ${outputs.length - (writeRejects ? 1 : 0)} files to ${forTerminal(flags.out)}\n`);
  const removed = stale ? await removeLeftOver(stale.dir, stale.paths) : null;
  if (removed) io.stderr.write(`${forTerminal(removed)}\n`);
  if (writeRejects) io.stderr.write(`wrote ${rejects.length - 1} removed rows to ${forTerminal(flags.rejects!)}\n`);
  else if (flags.rejects !== undefined) io.stderr.write(`info: --check writes nothing: ${forTerminal(flags.rejects)} was not written\n`);
}
