import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/config-error.js';
import { parseConfig, type ResolvedConfig } from '../../src/config/load-config.js';
import { resolveShops } from '../../src/shops/resolve-shops.js';
import { baseConfigInput } from '../helpers/config.js';

function resolved(raw: unknown, env: NodeJS.ProcessEnv = {}): ResolvedConfig {
  return { ...parseConfig(raw, env, '/srv/kc/kaspi-connect.config.ts'), baseDir: '/srv/kc' };
}

describe('many shops in one config', () => {
  it('runs a single-shop config as the one shop "default", unchanged', () => {
    const single = resolved(baseConfigInput, { ALSTYLE_TOKEN: 't' });
    const shops = resolveShops(single, {});
    expect(shops).toHaveLength(1);
    expect(shops[0]?.id).toBe('default');
    expect(shops[0]?.resolved).toBe(single);
    expect(single.config.shops).toBeUndefined();
  });

  it('merges each shop over the shared sections and gives it its own paths and secrets', () => {
    const raw = {
      ...baseConfigInput,
      pricing: { markup: { percent: 20, fixed: 100 } },
      shops: [
        {
          id: 'tech-almaty',
          shop: { merchantId: '111' },
          pricing: { markup: { percent: 5 } },
          server: { username: 'kaspi-a' },
        },
        {
          id: 'b2',
          shop: { merchantId: '222', company: 'B2 LLP' },
          env: { kaspiToken: 'B2_KASPI' },
        },
      ],
    };
    const env = {
      ALSTYLE_TOKEN: 'shared-al',
      ALSTYLE_TOKEN_B2: 'own-al',
      KASPI_TOKEN: 'never-shared',
      KASPI_TOKEN_TECH_ALMATY: 'k1',
      B2_KASPI: 'k2',
      FEED_PASSWORD_TECH_ALMATY: 'p1',
    };
    const shops = resolveShops(resolved(raw, env), env);
    expect(shops.map((s) => s.id)).toEqual(['tech-almaty', 'b2']);
    const [a, b] = shops.map((s) => s.resolved);
    expect(a?.config.pricing.markup).toEqual({ percent: 5, fixed: 100 });
    expect(b?.config.pricing.markup).toEqual({ percent: 20, fixed: 100 });
    expect(a?.config.shop.company).toBe('Test Shop');
    expect(b?.config.shop.company).toBe('B2 LLP');
    expect(a?.config.feed.dir).toBe('kaspi-feed/tech-almaty');
    expect(b?.config.state.path).toBe('kaspi-connect.b2.db');
    expect(a?.secrets.alstyleToken).toBe('shared-al');
    expect(b?.secrets.alstyleToken).toBe('own-al');
    expect(a?.secrets.kaspiToken).toBe('k1');
    expect(b?.secrets.kaspiToken).toBe('k2');
    expect(a?.secrets.feedPassword).toBe('p1');
    expect(a?.config.server.username).toBe('kaspi-a');
    expect(b?.secrets.feedPassword).toBeUndefined();
    expect(a?.baseDir).toBe('/srv/kc');
  });

  it('names the shop and key of every problem, and refuses two shops with one id or Kaspi shop', () => {
    const raw = {
      ...baseConfigInput,
      shops: [
        { id: 'a', shop: { merchantId: '111' }, pricing: { markup: { percent: -1 } } },
        { id: 'a', shop: { merchantId: '222' } },
        { id: 'c', shop: { merchantId: '333' } },
        { id: 'd', shop: { merchantId: '333' } },
      ],
    };
    let error: unknown;
    try {
      resolveShops(resolved(raw), {});
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const keys = (error as ConfigError).issues.map((issue) => issue.key);
    expect(keys).toEqual([
      'shops.0 (a).pricing.markup.percent',
      'shops.1.id',
      'shops (d).shop.merchantId',
    ]);
  });

  it('rejects a bad shop id and an unknown key in a shop entry', () => {
    expect(() =>
      parseConfig({ ...baseConfigInput, shops: [{ id: 'Bad Id', shop: {} }] }, {}),
    ).toThrow(/shops\.0\.id: expected a shop id/);
    expect(() => parseConfig({ ...baseConfigInput, shops: [{ id: 'a', shoop: {} }] }, {})).toThrow(
      /shops\.0\.shoop: unknown option/,
    );
  });
});
