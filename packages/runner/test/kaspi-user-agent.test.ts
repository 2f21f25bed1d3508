import { startKaspiSimulator } from '@kaspi-connect/kaspi-client/testing';
import { describe, expect, it } from 'vitest';
import type { Runtime } from '../src/commands/runtime.js';
import { ConfigError } from '../src/config/config-error.js';
import { parseConfig } from '../src/config/load-config.js';
import { createClockWatch } from '../src/orders/clock-check.js';
import { kaspiClientFor } from '../src/runtime/api-clients.js';
import { baseConfigInput } from './helpers/config.js';

const BROWSER =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/120.0 Safari/537.36';

describe('orders.kaspiUserAgent', () => {
  it('is the User-Agent of every Kaspi request', async () => {
    const sim = await startKaspiSimulator({ token: 'kaspi-token' });
    try {
      const resolved = {
        ...parseConfig(
          { ...baseConfigInput, orders: { kaspiBaseUrl: sim.url, kaspiUserAgent: BROWSER } },
          { KASPI_TOKEN: 'kaspi-token' },
        ),
        baseDir: '.',
      };
      const client = kaspiClientFor({ resolved, clock: createClockWatch() } as Runtime);
      expect(await client.getOrderByCode('000')).toBeUndefined();
      expect(sim.requests.length).toBeGreaterThan(0);
      expect(sim.requests.every((r) => r.headers['user-agent'] === BROWSER)).toBe(true);
    } finally {
      await sim.close();
    }
  });

  it('refuses a value that cannot be a header, naming the key', () => {
    let error: unknown;
    try {
      parseConfig({ ...baseConfigInput, orders: { kaspiUserAgent: 'Mozilla\nX-Evil: 1' } }, {});
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).issues.map((i) => i.key)).toEqual(['orders.kaspiUserAgent']);
  });
});
