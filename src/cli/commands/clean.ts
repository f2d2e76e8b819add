import { Command } from 'commander';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { specInputFile } from '../../config/spec-input.js';
import type { Io } from '../io.js';
import { loadSpec } from '../../config/load-spec.js';
import { runReport } from '../../engine/report.js';
import { cleanColumns, rejectsHeader, rejectsLine, type CleanColumns } from '../../report/clean-data.js';
import { csvCell } from '../../render/sanitize.js';
import { maskResult } from '../../privacy/mask.js';
import { writeFiles } from '../../io/write.js';
import { didYouMean } from '../../errors/suggest.js';
import { SurveyError } from '../../errors/survey-error.js';
import { checkOutputs, collect, rejectsOption } from '../options.js';
import { withInputFile } from '../input-file.js';
import { formatDiagnostic, useColor } from '../print.js';

const EXAMPLES = `
Examples:
  $ survey clean survey.yaml -o clean.csv                          valid respondents, personal data dropped
  $ survey clean survey.yaml -o clean.csv --rejects rejects.csv    and every removed row with its reason
  $ SURVEY_KEY=... survey clean survey.yaml -o clean.csv --pseudonymise email
                                                                   keep e-mails as keyed hashes (the key is never written)`;

interface CleanFlags {
  output: string;
  rejects?: string;
  pseudonymise?: string[];
  keyEnv: string;
  keyFile?: string;
}

export function createCleanCommand(io: Io): Command {
  return new Command('clean')
    .description('write the validated, recoded respondent-level data, with personal data dropped or pseudonymised')
    .argument('<spec>', 'the study spec (survey.yaml)')
    .requiredOption('-o, --output <file>', 'the clean CSV to write')
    .addOption(rejectsOption())
    .option('--pseudonymise <id>', 'keep this personal-data question as a keyed hash instead of dropping it; repeatable', collect)
    .option('--key-env <name>', 'environment variable holding the pseudonymisation key (16 characters or more)', 'SURVEY_KEY')
    .option('--key-file <file>', 'file holding the pseudonymisation key (instead of --key-env)')
    .addHelpText('after', EXAMPLES)
    .action(async (specArg: string, flags: CleanFlags) => {
      const specPath = resolve(io.cwd, specArg);
      const loaded = await loadSpec(specPath, specArg);
      const input = specInputFile(loaded, specPath);
      checkOutputs(
        [{ flag: '-o', name: flags.output, file: resolve(io.cwd, flags.output) }, ...(flags.rejects !== undefined ? [{ flag: '--rejects', name: flags.rejects, file: resolve(io.cwd, flags.rejects) }] : [])],
        [{ what: 'the spec', file: specPath }, { what: 'the export', file: input }],
      );
      const pseudo = new Set(flags.pseudonymise ?? []);
      const key = pseudo.size > 0 ? await readKey(flags, io) : null;
      const lines: string[] = [];
      const rejects: string[] = [];
      let columns: CleanColumns | null = null;
      // A spec's input.file that is a pipe is read from a private copy, as report reads it (cli/input-file.ts).
      const { result, codebook } = await withInputFile(io, input, (path) => runReport(loaded, specPath, {
        input: path,
        onCodebook: (cb) => {
          for (const id of pseudo) {
            const q = cb.questions.find((x) => x.id === id);
            if (q?.type !== 'pii') {
              // Named by its column's text ("Email") rather than its id: say which id is meant.
              const pii = cb.questions.filter((x) => x.type === 'pii').map((x) => x.id);
              throw new SurveyError('SURVEY_OPTION_INVALID', `--pseudonymise: '${id}' is not a personal-data question${q ? ` (it is ${q.type})` : didYouMean(id, pii)}`, pii.length > 0 ? { hint: `personal-data questions: ${pii.join(', ')}` } : {});
            }
          }
          columns = cleanColumns(cb, pseudo, key, loaded.spec.weight !== undefined || loaded.spec.weighting !== undefined);
          lines.push(columns.header.map(csvCell).join(','));
        },
        onKeep: (t, cells) => lines.push(columns!.row(t, cells)),
        onRejectColumns: (cols) => rejects.push(rejectsHeader(cols)),
        onReject: (r, cells) => rejects.push(rejectsLine(r, cells)),
        onRestart: () => {
          lines.length = 0;
          rejects.length = 0;
        },
      }));
      void codebook;
      // The clean data and the rejects are written together: both, or neither.
      await writeFiles([
        { file: resolve(io.cwd, flags.output), content: `${lines.join('\r\n')}\r\n` },
        ...(flags.rejects !== undefined ? [{ file: resolve(io.cwd, flags.rejects), content: `${rejects.join('\r\n')}\r\n` }] : []),
      ]);
      // What report would say about the data (rows of empty cells skipped, an encoding fallback, a rule that removed everyone), not about its tables' tests.
      for (const d of maskResult(result).diagnostics) if (!ABOUT_TABLES.has(d.code)) io.stderr.write(formatDiagnostic(d, useColor(io.stderr, io.env, undefined)));
      const kept = lines.length - 1;
      const rejected = rejects.length > 0 ? rejects.length - 1 : result.funnel[0]!.remaining - kept;
      io.stderr.write(`read ${result.funnel[0]!.remaining}, kept ${kept}, rejected ${rejected}; wrote ${flags.output}${flags.rejects ? ` and ${flags.rejects}` : ''}\n`);
    });
}

/** Diagnostics about the spec's tables, which `clean` does not write. */
const ABOUT_TABLES = new Set(['SURVEY_LOW_EXPECTED', 'SURVEY_TABLE_FILTER_NONE']);

async function readKey(flags: CleanFlags, io: Io): Promise<Buffer> {
  if (flags.keyFile !== undefined) {
    try {
      const k = (await readFile(resolve(io.cwd, flags.keyFile))).toString('utf8').trim();
      if (k.length >= 16) return Buffer.from(k);
    } catch (e) {
      throw new SurveyError('SURVEY_IO_READ', `cannot read the key file (${(e as NodeJS.ErrnoException).code ?? 'error'})`, { location: { file: flags.keyFile } });
    }
    throw new SurveyError('SURVEY_OPTION_INVALID', '--key-file: the key must be at least 16 characters');
  }
  const k = io.env[flags.keyEnv];
  if (k === undefined || k.length < 16) {
    throw new SurveyError('SURVEY_OPTION_INVALID', `--pseudonymise needs a key of at least 16 characters in $${flags.keyEnv} (or --key-file)`, { hint: 'the key is never written anywhere; keep it to pseudonymise later exports the same way' });
  }
  return Buffer.from(k);
}
