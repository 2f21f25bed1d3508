import { createRandom } from '@kaspi-connect/sim-kit';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type AlStyleEvent, createAlStyleClient, MAX_PAGE_SIZE } from '../src/index.js';
import { LatencyJitter } from '../src/transport/arrival-spacing.js';
import { uniqueToken } from './helpers.js';

// The real limit scaled down 5×, with the realistic 150–800 ms page time scaled alike.
const INTERVAL_MS = 1000;
const MARGIN_MS = 100;
const LATENCY_MIN_MS = 30;
const LATENCY_MAX_MS = 160;
const PRODUCTS = 13_000;

const wait = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function product(article: number): Record<string, unknown> {
  return {
    article,
    name: `Колонки ${article}`,
    full_name: `Колонки, Xiaomi, ${article}`,
    category: 3472,
    sort: 0,
    price1: 8434,
    price2: 11490,
    quantity: 5,
    isnew: 0,
    article_pn: `PN${article}`,
  };
}

/**
 * A supplier on the fake clock: each request travels `inboundShare` of its latency before it
 * counts as arrived, is refused with 403 when it arrives sooner than the interval after the last
 * accepted one, and is answered after the rest of its latency.
 */
function latencySupplier(seed: number, inboundShare: number) {
  const random = createRandom(seed);
  const arrivals: { at: number; refused: boolean }[] = [];
  let lastAccepted = Number.NEGATIVE_INFINITY;
  const fetch = async (request: Request): Promise<Response> => {
    const latency = LATENCY_MIN_MS + random.next() * (LATENCY_MAX_MS - LATENCY_MIN_MS);
    await wait(latency * inboundShare);
    const at = Date.now();
    const refused = at - lastAccepted < INTERVAL_MS;
    if (!refused) lastAccepted = at;
    arrivals.push({ at, refused });
    await wait(latency * (1 - inboundShare));
    if (refused) return Response.json({ name: 'Forbidden' }, { status: 403 });
    const offset = Number(new URL(request.url).searchParams.get('offset') ?? 0);
    const count = Math.max(0, Math.min(MAX_PAGE_SIZE, PRODUCTS - offset));
    return Response.json({
      elements: Array.from({ length: count }, (_, i) => product(100_000 + offset + i)),
      pagination: {
        totalCount: PRODUCTS,
        totalPages: Math.ceil(PRODUCTS / MAX_PAGE_SIZE),
        currentPage: offset / MAX_PAGE_SIZE + 1,
        limit: MAX_PAGE_SIZE,
        offset,
      },
    });
  };
  return { fetch, arrivals };
}

async function fetchCatalogue(
  supplier: ReturnType<typeof latencySupplier>,
  spacingFrom: 'arrival' | 'response',
  events: AlStyleEvent[] = [],
): Promise<number> {
  const client = createAlStyleClient({
    token: uniqueToken('arrival'),
    fetch: supplier.fetch,
    rateLimit: { intervalMs: INTERVAL_MS, marginMs: MARGIN_MS, spacingFrom },
    retry: { rateLimitBackoffMs: 2 * INTERVAL_MS },
    onEvent: (event) => events.push(event),
  });
  let products = 0;
  let done = false;
  const run = (async () => {
    for await (const _ of client.iterateProducts()) products += 1;
  })().finally(() => {
    done = true;
  });
  // Bounded: 52 pages at ~1.2 s each need well under 200 s of fake time.
  for (let step = 0; step < 4_000 && !done; step++) await vi.advanceTimersByTimeAsync(50);
  await run;
  return products;
}

const span = (arrivals: readonly { at: number }[]): number =>
  (arrivals.at(-1)?.at ?? 0) - (arrivals[0]?.at ?? 0);

describe('arrival spacing against a supplier with latency (fake timers)', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('pages the catalogue within 1.08× of (pages − 1) × interval with no 403', async () => {
    const supplier = latencySupplier(42, 0.1);
    expect(await fetchCatalogue(supplier, 'arrival')).toBe(PRODUCTS);
    const pages = Math.ceil(PRODUCTS / MAX_PAGE_SIZE);
    expect(supplier.arrivals).toHaveLength(pages);
    expect(supplier.arrivals.filter((a) => a.refused)).toHaveLength(0);
    expect(span(supplier.arrivals) / ((pages - 1) * INTERVAL_MS)).toBeLessThanOrEqual(1.08);
  });

  it('is faster than response spacing, which pays a whole response time per page', async () => {
    const arrival = latencySupplier(7, 0.1);
    const response = latencySupplier(7, 0.1);
    await fetchCatalogue(arrival, 'arrival');
    await fetchCatalogue(response, 'response');
    expect(response.arrivals.filter((a) => a.refused)).toHaveLength(0);
    // Response spacing costs margin + mean latency (~195 ms) per gap; arrival about a third of it.
    expect(span(response.arrivals) - span(arrival.arrivals)).toBeGreaterThan(51 * 100);
  });

  it('after a 403 spaces from the response for the rest of the run', async () => {
    // Every request spends its whole latency on the way in: arrivals jitter by the full spread,
    // more than the margin covers, so a 403 is likely; after it no further one may follow.
    const supplier = latencySupplier(3, 1);
    const events: AlStyleEvent[] = [];
    expect(await fetchCatalogue(supplier, 'arrival', events)).toBe(PRODUCTS);
    const refused = supplier.arrivals.findIndex((a) => a.refused);
    expect(refused).toBeGreaterThan(0);
    expect(supplier.arrivals.slice(refused + 1).filter((a) => a.refused)).toHaveLength(0);
    expect(events.filter((e) => e.type === 'rate-limit.hit')).toHaveLength(1);
    // From the retry on, each start waits interval + margin after the previous answer.
    const after = supplier.arrivals.slice(refused + 1);
    for (let i = 1; i < after.length; i++) {
      expect((after[i]?.at ?? 0) - (after[i - 1]?.at ?? 0)).toBeGreaterThanOrEqual(INTERVAL_MS);
    }
  });
});

describe('LatencyJitter', () => {
  it('gives no margin before the warm-up, then half the spread without the extremes', () => {
    const jitter = new LatencyJitter({ warmUp: 3, samples: 8 });
    jitter.record(100);
    jitter.record(300);
    expect(jitter.marginMs()).toBeUndefined();
    jitter.record(200);
    // Three samples: full range 100..300.
    expect(jitter.marginMs()).toBe(100);
    jitter.record(5_000); // one stall
    jitter.record(150);
    // Sorted 100 150 200 300 5000: the stall and the fastest are left out → (300 − 150) / 2.
    expect(jitter.marginMs()).toBe(75);
  });

  it('keeps the minimum margin and forgets old samples', () => {
    const jitter = new LatencyJitter({ warmUp: 2, samples: 4, minMarginMs: 40 });
    for (const ms of [1_000, 10, 10, 10, 10]) jitter.record(ms);
    expect(jitter.marginMs()).toBe(40);
  });

  it('refuses settings that make no sense', () => {
    expect(() => new LatencyJitter({ samples: 1 })).toThrow(/samples/);
    expect(() => new LatencyJitter({ warmUp: 20, samples: 16 })).toThrow(/warmUp/);
    expect(() => new LatencyJitter({ jitterShare: -1 })).toThrow(/jitterShare/);
  });
});
