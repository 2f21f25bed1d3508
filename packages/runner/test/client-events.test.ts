import { PassThrough } from 'node:stream';
import { startKaspiSimulator } from '@kaspi-connect/kaspi-client/testing';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../src/config/load-config.js';
import { createLogger } from '../src/logging/logger.js';
import { createClockWatch } from '../src/orders/clock-check.js';
import { kaspiClientFor } from '../src/runtime/api-clients.js';
import { logKaspiEvents } from '../src/runtime/client-events.js';
import { baseConfigInput } from './helpers/config.js';

const TOKEN = 'kaspi-secret-token-1234';

describe('Kaspi client events in the logs', () => {
  it('logs requests at debug and a rate-limited wait at info, never the token', async () => {
    const sim = await startKaspiSimulator({ token: TOKEN });
    const stream = new PassThrough();
    let text = '';
    stream.on('data', (chunk: Buffer) => {
      text += chunk.toString();
    });
    try {
      const resolved = {
        ...parseConfig(
          { ...baseConfigInput, orders: { kaspiBaseUrl: sim.url } },
          { KASPI_TOKEN: TOKEN },
        ),
        baseDir: '.',
      };
      const logger = createLogger({ json: true, level: 'debug', destination: stream });
      const client = kaspiClientFor({
        resolved,
        clock: createClockWatch(),
        onKaspiEvent: logKaspiEvents(logger),
      });
      sim.injectFault({ kind: 'status', status: 429, retryAfterSeconds: 0, times: 1 });
      expect(await client.getOrderByCode('000')).toBeUndefined();
      logger.flush();
      await new Promise((resolve) => setImmediate(resolve));
      const lines = text
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as { level: number; msg: string; type?: string });
      // The simulator's own record: one refused request, then the retried one.
      expect(sim.requests.map((r) => r.status)).toEqual([429, 200]);
      // The kit reports a 429 wait as `rate-limit.hit` (the resend follows the wait).
      const retry = lines.find((line) => line.type === 'rate-limit.hit');
      expect(retry?.level).toBe(30);
      expect(retry?.msg).toMatch(/rate limited/);
      expect(
        lines.filter((line) => line.type === 'http.request' && line.level === 20),
      ).toHaveLength(2);
      expect(text).not.toContain(TOKEN);
    } finally {
      await sim.close();
    }
  });
});
