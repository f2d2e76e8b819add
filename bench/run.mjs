#!/usr/bin/env node
/**
 * `npm run bench [-- --sizes 100k,1M,5M --runs 3 --no-parsers]`
 *
 * The reference job of the performance peers (../shared/bench/README.md) side by side in
 * one run: survey (bench/reference-job.yaml), the same file's reading alone (the parser
 * survey uses, to see what the job costs above parsing), pandas + scipy and, when
 * installed, R data.table. Wall time and peak RSS are medians of `--runs` runs, measured
 * with /usr/bin/time; runs of the tools are interleaved so that drift hits them alike.
 * Every run of survey is checked against pandas' output to the last count. A peer that is not
 * installed is left out with the command that installs it; without pandas, survey's results go
 * unchecked and the ratios are to reading alone only.
 * Then the CSV parsers measured for the choice in the README (parse only, 1M rows).
 *
 * Inputs are generated once into bench/data/ (git-ignored) by gen_survey.py and reused.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync, rmSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DATA = join(ROOT, 'bench', 'data');
const PEERS = process.env.SURVEY_BENCH_PEERS ?? resolve(ROOT, '..', 'shared', 'bench');
const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
const TIME = '/usr/bin/time';

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback;
};
const SIZES = opt('--sizes', '100k,1M,5M').split(',').map((s) => s.trim()).filter(Boolean);
const RUNS = Number(opt('--runs', '3'));
const PARSERS = !args.includes('--no-parsers');

const rowsOf = (label) => {
  const m = /^(\d+(?:\.\d+)?)([kM]?)$/.exec(label);
  if (!m) throw new Error(`--sizes: expected sizes like 100k, 1M, 5M; got ${label}`);
  return Math.round(Number(m[1]) * (m[2] === 'M' ? 1e6 : m[2] === 'k' ? 1e3 : 1));
};

function sh(cmd, argv, options = {}) {
  return spawnSync(cmd, argv, { encoding: 'utf8', maxBuffer: 1 << 30, ...options });
}

function generate(label) {
  const file = join(DATA, `survey-${label}.csv`);
  if (existsSync(file)) return file;
  mkdirSync(DATA, { recursive: true });
  process.stderr.write(`generating ${file} (${rowsOf(label)} rows)...\n`);
  const r = sh(PYTHON, [join(PEERS, 'gen_survey.py'), String(rowsOf(label)), `${file}.tmp`], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`gen_survey.py failed (${r.status})`);
  renameSync(`${file}.tmp`, file);
  return file;
}

/** Runs a command under /usr/bin/time: wall seconds and peak RSS in MiB (the process and its threads). */
function measure(cmd, argv, stdoutFile) {
  const timing = join(DATA, '.time');
  const full = existsSync(TIME) ? [TIME, ['-f', '%e %M', '-o', timing, cmd, ...argv]] : [cmd, argv];
  const t0 = performance.now();
  const r = sh(full[0], full[1]);
  const wall = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`${cmd} ${argv.join(' ')} failed (${r.status}):\n${r.stderr}`);
  if (stdoutFile) writeFileSync(stdoutFile, r.stdout);
  if (!existsSync(TIME)) return { wall, rss: NaN };
  const [e, kb] = readFileSync(timing, 'utf8').trim().split('\n').at(-1).split(' ').map(Number);
  return { wall: e, rss: kb / 1024 };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function haveR() {
  const r = sh('Rscript', ['-e', 'suppressPackageStartupMessages(library(data.table))']);
  return r.status === 0;
}

function havePandas() {
  return sh(PYTHON, ['-c', 'import pandas, scipy']).status === 0;
}

// ---------- survey's results against pandas', to the last count ----------

function readCsv(path) {
  // pandas' output: plain CSV, quoted fields may hold commas.
  const rows = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (line === '') continue;
    const out = [];
    let i = 0;
    while (i <= line.length) {
      if (line[i] === '"') {
        let j = i + 1;
        let v = '';
        for (;;) {
          const k = line.indexOf('"', j);
          if (line[k + 1] === '"') {
            v += line.slice(j, k + 1);
            j = k + 2;
          } else {
            v += line.slice(j, k);
            i = k + 2;
            break;
          }
        }
        out.push(v);
      } else {
        const k = line.indexOf(',', i);
        const end = k === -1 ? line.length : k;
        out.push(line.slice(i, end));
        i = end + 1;
      }
    }
    rows.push(out);
  }
  return rows;
}

function compare(result, pandasDir) {
  const problems = [];
  const expect = (what, ours, theirs) => {
    if (ours !== theirs) problems.push(`${what}: survey ${ours}, pandas ${theirs}`);
  };
  const [, summary] = readCsv(join(pandasDir, 'summary.csv'));
  const funnel = result.funnel.map((s) => s.remaining);
  expect('rows read', funnel[0], Number(summary[0]));
  expect('after duplicates', funnel[1], Number(summary[1]));
  expect('valid', funnel[2], Number(summary[2]));
  const freq = (q) => result.tables.find((t) => t.kind === 'frequency' && t.question === q);
  let counts = 0;
  const files = readdirSync(pandasDir);
  for (const f of files) {
    const m = /^(freq|multi)_(.+)\.csv$/.exec(f);
    if (!m) continue;
    const t = freq(m[2]);
    if (!t) {
      problems.push(`no table for ${m[2]}`);
      continue;
    }
    const rows = readCsv(join(pandasDir, f)).slice(1);
    expect(`${m[2]}: answers`, t.rows.length, rows.length);
    for (const [value, n, pct] of rows) {
      const row = t.rows.find((r) => r.label === value);
      expect(`${m[2]} = ${value}`, row?.count, Number(n));
      expect(`${m[2]} = ${value} (%)`, row ? row.percent.toFixed(4) : undefined, Number(pct).toFixed(4));
      counts++;
    }
  }
  const [, ...chisq] = readCsv(join(pandasDir, 'chisq.csv'));
  for (const [r, c, chi2, df] of chisq) {
    const t = result.tables.find((x) => x.kind === 'crosstab' && x.row === r && x.column === c);
    if (!t) {
      problems.push(`no crosstab ${r} x ${c}`);
      continue;
    }
    const [head, ...cells] = readCsv(join(pandasDir, `xtab_${r}_${c}_n.csv`));
    for (const row of cells) {
      const i = t.rowLabels.indexOf(row[0]);
      head.slice(1).forEach((col, k) => {
        const j = t.columnLabels.indexOf(col);
        expect(`${r} x ${c}: ${row[0]} / ${col}`, i < 0 || j < 0 ? undefined : t.counts[i][j], Number(row[k + 1]));
        counts++;
      });
    }
    expect(`${r} x ${c}: chi-square`, t.stats.chi2.toFixed(6), Number(chi2).toFixed(6));
    expect(`${r} x ${c}: df`, t.stats.df, Number(df));
  }
  return { problems, counts };
}

// ---------- the run ----------

function machine() {
  const cpuinfo = existsSync('/proc/cpuinfo') ? readFileSync('/proc/cpuinfo', 'utf8') : '';
  const model = /model name\s*:\s*(.+)/.exec(cpuinfo)?.[1] ?? cpus()[0]?.model ?? 'unknown';
  const py = sh(PYTHON, ['-c', 'import pandas, scipy; print(pandas.__version__, scipy.__version__)']);
  const pandas = py.status === 0 ? py.stdout.trim().split(' ') : [];
  const r = sh('Rscript', ['-e', 'cat(R.version$major, R.version$minor, as.character(packageVersion("data.table")))']);
  return {
    nproc: cpus().length,
    cpu: model,
    node: process.version,
    pandas: pandas[0] ?? 'missing',
    scipy: pandas[1] ?? 'missing',
    r: r.status === 0 ? r.stdout.trim() : 'missing',
    memGiB: Math.round((Number(/MemTotal:\s+(\d+)/.exec(existsSync('/proc/meminfo') ? readFileSync('/proc/meminfo', 'utf8') : '')?.[1] ?? 0) / 2 ** 20) * 10) / 10,
  };
}

const m = machine();
process.stderr.write(`machine: ${m.nproc} CPUs, ${m.cpu}, ${m.memGiB} GiB; node ${m.node}; pandas ${m.pandas}, scipy ${m.scipy}; R data.table ${m.r}\n`);
const withR = haveR();
if (!withR) process.stderr.write('R data.table not found (apt-get install -y r-cran-data.table): left out\n');
const withPandas = havePandas();
if (!withPandas) {
  process.stderr.write('pandas or scipy not found (apt-get install -y python3-pandas python3-scipy): left out, and survey\'s results go unchecked\n');
}

const SURVEY = [join(ROOT, 'bin', 'survey.js'), 'report', join(ROOT, 'bench', 'reference-job.yaml'), '--format', 'json', '--input'];
const results = [];
let failed = false;
for (const label of SIZES) {
  const file = generate(label);
  const tools = {
    ...(withPandas ? { pandas: { cmd: PYTHON, argv: [join(PEERS, 'job_pandas.py'), file, join(DATA, `out-pandas-${label}`)] } } : {}),
    ...(withR ? { 'R data.table': { cmd: 'Rscript', argv: [join(PEERS, 'job_r.R'), file, join(DATA, `out-r-${label}`)] } } : {}),
    survey: { cmd: process.execPath, argv: [...SURVEY, file] },
    'survey: reading alone': { cmd: process.execPath, argv: [join(ROOT, 'bench', 'parse.mjs'), 'survey', file] },
  };
  const runs = Object.fromEntries(Object.keys(tools).map((k) => [k, []]));
  for (let run = 0; run < RUNS; run++) {
    for (const [name, t] of Object.entries(tools)) {
      const out = name === 'survey' ? join(DATA, `out-survey-${label}.json`) : undefined;
      const r = measure(t.cmd, t.argv, out);
      runs[name].push(r);
      process.stderr.write(`${label} run ${run + 1}: ${name.padEnd(22)} ${r.wall.toFixed(2)} s ${r.rss.toFixed(0)} MiB\n`);
      if (name === 'survey' && withPandas) {
        const check = compare(JSON.parse(readFileSync(out, 'utf8')), join(DATA, `out-pandas-${label}`));
        if (check.problems.length > 0) {
          failed = true;
          process.stderr.write(`  survey differs from pandas:\n    ${check.problems.slice(0, 20).join('\n    ')}\n`);
        }
      }
    }
  }
  const check = withPandas
    ? compare(JSON.parse(readFileSync(join(DATA, `out-survey-${label}.json`), 'utf8')), join(DATA, `out-pandas-${label}`))
    : { problems: [], counts: 0 };
  const row = { size: label, rows: rowsOf(label), sameAsPandas: withPandas ? check.problems.length === 0 : null, countsCompared: check.counts, tools: {} };
  for (const [name, rs] of Object.entries(runs)) row.tools[name] = { wall: median(rs.map((r) => r.wall)), rss: median(rs.map((r) => r.rss)), runs: rs };
  results.push(row);
}

// ---------- report ----------

const f2 = (x) => x.toFixed(2);
const lines = [];
lines.push(`| rows | tool | wall s (median of ${RUNS}) | peak RSS MiB | wall vs pandas | RSS vs pandas |`);
lines.push('|---|---|---|---|---|---|');
for (const r of results) {
  const pandas = r.tools.pandas;
  for (const [name, t] of Object.entries(r.tools)) {
    const vs = (x, y) => (pandas ? `${f2(x / y)}x` : '—');
    lines.push(`| ${r.size} | ${name} | ${f2(t.wall)} | ${t.rss.toFixed(0)} | ${vs(t.wall, pandas?.wall)} | ${vs(t.rss, pandas?.rss)} |`);
  }
}
process.stdout.write(`\n${lines.join('\n')}\n\n`);
for (const r of results) {
  const s = r.tools.survey;
  const p = r.tools['survey: reading alone'];
  process.stdout.write(`${r.size}: survey ${f2(s.wall)} s = ${f2(s.wall / p.wall)}x reading the file alone (${f2(p.wall)} s); results ${r.sameAsPandas === null ? 'not checked (no pandas)' : r.sameAsPandas ? `equal pandas' (${r.countsCompared} counts and the funnel)` : 'DIFFER from pandas'}\n`);
}

// ---------- parsers (the choice recorded in the README) ----------

const parsers = [];
if (PARSERS) {
  const label = SIZES.includes('1M') ? '1M' : SIZES[0];
  const file = generate(label);
  process.stderr.write(`\nparsers, reading ${label} rows alone:\n`);
  for (const p of ['survey', 'survey-1-thread', 'survey-views', 'csv-parse', 'papaparse', 'udsv']) {
    const rs = [];
    for (let run = 0; run < RUNS; run++) rs.push(measure(process.execPath, [join(ROOT, 'bench', 'parse.mjs'), p, file]));
    const wall = median(rs.map((r) => r.wall));
    parsers.push({ parser: p, wall, rss: median(rs.map((r) => r.rss)) });
    process.stderr.write(`  ${p.padEnd(16)} ${f2(wall)} s\n`);
  }
  const size = Number(sh('stat', ['-c', '%s', file]).stdout);
  process.stdout.write(`\n| parser (${label} rows, ${(size / 1e6).toFixed(0)} MB) | wall s | MB/s | peak RSS MiB |\n|---|---|---|---|\n`);
  for (const p of parsers) process.stdout.write(`| ${p.parser} | ${f2(p.wall)} | ${(size / 1e6 / p.wall).toFixed(0)} | ${p.rss.toFixed(0)} |\n`);
}

writeFileSync(join(DATA, 'last-run.json'), `${JSON.stringify({ machine: m, runs: RUNS, results, parsers }, null, 2)}\n`);
rmSync(join(DATA, '.time'), { force: true });
process.stdout.write(`\nmachine: ${m.nproc} CPUs (${m.cpu}), ${m.memGiB} GiB, node ${m.node}, pandas ${m.pandas}; details in bench/data/last-run.json\n`);
if (failed) {
  process.stderr.write('survey\'s results differ from pandas\'\n');
  process.exitCode = 1;
}
