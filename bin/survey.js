#!/usr/bin/env node
// The only file that touches process.exitCode: everything below it throws or returns.
import { loadBundle } from '../dist/src/bundle/load.js';
import { endPrestart, prestart } from '../dist/src/cli/prestart.js';

const argv = process.argv.slice(2);
// Threads that load libraries (vega for charts) start before survey's own modules load.
prestart(argv);
// survey's modules: one script compiled from the build's code cache (dist/bundle/cli.cjs), else as modules.
const { main } = loadBundle('cli') ?? (await import('../dist/src/cli/main.js'));

process.exitCode = await main(argv, {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
});
endPrestart();
