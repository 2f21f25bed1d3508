#!/usr/bin/env node
import { runMain } from 'citty';
import { mainCommand } from './cli/main-command.js';

await runMain(mainCommand);
