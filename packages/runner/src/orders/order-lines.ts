import type { KaspiClient, KaspiOrder } from '@kaspi-connect/kaspi-client';
import type { StateStore } from '../state/state-store.js';
import type { OrderLine, OrderRecord } from './order-record.js';

/** A Kaspi order as a new record: its lines mapped back to the supplier by the SKU mapping. */
export async function orderRecordOf(
  kaspi: KaspiClient,
  store: StateStore,
  order: KaspiOrder,
  now: Date,
  call: { signal?: AbortSignal },
): Promise<OrderRecord> {
  const entries = order.entries ?? (await kaspi.getOrderEntries(order, call));
  const lines: OrderLine[] = [];
  for (const entry of entries) {
    const sku = entry.offer?.code ?? (await kaspi.getEntrySku(entry, call))?.sku;
    const mapping = sku === undefined ? undefined : store.findSkuMapping(sku);
    lines.push({
      sku: sku ?? `(entry ${entry.id})`,
      productKey: mapping?.productKey,
      quantity: entry.quantity,
      unitType: entry.unitType,
      unitPrice: entry.basePrice,
    });
  }
  const suppliers = new Set(
    lines.map((line) =>
      line.productKey === undefined ? undefined : store.findSkuMapping(line.sku)?.supplier,
    ),
  );
  return {
    kaspiCode: order.code,
    kaspiId: order.id,
    state: 'new',
    supplier: suppliers.size === 1 ? [...suppliers][0] : undefined,
    supplierOrderId: undefined,
    lines,
    attempts: 0,
    kaspiCreatedAt: order.creationDate,
    createdAt: now,
    updatedAt: now,
  };
}
