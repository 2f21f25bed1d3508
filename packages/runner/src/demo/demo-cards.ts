import type { AlStyleSimulator } from '@kaspi-connect/alstyle-client/testing';
import type { KaspiSimulator } from '@kaspi-connect/kaspi-client/testing';
import { attributeName } from '../cards/attributes.js';
import {
  type CardsSubmitSummary,
  openCardsContext,
  runCardsCategories,
  runCardsSubmit,
} from '../commands/cards.js';
import type { Runtime } from '../commands/runtime.js';
import { kaspiClientFor } from '../runtime/api-clients.js';

/** What the demo's card step did. */
export interface DemoCardsResult {
  /** Supplier categories mapped for the demo (top candidate of each). */
  readonly mapped: Readonly<Record<string, string>>;
  readonly unmapped: number;
  readonly summary: CardsSubmitSummary;
}

/**
 * The demo's card step: map three of the supplier's largest categories to a ranked Kaspi
 * candidate (a seller would confirm them), then build, validate and import their cards on the simulated
 * Kaspi, which already has one of them (so one rejection shows).
 */
export async function runDemoCards(
  runtime: Runtime,
  alstyle: AlStyleSimulator,
  kaspi: KaspiSimulator,
  /** The simulator's `importRules.existingCards`: one demo card is added as already on Kaspi. */
  existingCards: Array<{ brand: string; title: string }>,
  signal?: AbortSignal,
): Promise<DemoCardsResult> {
  const { resolved } = runtime;
  const base = {
    ...resolved,
    secrets: { ...resolved.secrets, kaspiToken: kaspi.token },
    config: {
      ...resolved.config,
      orders: { ...resolved.config.orders, kaspiBaseUrl: kaspi.url },
      cards: { ...resolved.config.cards, attributes: { Color: 'Цвет' }, pollEverySeconds: 0.05 },
    },
  };
  // The simulator is local: no need for the production client's 2 requests/s throttle.
  const client = kaspiClientFor({ ...runtime, resolved: base }, { signal, unthrottled: true });
  const first = openCardsContext({ ...runtime, resolved: base }, { signal, kaspi: client });
  const mapped: Record<string, string> = {};
  let unmapped = 0;
  try {
    const report = await runCardsCategories(first, { signal });
    unmapped = report.unmapped.length;
    // The simulated supplier knows only colours, so the demo takes the best candidate whose
    // mandatory attributes a colour can fill; a seller confirms candidates by hand.
    for (const u of report.unmapped) {
      if (Object.keys(mapped).length === 3) break;
      for (const s of u.suggestions) {
        const attrs = await first.classification.attributes(s.code, signal);
        if (attrs.every((a) => !a.mandatory || attributeName(a.code) === 'Color')) {
          mapped[u.categoryId] = s.code;
          break;
        }
      }
    }
  } finally {
    first.close();
  }
  const known = alstyle.catalogue.products.find(
    (p) => mapped[String(p.category)] !== undefined && p.detailText !== null && p.brand !== '',
  );
  if (known !== undefined) existingCards.push({ brand: known.brand, title: known.name });
  const withTable = {
    ...base,
    config: { ...base.config, cards: { ...base.config.cards, categories: mapped } },
  };
  const ctx = openCardsContext({ ...runtime, resolved: withTable }, { signal, kaspi: client });
  try {
    const summary = await runCardsSubmit(ctx, { categories: Object.keys(mapped) }, { signal });
    return { mapped, unmapped: unmapped - Object.keys(mapped).length, summary };
  } finally {
    ctx.close();
  }
}
