import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../src/config/config-error.js';
import { loadConfig } from '../src/config/load-config.js';
import { baseConfigInput } from './helpers/config.js';

const project = () => mkdtempSync(join(tmpdir(), 'kc-cfg-'));

describe('config safety', () => {
  it('never serves openly: FEED_PASSWORD in .env without server.username is a config error', async () => {
    const dir = project();
    writeFileSync(join(dir, 'kaspi-connect.config.json'), JSON.stringify(baseConfigInput));
    writeFileSync(join(dir, '.env'), 'FEED_PASSWORD=pw-dotenv\n');
    const error = await loadConfig({ cwd: dir, env: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toMatch(
      /server\.username: FEED_PASSWORD is set but server\.username is not.*username: 'kaspi'/,
    );
    expect((error as ConfigError).message).not.toContain('pw-dotenv');
  });

  it('resolves relative paths and .env against the config file, not the working directory', async () => {
    const dir = project();
    const etc = join(dir, 'etc');
    mkdirSync(etc);
    writeFileSync(
      join(etc, 'kaspi-connect.config.json'),
      JSON.stringify({ ...baseConfigInput, state: { path: 'state.db' } }),
    );
    writeFileSync(join(etc, '.env'), 'ALSTYLE_TOKEN=next-to-config\n');
    const resolved = await loadConfig({ cwd: dir, file: 'etc/kaspi-connect.config.json', env: {} });
    expect(resolved.baseDir).toBe(etc);
    expect(resolved.secrets.alstyleToken).toBe('next-to-config');
  });

  it('stops instead of starting a new empty database when the old one is in the working directory', async () => {
    const dir = project();
    mkdirSync(join(dir, 'etc'));
    writeFileSync(
      join(dir, 'etc', 'kaspi-connect.config.json'),
      JSON.stringify({ ...baseConfigInput, state: { path: 'state.db' } }),
    );
    writeFileSync(join(dir, 'state.db'), '');
    await expect(
      loadConfig({ cwd: dir, file: 'etc/kaspi-connect.config.json', env: {} }),
    ).rejects.toThrow(/state\.path: relative paths now resolve against the config file's folder/);
  });

  it('never quotes the source of a config that does not parse', async () => {
    const dir = project();
    writeFileSync(
      join(dir, 'kaspi-connect.config.json'),
      '{ "suppliers": { "alstyle": { "token": "tok-SECRET-42" } } oops }',
    );
    const json = await loadConfig({ cwd: dir, env: {} }).then(
      () => new Error('loaded'),
      (e: unknown) => e as Error,
    );
    expect(json.message).toMatch(/not valid JSON at line 1, column \d+/);
    expect(json.message).not.toContain('tok-SECRET-42');
    expect((json as Error & { cause?: unknown }).cause).toBeUndefined();

    const ts = project();
    writeFileSync(
      join(ts, 'kaspi-connect.config.ts'),
      'export default { suppliers: { alstyle: { token: "tok-SECRET-42" } }\n  shop: ] }',
    );
    const loaded = await loadConfig({ cwd: ts, env: {} }).then(
      () => new Error('loaded'),
      (e: unknown) => e as Error,
    );
    expect(loaded.message).toMatch(/could not be loaded: a syntax error/);
    expect(loaded.message).not.toContain('tok-SECRET-42');
  });
});
