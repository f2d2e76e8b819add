#!/usr/bin/env node
// The only file that touches process.exitCode: everything below it throws or returns.
import { endPrestart, prestart } from '../dist/src/cli/prestart.js';

// Threads that load libraries (vega for charts) start before survey's own modules load.
prestart(process.argv.slice(2));
const { main } = await import('../dist/src/cli/main.js');

process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
});
endPrestart();
