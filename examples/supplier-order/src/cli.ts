// Place and track a real Al-Style order:
//   ALSTYLE_TOKEN=… tsx src/cli.ts --external-id KASPI-123 --ship 2026-12-01 20932:2 18051:1
import { parseArgs } from 'node:util';
import { createAlStyleClient } from '@kaspi-connect/alstyle-client';
import { placeOrder } from './place-order.js';
import { trackOrder } from './track-order.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    'external-id': { type: 'string' },
    ship: { type: 'string' },
    track: { type: 'boolean', default: false },
  },
});
const token = process.env.ALSTYLE_TOKEN;
const externalId = values['external-id'];
if (!token || !externalId || !values.ship || positionals.length === 0) {
  console.error(
    'usage: ALSTYLE_TOKEN=… tsx src/cli.ts --external-id <id> --ship <YYYY-MM-DD> [--track] <article>:<quantity>…',
  );
  process.exit(2);
}
const lines = positionals.map((arg) => {
  const [article, quantity = '1'] = arg.split(':');
  return { article: Number(article), quantity: Number(quantity) };
});

// Ctrl-C aborts every wait and request of the client; a submit already sent is never resent.
const controller = new AbortController();
process.once('SIGINT', () => controller.abort(new Error('interrupted')));
const client = createAlStyleClient({ token, signal: controller.signal });
const outcome = await placeOrder(client, { lines, externalId, shippingDate: values.ship });
console.log(JSON.stringify(outcome));
if (outcome.kind !== 'placed') process.exit(outcome.kind === 'outcome-unknown' ? 3 : 1);
if (values.track) {
  await trackOrder(client, outcome.orderId, {
    pollEveryMs: 60_000,
    maxPolls: 60,
    onChange: (order) =>
      console.log(`${new Date().toISOString()} order ${order.id}: ${order.status}`),
  });
}
