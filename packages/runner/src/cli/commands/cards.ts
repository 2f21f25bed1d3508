import { resolve } from 'node:path';
import { defineCommand } from 'citty';
import type { CardStatusReport } from '../../cards/card-status.js';
import { readCardStatus } from '../../cards/card-status.js';
import { CARD_STATES, type CardState, CardStore } from '../../cards/card-store.js';
import type { CardEvent } from '../../cards/events.js';
import { type CardSelection, hasSelection } from '../../cards/prepare.js';
import type { CategoryReport } from '../../cards/unmapped-categories.js';
import {
  openCardsContext,
  runCardsCategories,
  runCardsStatus,
  runCardsSubmit,
} from '../../commands/cards.js';
import { ConfigError } from '../../config/config-error.js';
import { ExitCode } from '../../exit-codes.js';
import type { Logger } from '../../logging/logger.js';
import { logAlStyleEvents } from '../../runtime/client-events.js';
import { commonArgs, guarded, loadConfigFor, wholeNumberFlag, withRuntime } from '../shared.js';

const list = (value: string | undefined): string[] | undefined =>
  value === undefined
    ? undefined
    : value
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '');

function logCardEvent(logger: Logger): (event: CardEvent) => void {
  return (event) => {
    if (event.type === 'cards.import.unknown' || event.type === 'cards.import.refused')
      logger.error(event, `card import #${event.id}: ${event.error}`);
    else if (event.type === 'cards.drafted' || event.type === 'cards.skipped')
      logger.debug(event, event.type);
    else logger.info(event, event.type);
  };
}

function writeStatus(report: CardStatusReport, all: boolean): void {
  const counts = Object.entries(report.counts)
    .map(([s, n]) => `${s}=${n}`)
    .join(' ');
  process.stdout.write(`Cards: ${counts}\n`);
  for (const i of report.openImports)
    process.stdout.write(
      `  import #${i.id} ${i.code ?? '-'}: ${i.skus.length} cards, waiting for Kaspi\n`,
    );
  for (const card of report.cards) {
    if (!all && (card.state === 'finished' || card.state === 'submitted' || card.state === 'ready'))
      continue;
    process.stdout.write(
      `  ${card.sku.padEnd(12)} ${card.state.padEnd(9)} ${card.problems.join('; ')}\n`,
    );
  }
  for (const line of report.attention) process.stdout.write(`ATTENTION: ${line}\n`);
}

function writeCategories(report: CategoryReport): void {
  for (const m of report.mapped)
    process.stdout.write(
      `mapped   ${m.categoryId.padEnd(6)} ${m.name} (${m.products}) → ${m.kaspiCategory}${m.known ? '' : '  ← not a Kaspi leaf category!'}\n`,
    );
  for (const u of report.unmapped) {
    process.stdout.write(`unmapped ${u.categoryId.padEnd(6)} ${u.name} (${u.products} products)\n`);
    for (const s of u.suggestions)
      process.stdout.write(
        `           ${s.score.toFixed(2)}  "${u.categoryId}": "${s.code}"   ${s.title} (matched "${s.matched}")\n`,
      );
    if (u.suggestions.length === 0)
      process.stdout.write("           no candidate; pick one from Kaspi's list\n");
  }
}

const categoriesCommand = defineCommand({
  meta: {
    name: 'categories',
    description: 'List supplier categories: mapped ones, and ranked Kaspi candidates for the rest',
  },
  args: {
    ...commonArgs,
    limit: { type: 'string', description: 'Candidates per category (default 5)' },
  },
  run: ({ args }) =>
    guarded(async () => {
      const resolved = await loadConfigFor(args);
      const limit = wholeNumberFlag('limit', args.limit, { min: 1, max: 50 });
      return withRuntime(
        resolved,
        args,
        { withSuppliers: false },
        async ({ signal, logger, runtime }) => {
          const ctx = openCardsContext(runtime, {
            signal,
            onSupplierEvent: logAlStyleEvents(logger),
          });
          try {
            const report = await runCardsCategories(ctx, { signal, limit });
            if (args.json === true || !process.stdout.isTTY)
              process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
            else writeCategories(report);
            return ExitCode.Ok;
          } finally {
            ctx.close();
          }
        },
      );
    }),
});

const submitCommand = defineCommand({
  meta: {
    name: 'submit',
    description:
      'Build, validate and import product cards on Kaspi, then record the result per SKU',
  },
  args: {
    ...commonArgs,
    sku: { type: 'string', description: 'Only these SKUs (comma-separated)' },
    category: { type: 'string', description: 'Only these supplier category ids (comma-separated)' },
    brand: { type: 'string', description: 'Only these brands (comma-separated)' },
    'never-imported': { type: 'boolean', description: 'Every product never imported before' },
    'dry-run': { type: 'boolean', description: 'Build and validate the cards, send nothing' },
    wait: {
      type: 'boolean',
      default: true,
      description: "Wait for Kaspi's results (--no-wait to only send)",
    },
    'release-unanswered': {
      type: 'boolean',
      description: 'After checking the cabinet: allow sending cards whose upload got no answer',
    },
  },
  run: ({ args }) =>
    guarded(async () => {
      const selection: CardSelection = {
        skus: list(args.sku),
        categories: list(args.category),
        brands: list(args.brand),
        neverImported: args['never-imported'] === true,
      };
      const chosen = hasSelection(selection);
      if (!chosen && args['release-unanswered'] !== true)
        throw new ConfigError('command-line flags', [
          {
            key: '--sku/--category/--brand/--never-imported',
            message:
              "expected a choice of products: Kaspi's API cannot say which products it already has",
          },
        ]);
      const resolved = await loadConfigFor(args);
      return withRuntime(
        resolved,
        args,
        { withSuppliers: false },
        async ({ signal, logger, runtime }) => {
          const ctx = openCardsContext(runtime, {
            signal,
            onSupplierEvent: logAlStyleEvents(logger),
          });
          try {
            const summary = await runCardsSubmit(ctx, chosen ? selection : undefined, {
              signal,
              onEvent: logCardEvent(logger),
              dryRun: args['dry-run'],
              wait: args.wait,
              releaseUnanswered: args['release-unanswered'],
            });
            if (args.json === true || !process.stdout.isTTY)
              process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
            else {
              const p = summary.prepared;
              if (p !== undefined)
                process.stdout.write(
                  `Selected ${p.selected}: ${p.ready} ready, ${p.drafts} drafts, ${p.skipped.length} skipped\n`,
                );
              process.stdout.write(`Imports sent: ${summary.sentImports.join(', ') || 'none'}\n`);
              writeStatus(summary.status, false);
            }
            if (summary.error !== undefined || summary.status.attention.length > 0)
              return ExitCode.Failure;
            return (summary.prepared?.drafts ?? 0) > 0 || summary.status.counts.rejected > 0
              ? ExitCode.Invalid
              : ExitCode.Ok;
          } finally {
            ctx.close();
          }
        },
      );
    }),
});

const statusCommand = defineCommand({
  meta: {
    name: 'status',
    description: 'Where every card is: draft, ready, submitted, finished, rejected',
  },
  args: {
    ...commonArgs,
    state: {
      type: 'string',
      description: `Only these states (comma-separated: ${CARD_STATES.join(', ')})`,
    },
    refresh: { type: 'boolean', description: 'Ask Kaspi about open imports first' },
    all: {
      type: 'boolean',
      description: 'List finished, submitted and ready cards too (people output)',
    },
  },
  run: ({ args }) =>
    guarded(async () => {
      const states = list(args.state);
      const bad = states?.find((s) => !(CARD_STATES as readonly string[]).includes(s));
      if (bad !== undefined)
        throw new ConfigError('command-line flags', [
          { key: '--state', message: `expected one of ${CARD_STATES.join(', ')}, got "${bad}"` },
        ]);
      const wanted = states as CardState[] | undefined;
      const resolved = await loadConfigFor(args);
      return withRuntime(resolved, args, { withSuppliers: false }, async ({ signal, runtime }) => {
        let report: CardStatusReport;
        if (args.refresh === true) {
          const ctx = openCardsContext(runtime, { signal });
          try {
            report = await runCardsStatus(ctx, { signal, refresh: true });
            if (wanted !== undefined) report = readCardStatus(ctx.store, wanted);
          } finally {
            ctx.close();
          }
        } else {
          const store = new CardStore(resolve(resolved.baseDir, resolved.config.state.path));
          try {
            report = readCardStatus(store, wanted);
          } finally {
            store.close();
          }
        }
        if (args.json === true || !process.stdout.isTTY)
          process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
        else writeStatus(report, args.all === true || wanted !== undefined);
        return report.attention.length > 0 ? ExitCode.Failure : ExitCode.Ok;
      });
    }),
});

/** `kaspi-connect cards …`: product cards on Kaspi from supplier data. */
export const cardsCommand = defineCommand({
  meta: {
    name: 'cards',
    description: 'Create product cards on Kaspi from supplier data: categories, submit, status',
  },
  subCommands: { categories: categoriesCommand, submit: submitCommand, status: statusCommand },
});
