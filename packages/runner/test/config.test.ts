import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../src/config/config-error.js';
import { loadConfig, parseConfig, requireSecret } from '../src/config/load-config.js';
import { baseConfigInput } from './helpers/config.js';

function issuesOf(fn: () => unknown): { key: string; message: string }[] {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigError) return [...error.issues];
    throw error;
  }
  throw new Error('expected a ConfigError');
}

const project = () => mkdtempSync(join(tmpdir(), 'kc-config-'));

describe('config', () => {
  it('fills every default', () => {
    const { config } = parseConfig(baseConfigInput, {});
    expect(config.schedule).toEqual({
      timezone: 'Asia/Almaty',
      fullSync: ['0 9 * * *', '0 15 * * *', '45 21 * * *'],
      refreshEveryMinutes: 30,
    });
    expect(config.pricing).toMatchObject({
      source: 'retail',
      onRequestAtOrBelow: 1,
      placeholderAtOrAbove: 9_999_999,
    });
    expect(config.suppliers.alstyle).toMatchObject({ skuPrefix: 'AS' });
    expect(config.stock).toEqual({ cap: 50, minAvailable: 1, allocation: 'first' });
  });

  it('names the key and the expected value of every problem', () => {
    const issues = issuesOf(() =>
      parseConfig(
        {
          ...baseConfigInput,
          shop: {
            company: '',
            merchantId: '01',
            stores: [{ id: 'myFavoritePickupPoint1', preOrderDays: 31 }],
          },
          pricing: { source: 'cheapest', markup: { percent: -5 }, rounding: { mode: 'up' } },
          extra: true,
        },
        {},
      ),
    );
    const byKey = Object.fromEntries(issues.map((i) => [i.key, i.message]));
    expect(byKey['shop.company']).toMatch(/expected your company name/);
    expect(byKey['shop.merchantId']).toMatch(/expected your own shop id/);
    expect(byKey['shop.stores.0.id']).toMatch(/placeholder/);
    expect(byKey['shop.stores.0.preOrderDays']).toMatch(/between 0 and 30/);
    expect(byKey['pricing.source']).toBe('expected "dealer", "retail" or "recommended"');
    expect(byKey['pricing.markup.percent']).toMatch(/≥ 0/);
    expect(byKey['pricing.rounding.step']).toBe('required but missing');
    expect(byKey.extra).toMatch(/unknown option/);
    const missing = issuesOf(() => parseConfig({ suppliers: { alstyle: {} } }, {}));
    expect(missing).toEqual([{ key: 'shop', message: 'required but missing' }]);
  });

  it('rejects a bad cron expression with its index', () => {
    const issues = issuesOf(() =>
      parseConfig({ ...baseConfigInput, schedule: { fullSync: ['0 9 * * *', 'every day'] } }, {}),
    );
    expect(issues[0]?.key).toBe('schedule.fullSync.1');
    expect(issues[0]?.message).toMatch(/expected a cron expression .* got "every day"/);
  });

  it('requires a user name with a feed password and a 9-digit city code', () => {
    const issues = issuesOf(() =>
      parseConfig(
        {
          ...baseConfigInput,
          server: { password: 'x' },
          pricing: { cityPrices: [{ cityId: '7500' }] },
        },
        {},
      ),
    );
    expect(issues.map((i) => i.key)).toEqual(['pricing.cityPrices.0.cityId']);
    const auth = issuesOf(() => parseConfig({ ...baseConfigInput, server: { password: 'x' } }, {}));
    expect(auth).toEqual([
      { key: 'server.username', message: 'expected a user name when a password is set' },
    ]);
  });

  it('reads secrets from the environment and says where to put a missing one', () => {
    const resolved = {
      ...parseConfig(baseConfigInput, { ALSTYLE_TOKEN: ' t0ken ' }),
      baseDir: '.',
    };
    expect(requireSecret(resolved, 'alstyleToken')).toBe('t0ken');
    const missing = { ...parseConfig(baseConfigInput, {}), baseDir: '.' };
    expect(() => requireSecret(missing, 'alstyleToken')).toThrow(
      /suppliers\.alstyle\.token: expected a secret: set ALSTYLE_TOKEN/,
    );
  });

  it('loads kaspi-connect.config.json and .env, the real environment winning', async () => {
    const dir = project();
    writeFileSync(
      join(dir, 'kaspi-connect.config.json'),
      JSON.stringify({ ...baseConfigInput, server: { username: 'kaspi' } }),
    );
    writeFileSync(join(dir, '.env'), 'ALSTYLE_TOKEN=from-dotenv\nFEED_PASSWORD=pw-dotenv\n');
    const resolved = await loadConfig({ cwd: dir, env: { FEED_PASSWORD: 'pw-env' } });
    expect(resolved.secrets).toMatchObject({ alstyleToken: 'from-dotenv', feedPassword: 'pw-env' });
    expect(resolved.file).toBe(join(dir, 'kaspi-connect.config.json'));
  });

  it('loads a TypeScript config that uses defineConfig', async () => {
    const dir = project();
    const defineConfigUrl = new URL('../src/config/define-config.ts', import.meta.url).href;
    writeFileSync(
      join(dir, 'kaspi-connect.config.ts'),
      `import { defineConfig } from ${JSON.stringify(defineConfigUrl)};
       const stores: { id: string }[] = [{ id: 'PP7' }];
       export default defineConfig({ shop: { company: 'TS Shop', merchantId: '123', stores }, suppliers: { alstyle: {} } });`,
    );
    const resolved = await loadConfig({ cwd: dir, env: {} });
    expect(resolved.config.shop.stores[0]?.id).toBe('PP7');
  });

  it('explains a missing config, an unreadable one and invalid JSON', async () => {
    const dir = project();
    await expect(loadConfig({ cwd: dir, env: {} })).rejects.toThrow(/run "kaspi-connect init"/);
    await expect(loadConfig({ cwd: dir, file: 'nope.json', env: {} })).rejects.toThrow(
      /file not found/,
    );
    writeFileSync(join(dir, 'kaspi-connect.config.json'), '{ "shop": ');
    await expect(loadConfig({ cwd: dir, env: {} })).rejects.toThrow(/not valid JSON/);
    writeFileSync(join(dir, 'bad.mjs'), 'throw new Error("boom")');
    await expect(loadConfig({ cwd: dir, file: 'bad.mjs', env: {} })).rejects.toThrow(
      /could not be loaded: Error: boom/,
    );
  });
});
