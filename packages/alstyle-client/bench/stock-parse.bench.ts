// Client-side cost of one whole-catalogue `quantity-price` answer (13 000 entries, ~950 KiB):
// transport, validation and normalisation, with an injected fetch so no network or simulator
// time is counted. `pnpm bench:parse`.
import { createAlStyleClient } from '../src/index.js';

const ENTRIES = 13_000;
const RUNS = 15;

const body: Record<string, unknown> = {};
for (let i = 1; i <= ENTRIES; i++) {
  body[String(i)] = {
    quantity: i % 7 === 0 ? '>50' : i % 40,
    price1: 1000 + i,
    price2: 1200 + i,
    warehouse: 'panfilov',
  };
}
const text = JSON.stringify(body);
const client = createAlStyleClient({
  token: 'bench-token-1234',
  rateLimit: { intervalMs: 0, marginMs: 0, shareAcrossClients: false },
  fetch: async () =>
    new Response(text, { status: 200, headers: { 'content-type': 'application/json' } }),
});

const times: number[] = [];
for (let run = 0; run < RUNS; run++) {
  const started = performance.now();
  const stock = await client.getStockAndPrices();
  times.push(performance.now() - started);
  if (stock.size !== ENTRIES) throw new Error(`expected ${ENTRIES} entries, got ${stock.size}`);
}
times.sort((a, b) => a - b);
const ms = (value: number | undefined): string => `${(value ?? Number.NaN).toFixed(1)} ms`;
console.log(
  `getStockAndPrices, ${ENTRIES} entries (${Math.round(text.length / 1024)} KiB), ${RUNS} runs: ` +
    `median ${ms(times[Math.floor(RUNS / 2)])}, min ${ms(times[0])}, max ${ms(times[RUNS - 1])}; ` +
    `Node ${process.version}, load average ${(await import('node:os'))
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
);
