import {
  CARD_STATES,
  type CardImportRecord,
  type CardState,
  type CardStore,
} from './card-store.js';

/** What `cards status` shows: counts, every card with its state and reasons, and open imports. */
export interface CardStatusReport {
  readonly counts: Record<CardState, number>;
  readonly cards: ReadonlyArray<{
    readonly sku: string;
    readonly state: CardState;
    readonly category: string | undefined;
    readonly importCode: string | undefined;
    readonly problems: readonly string[];
    readonly updatedAt: string;
  }>;
  readonly openImports: readonly CardImportRecord[];
  /** Imports whose upload answer was lost: a person must check the cabinet. */
  readonly unanswered: readonly CardImportRecord[];
  readonly attention: readonly string[];
}

/** Reads the card store into a report (optionally only some states). */
export function readCardStatus(store: CardStore, states?: readonly CardState[]): CardStatusReport {
  const imports = new Map(
    store.imports(['sending', 'uploaded', 'finished', 'unknown', 'refused']).map((i) => [i.id, i]),
  );
  const cards = store.list(states).map((c) => ({
    sku: c.sku,
    state: c.state,
    category: c.category,
    importCode: c.importId === undefined ? undefined : imports.get(c.importId)?.code,
    problems: c.problems,
    updatedAt: c.updatedAt.toISOString(),
  }));
  const openImports = store.imports(['uploaded']);
  const unanswered = store.imports(['sending', 'unknown']);
  const attention = unanswered.map(
    (i) =>
      `import #${i.id} (${i.skus.length} cards) got no answer from Kaspi${i.detail === undefined ? '' : ` (${i.detail})`}: check the cabinet, then run "kaspi-connect cards submit --release-unanswered" to allow sending them again`,
  );
  const counts = store.counts();
  return {
    counts: Object.fromEntries(CARD_STATES.map((s) => [s, counts[s]])) as Record<CardState, number>,
    cards,
    openImports,
    unanswered,
    attention,
  };
}
