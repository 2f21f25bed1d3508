#!/usr/bin/env node
import { quietOnBrokenPipe } from './cli/process-hooks.js';
import { runCli } from './cli/run-cli.js';

quietOnBrokenPipe();
process.exitCode = await runCli(process.argv.slice(2));
