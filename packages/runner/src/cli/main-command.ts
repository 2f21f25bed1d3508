import { defineCommand } from 'citty';
import { VERSION } from '../version.js';
import { checkUrlCommand } from './check-url-command.js';
import { workerCommand } from './commands/worker.js';
import {
  cardsCommand,
  demoCommand,
  diffCommand,
  initCommand,
  ordersCommand,
  runCommand,
  serveCommand,
  statusCommand,
  syncCommand,
  validateCommand,
} from './commands.js';

/** The `kaspi-connect` command tree; `cli.ts` only runs it, so tests can drive it directly. */
export const mainCommand = defineCommand({
  meta: {
    name: 'kaspi-connect',
    version: VERSION,
    description:
      "Sync a supplier's catalogue to a Kaspi.kz price-list feed and handle Kaspi orders.",
  },
  subCommands: {
    init: initCommand,
    sync: syncCommand,
    serve: serveCommand,
    run: runCommand,
    validate: validateCommand,
    diff: diffCommand,
    status: statusCommand,
    orders: ordersCommand,
    demo: demoCommand,
    'check-url': checkUrlCommand,
    cards: cardsCommand,
    worker: workerCommand,
  },
});
