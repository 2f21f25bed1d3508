import { defineCommand } from 'citty';
import { VERSION } from '../version.js';
import { cardsCommand } from './commands/cards.js';
import { checkUrlCommand } from './commands/check-url.js';
import { demoCommand } from './commands/demo.js';
import { diffCommand } from './commands/diff.js';
import { initCommand } from './commands/init.js';
import { ordersCommand } from './commands/orders.js';
import { runCommand } from './commands/run.js';
import { serveCommand } from './commands/serve.js';
import { statusCommand } from './commands/status.js';
import { syncCommand } from './commands/sync.js';
import { validateCommand } from './commands/validate.js';
import { workerCommand } from './commands/worker.js';

/**
 * The `kaspi-connect` command tree; `cli.ts` only runs it, so tests can drive it directly. Each
 * command is one file in `./commands/` (its flags and wiring, returning the exit code), its
 * people and JSON output in `./format/`, the work itself in `src/commands/` and the packages.
 */
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
