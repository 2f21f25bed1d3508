import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { serveFeed } from '../src/commands/run.js';
import { openRuntime, type Runtime } from '../src/commands/runtime.js';
import { ConfigError } from '../src/config/config-error.js';
import { parseConfig } from '../src/config/load-config.js';

const shop = { company: 'Auth', merchantId: '30000002', stores: [{ id: 'PP1' }] };
let runtime: Runtime | undefined;

function runtimeWith(env: NodeJS.ProcessEnv): Runtime {
  const parsed = parseConfig(
    { shop, suppliers: { alstyle: {} }, server: { port: 0, username: 'kaspi' } },
    env,
  );
  runtime = openRuntime({ ...parsed, baseDir: mkdtempSync(join(tmpdir(), 'kc-auth-')) });
  return runtime;
}

afterEach(() => {
  runtime?.close();
  runtime = undefined;
});

describe('serveFeed with a basic-auth user name', () => {
  it('refuses to serve the feed openly when the password is missing', async () => {
    const error = await Promise.resolve()
      .then(() => serveFeed(runtimeWith({}), {}))
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfigError);
    expect(String((error as Error).message)).toContain('FEED_PASSWORD');
    expect(String((error as Error).message)).toContain('server.password');
  });

  it('asks for the password once FEED_PASSWORD is set', async () => {
    const server = await serveFeed(runtimeWith({ FEED_PASSWORD: 'pw-123' }), {});
    try {
      const response = await fetch(server.feedUrl);
      expect(response.status).toBe(401);
    } finally {
      await server.close();
    }
  });
});
