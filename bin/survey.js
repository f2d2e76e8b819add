#!/usr/bin/env node
// The only file that touches process.exitCode: everything below it throws or returns.
import { loadBundle } from '../dist/src/bundle/load.js';
import { endPrestart, prestart, prestartThreads } from '../dist/src/cli/prestart.js';

const argv = process.argv.slice(2);
// A reader that stops early (`survey analyze x.csv --format json | head`) closes the pipe: what is
// left to print has nowhere to go, which is no error. Files (--out) are still written in full.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e) => {
    if (e.code !== 'EPIPE') throw e;
  });
}
// Threads start before the command runs, and load while survey's modules do: the reading thread of
// a large export, and the chart thread, which loads vega once prestart has set V8's flags.
prestartThreads(argv);
// survey's modules: one script compiled from the build's code cache (dist/bundle/cli.cjs), loaded
// before prestart sets V8 flags (its cache is made under node's defaults), else loaded as modules.
const bundled = loadBundle('cli');
prestart(argv);
const { main } = bundled ?? (await import('../dist/src/cli/main.js'));

process.exitCode = await main(argv, {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
  stdin: process.stdin,
});
endPrestart();
