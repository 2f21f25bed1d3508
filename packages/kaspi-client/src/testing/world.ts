import { reply, type SimRequest } from '@kaspi-connect/sim-kit';
import type { OrderBook, SimOrder } from './order-book.js';
import type { PriceListState } from './price-list.js';
import { TITLES } from './titles.js';
import type { KaspiSimulatorOptions } from './types.js';

/** Kaspi's JSON:API media type. */
export const JSON_API = 'application/vnd.api+json';

/** What the routes of the simulated marketplace share. */
export interface KaspiWorld {
  readonly book: OrderBook;
  readonly prices: PriceListState;
  readonly options: KaspiSimulatorOptions;
  readonly imports: Map<string, { checks: number; items: unknown[] }>;
  /** The simulator's base URL, known once it listens. */
  root: string;
  /** Root of the links the simulator writes (by `linkStyle`). */
  links: string;
  nextOperation: number;
}

/** The order by its opaque id, or Kaspi's 404. */
export function orderById(world: KaspiWorld, id: string): SimOrder {
  const order = world.book.byId.get(id);
  if (!order) throw new HttpRefusal(404, TITLES.notFound(`Order ${id}`));
  return order;
}

/** Kaspi's error body: `{ errors: [{ title, status }] }`. */
export function fail(status: number, title: string, headers: Record<string, string> = {}) {
  const body = { errors: [{ title, status: String(status) }] };
  return reply(status, body, `${JSON_API}; charset=utf-8`, headers);
}

/** A 200: JSON:API below `/v2/`, plain JSON elsewhere. */
export function ok(req: SimRequest, body: unknown): Response {
  const type = req.path.startsWith('/v2/') ? JSON_API : 'application/json';
  return reply(200, body, `${type}; charset=utf-8`);
}

/** The body as JSON, or Kaspi's refusal. */
export async function jsonBody(req: SimRequest): Promise<unknown> {
  const text = await req.text();
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpRefusal(400, TITLES.badBody('not JSON'));
  }
}

/** An integer query parameter, `undefined` when absent. */
export function intParam(query: URLSearchParams, name: string): number | undefined {
  const raw = query.get(name);
  if (raw === null || raw === '') return undefined;
  if (!/^-?\d+$/.test(raw)) throw new HttpRefusal(400, TITLES.badNumber(name));
  return Number(raw);
}

/** Thrown by buyer-side calls the marketplace would refuse (offer not published, etc.). */
export class SimulatorRefusal extends Error {
  override name = 'SimulatorRefusal';
}

/** A request Kaspi refuses: the status and Kaspi's verbatim error title. */
export class HttpRefusal extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
  ) {
    super(title);
  }
}
