import { afterEach, describe, expect, it } from 'vitest';
import { type KaspiSimulator, startKaspiSimulator } from '../src/testing/index.js';
import { raw } from './sim-helpers.js';

let sim: KaspiSimulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

const timed = async (s: KaspiSimulator, path: string) => {
  const started = performance.now();
  const response = await raw(s, path);
  return { ms: performance.now() - started, status: response.status };
};

describe('simulator latency', () => {
  it('delays the configured path by its drawn latency and leaves the others fast', async () => {
    sim = await startKaspiSimulator({
      latency: { '/v2/cities': { minMs: 80, maxMs: 120 } },
    });
    const slow = await timed(sim, '/v2/cities');
    const fast = await timed(sim, '/v2/points');
    expect(slow.status).toBe(200);
    expect(slow.ms).toBeGreaterThanOrEqual(79);
    expect(fast.ms).toBeLessThan(80);
  });

  it('refuses a latency range that makes no sense', async () => {
    await expect(startKaspiSimulator({ latency: { '*': { minMs: 5, maxMs: 1 } } })).rejects.toThrow(
      /latency for \*/,
    );
  });
});
