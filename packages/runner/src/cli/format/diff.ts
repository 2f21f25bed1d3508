import type { Availability, Offer, PriceListDiff } from '@kaspi-connect/kaspi-pricelist';

type Column = 'price' | 'availability' | 'stock' | 'details';

interface Row {
  readonly sku: string;
  readonly change: 'added' | 'removed' | 'changed';
  readonly cells: Record<Column, string[]>;
}

const yesNo = (value: boolean | undefined) => (value === undefined ? '–' : value ? 'yes' : 'no');
const stock = (s: Pick<Availability, 'stockCount' | 'preOrder'>) =>
  `${s.stockCount ?? '–'}${s.preOrder === undefined ? '' : ` +${s.preOrder}d`}`;
const amount = (n: number | undefined) => (n === undefined ? '–' : String(n));
const short = (text: string | undefined, max = 32) => {
  if (text === undefined) return '–';
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
};

function priceOf(offer: Offer): string {
  if (offer.cityPrices !== undefined)
    return offer.cityPrices.map((cp) => `${cp.cityId}:${cp.price}`).join(' ');
  return amount(offer.price);
}

function wholeOffer(offer: Offer, change: 'added' | 'removed'): Row {
  return {
    sku: offer.sku,
    change,
    cells: {
      price: [priceOf(offer)],
      availability: offer.availabilities.map((a) => `${a.storeId} ${yesNo(a.available)}`),
      stock: offer.availabilities.map((a) => `${a.storeId} ${stock(a)}`),
      details: [short(offer.model)],
    },
  };
}

/** One row per SKU that differs: what changed in price, availability, stock and details. */
export function diffRows(diff: PriceListDiff): Row[] {
  const rows = new Map<string, Row>();
  const changed = (sku: string): Row['cells'] => {
    let row = rows.get(sku);
    if (row === undefined) {
      row = {
        sku,
        change: 'changed',
        cells: { price: [], availability: [], stock: [], details: [] },
      };
      rows.set(sku, row);
    }
    return row.cells;
  };
  for (const c of diff.priceChanges) {
    const city = c.cityId === undefined ? '' : `${c.cityId}: `;
    changed(c.sku).price.push(`${city}${amount(c.before)} → ${amount(c.after)}`);
  }
  for (const c of diff.availabilityChanges)
    changed(c.sku).availability.push(`${c.storeId} ${yesNo(c.before)} → ${yesNo(c.after)}`);
  for (const c of diff.stockChanges)
    changed(c.sku).stock.push(`${c.storeId} ${stock(c.before)} → ${stock(c.after)}`);
  for (const c of diff.detailChanges)
    changed(c.sku).details.push(`${c.field}: ${short(c.before, 20)} → ${short(c.after, 20)}`);
  return [
    ...diff.removed.map((o) => wholeOffer(o, 'removed')),
    ...diff.added.map((o) => wholeOffer(o, 'added')),
    ...rows.values(),
  ];
}

/** The diff as a per-SKU table for a terminal, followed by the counts. */
export function formatDiff(diff: PriceListDiff): string {
  const header = ['sku', 'change', 'price', 'availability', 'stock', 'details'];
  const table = diffRows(diff).map((row) => [
    row.sku,
    row.change,
    row.cells.price.join('; '),
    row.cells.availability.join('; '),
    row.cells.stock.join('; '),
    row.cells.details.join('; '),
  ]);
  const s = diff.summary;
  const counts = `${s.before} → ${s.after} offers: ${s.added} added, ${s.removed} removed, ${s.priceChanged} price, ${s.availabilityChanged} availability, ${s.stockChanged} stock, ${s.detailsChanged} details changed, ${s.unchanged} unchanged`;
  if (table.length === 0) return `No differences. ${counts}\n`;
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return `${[line(header), line(widths.map((w) => '-'.repeat(w))), ...table.map(line)].join('\n')}\n\n${counts}\n`;
}
