// Forward real Kaspi orders to your system:
//   KASPI_TOKEN=… WEBHOOK_URL=https://erp.example.kz/kaspi-orders tsx src/cli.ts
import { createKaspiClient } from '@kaspi-connect/kaspi-client';
import { createOrderForwarder } from './forwarder.js';
import { JsonFileSeenOrders } from './seen-orders.js';

const token = process.env.KASPI_TOKEN;
const webhookUrl = process.env.WEBHOOK_URL;
if (!token || !webhookUrl) {
  console.error(
    'usage: KASPI_TOKEN=… WEBHOOK_URL=… [WEBHOOK_SECRET=…] [POLL_MINUTES=5] tsx src/cli.ts',
  );
  process.exit(2);
}
const controller = new AbortController();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => controller.abort(new Error(signal)));
}
const forwarder = createOrderForwarder({
  kaspi: createKaspiClient({ token, signal: controller.signal }),
  webhookUrl,
  seen: new JsonFileSeenOrders(process.env.SEEN_FILE ?? './seen-orders.json'),
  ...(process.env.WEBHOOK_SECRET
    ? { headers: { authorization: `Bearer ${process.env.WEBHOOK_SECRET}` } }
    : {}),
});
await forwarder.run({
  everyMs: Number(process.env.POLL_MINUTES ?? 5) * 60_000,
  signal: controller.signal,
  onPoll: (result) =>
    console.log(
      JSON.stringify(
        result instanceof Error
          ? { at: new Date(), error: result.message }
          : { at: new Date(), ...result },
      ),
    ),
});
