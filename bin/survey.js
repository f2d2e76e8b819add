#!/usr/bin/env node
// The only file that touches process.exitCode: everything below it throws or returns.
import { loadBundle } from '../dist/src/bundle/load.js';
import { endPrestart, prestart } from '../dist/src/cli/prestart.js';

const argv = process.argv.slice(2);
// survey's modules: one script compiled from the build's code cache (dist/bundle/cli.cjs), loaded
// before prestart sets V8 flags (its cache is made under node's defaults), else loaded as modules.
const bundled = loadBundle('cli');
// Threads that load libraries (vega for charts) start before the command runs.
prestart(argv);
const { main } = bundled ?? (await import('../dist/src/cli/main.js'));

process.exitCode = await main(argv, {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
});
endPrestart();
