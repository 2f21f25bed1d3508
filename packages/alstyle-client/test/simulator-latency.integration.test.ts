import { afterEach, describe, expect, it } from 'vitest';
import { type AlStyleSimulator, startAlStyleSimulator } from '../src/testing/index.js';

let sim: AlStyleSimulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

const timed = async (url: string): Promise<{ ms: number; status: number }> => {
  const started = performance.now();
  const response = await fetch(url);
  await response.text();
  return { ms: performance.now() - started, status: response.status };
};

describe('simulator latency', () => {
  it('delays the configured endpoint by its drawn latency and leaves the others fast', async () => {
    sim = await startAlStyleSimulator({
      rateLimitMs: 0,
      latency: { '/api/brands': { minMs: 80, maxMs: 120, inboundShare: 0.5 } },
    });
    const slow = await timed(`${sim.url}/api/brands?access-token=${sim.token}`);
    const fast = await timed(`${sim.url}/api/warehouses?access-token=${sim.token}`);
    expect(slow.status).toBe(200);
    expect(slow.ms).toBeGreaterThanOrEqual(79);
    expect(fast.ms).toBeLessThan(80);
  });

  it('counts a request as arrived after its inbound share, so the rate limit sees arrivals', async () => {
    sim = await startAlStyleSimulator({
      rateLimitMs: 5_000,
      latency: { '*': { minMs: 100, maxMs: 100, inboundShare: 0.6 } },
    });
    const started = performance.now();
    await timed(`${sim.url}/api/brands?access-token=${sim.token}`);
    const second = await timed(`${sim.url}/api/brands?access-token=${sim.token}`);
    expect(second.status).toBe(403);
    const [first] = sim.requests;
    // Arrival is stamped after the 60 ms way in (the simulator's clock starts before `started`).
    expect(first?.receivedAt ?? 0).toBeGreaterThanOrEqual(59);
    expect(performance.now() - started).toBeGreaterThanOrEqual(199);
  });

  it('refuses a latency range that makes no sense', async () => {
    await expect(
      startAlStyleSimulator({ latency: { '/api/brands': { minMs: 50, maxMs: 10 } } }),
    ).rejects.toThrow(/latency for \/api\/brands/);
  });
});
