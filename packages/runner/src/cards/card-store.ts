import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { KaspiProductImportItem } from '@kaspi-connect/kaspi-client';
import Database from 'better-sqlite3';
import { MIGRATIONS } from '../state/migrations.js';

/**
 * Where a SKU's card is. `sending`: an upload was started but Kaspi's answer never came back, so
 * nobody knows whether Kaspi has it; it is never sent again without a person saying so.
 */
export const CARD_STATES = [
  'draft',
  'ready',
  'sending',
  'submitted',
  'finished',
  'rejected',
] as const;
/** One of `CARD_STATES`. */
export type CardState = (typeof CARD_STATES)[number];

/** One SKU's card as stored. */
export interface CardRecord {
  readonly sku: string;
  readonly supplier: string;
  readonly productKey: string;
  readonly state: CardState;
  /** Kaspi category code, when the supplier category is mapped. */
  readonly category: string | undefined;
  /** The card as it is (or would be) sent; `undefined` while too incomplete to build. */
  readonly card: KaspiProductImportItem | undefined;
  /** What keeps a draft out, or Kaspi's reasons for a rejection. */
  readonly problems: readonly string[];
  /** The import that carried it last. */
  readonly importId: number | undefined;
  readonly updatedAt: Date;
}

/** `sending` until Kaspi answers the upload; `unknown` when that answer was lost. */
export type CardImportState = 'sending' | 'uploaded' | 'finished' | 'refused' | 'unknown';

/** One import request. */
export interface CardImportRecord {
  readonly id: number;
  /** Kaspi's import code; `undefined` until Kaspi answered the upload. */
  readonly code: string | undefined;
  readonly state: CardImportState;
  readonly skus: readonly string[];
  readonly detail: string | undefined;
  readonly startedAt: Date;
  readonly updatedAt: Date;
}

/** Kaspi's verdict on one SKU of a finished import. */
export interface CardVerdict {
  readonly finished: boolean;
  readonly reasons: readonly string[];
}

interface CardRow {
  sku: string;
  supplier: string;
  product_key: string;
  state: CardState;
  category: string | null;
  card: string | null;
  problems: string;
  import_id: number | null;
  updated_at: number;
}

interface ImportRow {
  id: number;
  code: string | null;
  state: CardImportState;
  skus: string;
  detail: string | null;
  started_at: number;
  updated_at: number;
}

const toCard = (r: CardRow): CardRecord => ({
  sku: r.sku,
  supplier: r.supplier,
  productKey: r.product_key,
  state: r.state,
  category: r.category ?? undefined,
  card: r.card === null ? undefined : (JSON.parse(r.card) as KaspiProductImportItem),
  problems: JSON.parse(r.problems) as string[],
  importId: r.import_id ?? undefined,
  updatedAt: new Date(r.updated_at),
});

const toImport = (r: ImportRow): CardImportRecord => ({
  id: r.id,
  code: r.code ?? undefined,
  state: r.state,
  skus: JSON.parse(r.skus) as string[],
  detail: r.detail ?? undefined,
  startedAt: new Date(r.started_at),
  updatedAt: new Date(r.updated_at),
});

/** States a new draft must not overwrite: Kaspi has (or may have) the card. */
const IN_FLIGHT: ReadonlySet<CardState> = new Set(['sending', 'submitted']);

/**
 * Card states and imports in the runner's SQLite file (tables from the shared migrations). Every
 * change of an import and its SKUs happens in one transaction, so a crash leaves either the state
 * before or the state after, never half.
 */
export class CardStore {
  readonly #db: Database.Database;
  readonly #now: () => number;

  constructor(path: string, options: { readonly now?: () => number } = {}) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.#db = new Database(path);
    this.#db.pragma('journal_mode = WAL');
    this.#db.pragma('foreign_keys = ON');
    this.#db.pragma('busy_timeout = 5000');
    this.#now = options.now ?? Date.now;
    this.#migrate();
  }

  // The state store migrates the same file; this covers a card store opened on its own.
  #migrate(): void {
    this.#db
      .transaction(() => {
        const current = this.#db.pragma('user_version', { simple: true }) as number;
        for (let version = current; version < MIGRATIONS.length; version++) {
          this.#db.exec(MIGRATIONS[version] as string);
          this.#db.pragma(`user_version = ${version + 1}`);
        }
      })
      .immediate();
  }

  get(sku: string): CardRecord | undefined {
    const row = this.#db.prepare('SELECT * FROM cards WHERE sku = ?').get(sku) as
      | CardRow
      | undefined;
    return row === undefined ? undefined : toCard(row);
  }

  /** Cards in the given states (all when omitted), by SKU. */
  list(states?: readonly CardState[]): CardRecord[] {
    const rows = this.#db.prepare('SELECT * FROM cards ORDER BY sku').all() as CardRow[];
    const wanted = states === undefined ? undefined : new Set(states);
    return rows.filter((r) => wanted === undefined || wanted.has(r.state)).map(toCard);
  }

  counts(): Record<CardState, number> {
    const out = Object.fromEntries(CARD_STATES.map((s) => [s, 0])) as Record<CardState, number>;
    const rows = this.#db
      .prepare('SELECT state, COUNT(*) AS n FROM cards GROUP BY state')
      .all() as Array<{ state: CardState; n: number }>;
    for (const r of rows) out[r.state] = r.n;
    return out;
  }

  /**
   * Records a freshly built draft (`draft` or `ready`). Returns false, changing nothing, when the
   * SKU is in an open or unanswered import.
   */
  saveDraft(record: {
    readonly sku: string;
    readonly supplier: string;
    readonly productKey: string;
    readonly state: 'draft' | 'ready';
    readonly category: string | undefined;
    readonly card: KaspiProductImportItem | undefined;
    readonly problems: readonly string[];
  }): boolean {
    return this.#db.transaction(() => {
      const existing = this.get(record.sku);
      if (existing !== undefined && IN_FLIGHT.has(existing.state)) return false;
      this.#db
        .prepare(
          `INSERT INTO cards (sku, supplier, product_key, state, category, card, problems, import_id, updated_at)
           VALUES (@sku, @supplier, @productKey, @state, @category, @card, @problems, @importId, @at)
           ON CONFLICT (sku) DO UPDATE SET supplier = @supplier, product_key = @productKey,
             state = @state, category = @category, card = @card, problems = @problems, updated_at = @at`,
        )
        .run({
          sku: record.sku,
          supplier: record.supplier,
          productKey: record.productKey,
          state: record.state,
          category: record.category ?? null,
          card: record.card === undefined ? null : JSON.stringify(record.card),
          problems: JSON.stringify(record.problems),
          importId: existing?.importId ?? null,
          at: this.#now(),
        });
      return true;
    })();
  }

  /**
   * Starts an import of these `ready` SKUs: written before the upload, so a crash during it leaves
   * them `sending` (never sent again by itself). Throws when a SKU is not `ready`.
   */
  beginImport(skus: readonly string[]): CardImportRecord {
    return this.#db.transaction(() => {
      for (const sku of skus) {
        const card = this.get(sku);
        if (card?.state !== 'ready')
          throw new Error(`card ${sku} is ${card?.state ?? 'unknown'}, not ready`);
      }
      const at = this.#now();
      const { lastInsertRowid } = this.#db
        .prepare(
          "INSERT INTO card_imports (code, state, skus, started_at, updated_at) VALUES (NULL, 'sending', ?, ?, ?)",
        )
        .run(JSON.stringify(skus), at, at);
      const id = Number(lastInsertRowid);
      const update = this.#db.prepare(
        "UPDATE cards SET state = 'sending', import_id = ?, updated_at = ? WHERE sku = ?",
      );
      for (const sku of skus) update.run(id, at, sku);
      return this.getImport(id) as CardImportRecord;
    })();
  }

  /** Kaspi accepted the upload: the import is open under its code. */
  importUploaded(id: number, code: string): void {
    this.#setImport(id, { state: 'uploaded', code }, 'submitted', undefined);
  }

  /** Kaspi refused the upload as a whole (nothing was created): the cards are ready again. */
  importRefused(id: number, reason: string): void {
    this.#setImport(id, { state: 'refused', detail: reason }, 'ready', [
      `upload refused: ${reason}`,
    ]);
  }

  /** The upload's answer was lost: its cards stay `sending` until a person decides. */
  importUnknown(id: number, detail: string): void {
    this.#setImport(id, { state: 'unknown', detail }, undefined, undefined);
  }

  /** A person checked the cabinet: the unanswered imports' cards may be sent again. */
  releaseUnknown(): number {
    return this.#db.transaction(() => {
      const stuck = this.#db
        .prepare("SELECT * FROM card_imports WHERE state IN ('sending', 'unknown')")
        .all() as ImportRow[];
      for (const row of stuck)
        this.#setImport(row.id, { state: 'refused', detail: 'released by a person' }, 'ready', [
          'sent before without an answer; released for sending again',
        ]);
      return stuck.length;
    })();
  }

  /** Records Kaspi's per-SKU result and closes the import, in one transaction. */
  finishImport(id: number, verdicts: ReadonlyMap<string, CardVerdict>): void {
    this.#db.transaction(() => {
      const record = this.getImport(id);
      if (record === undefined) throw new Error(`no card import ${id}`);
      const at = this.#now();
      const update = this.#db.prepare(
        'UPDATE cards SET state = ?, problems = ?, updated_at = ? WHERE sku = ? AND import_id = ?',
      );
      for (const sku of record.skus) {
        const verdict = verdicts.get(sku) ?? {
          finished: false,
          reasons: ["Kaspi's import result does not mention this SKU"],
        };
        update.run(
          verdict.finished ? 'finished' : 'rejected',
          JSON.stringify(verdict.reasons),
          at,
          sku,
          id,
        );
      }
      this.#db
        .prepare("UPDATE card_imports SET state = 'finished', updated_at = ? WHERE id = ?")
        .run(at, id);
    })();
  }

  getImport(id: number): CardImportRecord | undefined {
    const row = this.#db.prepare('SELECT * FROM card_imports WHERE id = ?').get(id) as
      | ImportRow
      | undefined;
    return row === undefined ? undefined : toImport(row);
  }

  /** Imports in the given states, oldest first. */
  imports(states: readonly CardImportState[]): CardImportRecord[] {
    const rows = this.#db.prepare('SELECT * FROM card_imports ORDER BY id').all() as ImportRow[];
    return rows.filter((r) => states.includes(r.state)).map(toImport);
  }

  /** Cached classification data younger than `maxAgeMs`. */
  cached<T>(key: string, maxAgeMs: number): T | undefined {
    const row = this.#db
      .prepare('SELECT data, fetched_at FROM card_cache WHERE key = ?')
      .get(key) as { data: string; fetched_at: number } | undefined;
    if (row === undefined || this.#now() - row.fetched_at > maxAgeMs) return undefined;
    return JSON.parse(row.data) as T;
  }

  cache(key: string, data: unknown): void {
    this.#db
      .prepare(
        'INSERT INTO card_cache (key, data, fetched_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET data = excluded.data, fetched_at = excluded.fetched_at',
      )
      .run(key, JSON.stringify(data), this.#now());
  }

  close(): void {
    this.#db.close();
  }

  #setImport(
    id: number,
    change: { state: CardImportState; code?: string; detail?: string },
    cardState: CardState | undefined,
    problems: readonly string[] | undefined,
  ): void {
    this.#db.transaction(() => {
      const at = this.#now();
      this.#db
        .prepare(
          'UPDATE card_imports SET state = ?, code = COALESCE(?, code), detail = COALESCE(?, detail), updated_at = ? WHERE id = ?',
        )
        .run(change.state, change.code ?? null, change.detail ?? null, at, id);
      if (cardState === undefined) return;
      this.#db
        .prepare(
          'UPDATE cards SET state = ?, problems = COALESCE(?, problems), updated_at = ? WHERE import_id = ? AND state IN (?, ?)',
        )
        .run(
          cardState,
          problems === undefined ? null : JSON.stringify(problems),
          at,
          id,
          'sending',
          'submitted',
        );
    })();
  }
}
