import { reply } from '@kaspi-connect/sim-kit';
import type { SimulatedCatalogue, SimulatedCategory, SimulatedProduct } from './catalogue.js';
import type { AlStyleSimulatorOptions, SimulatedCartLine, SimulatedOrder } from './types.js';

/** The supplier's state the routes share: catalogue, cart, orders. */
export class AlStyleWorld {
  readonly byArticle: Map<number, SimulatedProduct>;
  readonly categoryById: Map<number, SimulatedCategory>;
  readonly orders: SimulatedOrder[] = [];
  /** Changed in place, so the simulator can hand it out as is. */
  readonly cart: SimulatedCartLine[] = [];
  nextOrderId = 312_113;
  nextNoteId = 91_473;
  nextItemId = 270_000;

  constructor(
    readonly catalogue: SimulatedCatalogue,
    readonly options: AlStyleSimulatorOptions,
  ) {
    this.byArticle = new Map(catalogue.products.map((p) => [p.article, p]));
    this.categoryById = new Map(catalogue.categories.map((c) => [c.id, c]));
  }

  /** Whether the product sits in one of the categories or below them. */
  inCategories(product: SimulatedProduct, ids: readonly number[]): boolean {
    const own = this.categoryById.get(product.category);
    if (!own) return false;
    return ids.some((id) => {
      const c = this.categoryById.get(id);
      return c !== undefined && c.left <= own.left && own.right <= c.right;
    });
  }

  /** The order with this id, if any. */
  order(id: number): SimulatedOrder | undefined {
    return this.orders.find((o) => o.id === id);
  }
}

/** Al-Style's JSON answer (errors too come as JSON, mostly with HTTP 200). */
export const answer = (status: number, body: unknown): Response =>
  reply(status, body, 'application/json; charset=UTF-8');

/** The API's error body, `{ name, message, code: 0, status }`. */
export const apiError = (status: number, name: string, message: string): Response =>
  answer(status, { name, message, code: 0, status });

/** A 200 with `body`. */
export const ok = (body: unknown): Response => answer(200, body);

/** Al-Style's refusal with HTTP 200: `{ status: false, message }`. */
export const refused = (message: string): Response => ok({ status: false, message });
