import { readFileSync } from 'node:fs';
import { createKaspiClient, type KaspiClientEvent, type KaspiClientOptions } from '../src/index.js';

/** A token long enough to be redacted and easy to search for. */
export const TOKEN = 'tok_SECRET_1234567890';
export const ROOT = 'https://kaspi.kz/shop/api';

/** Reads a guide fixture (copied verbatim from the shared fixtures). */
export function fixture<T = unknown>(name: string): T {
  return JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')) as T;
}

/** Reads a text fixture. */
export function textFixture(name: string): string {
  return readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
}

/** A client for unit tests: no throttle, fast retries, events collected. */
export function testClient(overrides: Partial<KaspiClientOptions> = {}) {
  const events: KaspiClientEvent[] = [];
  const client = createKaspiClient({
    token: TOKEN,
    rateLimit: false,
    retry: { retries: 2, minDelayMs: 1, maxDelayMs: 2 },
    onEvent: (e) => events.push(e),
    ...overrides,
  });
  return { client, events };
}

/** JSON:API response headers. */
export const JSON_API_HEADERS = { 'content-type': 'application/vnd.api+json;charset=UTF-8' };
