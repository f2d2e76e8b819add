#!/usr/bin/env node
/**
 * Bundles what a run compiles most into dist/bundle/ (see src/bundle/load.ts), after tsc:
 *
 *   cli.cjs      survey's own modules with commander, yaml, chalk, @stdlib (bin/survey.js)
 *   charts.cjs   vega and vega-lite (render/chart/svg.ts)
 *   exceljs.cjs  exceljs (report/xlsx.ts)
 *
 * then runs warm-bundles.mjs in a fresh node to write each bundle's V8 code cache. The
 * manifest (see BundleManifest in src/bundle/load.ts) records each bundle's id and the size
 * and mtime of the files it was built from: survey's own, one by one, and node_modules as a
 * whole through npm's node_modules/.package-lock.json, which npm rewrites on every change.
 */
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'dist', 'bundle');
rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });

/**
 * In a bundle, import.meta.url of each module becomes the URL of the file it came from, so
 * that the paths it resolves (workers, the validator, package.json) stay the same.
 */
const importMetaUrl = {
  name: 'import-meta-url',
  setup(b) {
    b.onLoad({ filter: /\.m?js$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      if (!text.includes('import.meta.url')) return undefined;
      const rel = JSON.stringify(relative(outDir, args.path));
      return { contents: text.replaceAll('import.meta.url', `require("node:url").pathToFileURL(require("node:path").join(__dirname, ${rel})).href`), loader: 'js' };
    });
  },
};

/**
 * vega compiles each chart's expressions anew: it parses every expression string to a tree and
 * generates its code (vega-functions), then makes a function of that code (vega-runtime), though
 * a report's charts share most of them ("datum.percent", the same format calls). These remember
 * both per string, for the charts a thread draws; what vega makes of them is the same. A vega whose
 * code no longer reads as below is bundled as it is, with a warning.
 */
const patches = [
  {
    file: /[\\/]vega-functions[\\/]build[\\/]vega-functions\.js$/,
    edits: [
      ['    ast = parseExpression(expr);\n', '    ast = parsedExpressions.get(expr);\n    if (ast === undefined) parsedExpressions.set(expr, (ast = parseExpression(expr)));\n'],
      ['  const gen = codeGenerator(ast);\n', '  let gen = generatedCode.get(ast);\n  if (gen === undefined) generatedCode.set(ast, (gen = codeGenerator(ast)));\n'],
    ],
    prelude: '// survey (scripts/build-bundles.mjs): expression trees and their code, per expression.\nconst parsedExpressions = new Map();\nconst generatedCode = new WeakMap();\n',
  },
  {
    file: /[\\/]vega-runtime[\\/]build[\\/]vega-runtime\.js$/,
    edits: [
      [
        '  const fn = Function(...args.concat(code));\n  return ctx && ctx.functions ? fn.bind(ctx.functions) : fn;\n',
        '  if (!(ctx && ctx.functions)) return Function(...args.concat(code));\n  const key = args.join(",") + "\\n" + code;\n  let fn = compiledFunctions.get(key);\n  if (fn === undefined) compiledFunctions.set(key, (fn = Function(...args.concat(code))));\n  return fn.bind(ctx.functions);\n',
      ],
    ],
    prelude: '// survey (scripts/build-bundles.mjs): functions made of expression code, per code.\nconst compiledFunctions = new Map();\n',
  },
];
const memoizeVega = {
  name: 'memoize-vega',
  setup(b) {
    for (const patch of patches) {
      b.onLoad({ filter: patch.file }, (args) => {
        let text = readFileSync(args.path, 'utf8');
        for (const [from, to] of patch.edits) {
          if (!text.includes(from)) {
            console.warn(`build-bundles: ${relative(root, args.path)} no longer has ${JSON.stringify(from.trim().slice(0, 60))}: bundled without memoizing`);
            return undefined;
          }
          text = text.replace(from, to);
        }
        return { contents: patch.prelude + text, loader: 'js' };
      });
    }
  },
};

const bundles = {
  cli: {
    contents: "export { main } from './dist/src/cli/main.js'; export { createCachedData } from './dist/src/bundle/load.js';",
    // Loaded from their own bundles when used (and never on the main thread for vega).
    external: ['exceljs', 'vega', 'vega-lite'],
  },
  charts: {
    contents: "export * as vega from 'vega'; export * as vl from 'vega-lite';",
    // vega-canvas's node build awaits import('canvas') at its top level (not a dependency
    // here: it finds none); its browser build is the same without it.
    alias: { 'vega-canvas': join(root, 'node_modules', 'vega-canvas', 'build', 'vega-canvas.browser.js') },
    plugins: [memoizeVega],
  },
  // Only the workbook (with its xlsx writer): exceljs's readers and streaming writer load
  // archiver, unzipper, bluebird and es-abstract, half its code, which a run never uses.
  exceljs: { contents: "module.exports = { Workbook: require('exceljs/lib/doc/workbook.js') };" },
};

const manifest = {};
for (const [name, { contents, external = [], alias = {}, plugins = [] }] of Object.entries(bundles)) {
  const result = await build({
    stdin: { contents, resolveDir: root, sourcefile: `${name}-entry.js`, loader: 'js' },
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    outfile: join(outDir, `${name}.cjs`),
    write: false,
    external,
    alias,
    plugins: [...plugins, importMetaUrl],
    metafile: true,
    logLevel: 'warning',
    absWorkingDir: root,
  });
  const code = result.outputFiles[0].text;
  const id = createHash('sha256').update(code).digest('hex').slice(0, 16);
  writeFileSync(join(outDir, `${name}.cjs`), `${code}//# survey-bundle ${id}\n`);
  manifest[name] = { id, inputs: inputsOf(Object.keys(result.metafile.inputs)) };
}
writeFileSync(join(outDir, 'manifest.json'), `${JSON.stringify(manifest)}\n`);
// Without NODE_OPTIONS: the caches are for `node bin/survey.js` as users run it.
const { NODE_OPTIONS: _, ...env } = process.env;
execFileSync(process.execPath, [join(root, 'scripts', 'warm-bundles.mjs')], { stdio: 'inherit', env });

/** The files to check before a bundle is used. */
function inputsOf(paths) {
  const files = paths.filter((p) => p.startsWith('dist/'));
  if (existsSync(join(root, 'node_modules', '.package-lock.json'))) files.push('node_modules/.package-lock.json');
  const inputs = {};
  for (const f of files.sort()) {
    const s = statSync(join(root, f));
    inputs[relative(outDir, join(root, f))] = [s.size, s.mtimeMs];
  }
  return inputs;
}
