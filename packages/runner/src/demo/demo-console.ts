import type { KaspiSimulator } from '@kaspi-connect/kaspi-client/testing';
import { startOrderSchedule } from '../commands/order-schedule.js';
import type { Runtime } from '../commands/runtime.js';
import type { KaspiConnectConfigInput } from '../config/schema.js';
import type { ServerExtras } from '../console/server-extras.js';
import { kaspiClientFor } from '../runtime/api-clients.js';

/** The demo's orders section when the console is shown: every order waits for a person. */
export function withDemoOrders(
  config: KaspiConnectConfigInput,
  kaspiUrl: string,
): KaspiConnectConfigInput {
  return { ...config, orders: { policy: 'manual', kaspiBaseUrl: kaspiUrl, pollEveryMinutes: 1 } };
}

/**
 * For `demo --serve`: a buyer orders one offer on the simulated Kaspi, the order flow records it
 * as needing a person, and order cycles keep running every few seconds so what the newcomer
 * decides in the console (retry, cancel, mark handled) is carried out while they watch.
 */
export async function startDemoOrders(
  runtime: Runtime,
  kaspi: KaspiSimulator,
  extras: ServerExtras,
  signal: AbortSignal,
): Promise<void> {
  const client = kaspiClientFor(runtime, { signal });
  extras.connect({ kaspi: client });
  const sku = runtime.store.skuMappings().find((m) => m.available && m.stockCount >= 2)?.sku;
  if (sku !== undefined) kaspi.createOrder({ items: [{ sku, quantity: 1 }] });
  // Every few seconds, so what a person decides in the console is carried out while they watch.
  const queue = startOrderSchedule(runtime, client, { signal, everyMs: 3_000 });
  await queue.idle();
}
