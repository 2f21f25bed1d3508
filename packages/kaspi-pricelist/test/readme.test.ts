import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { deriveSku, diffPriceLists, parsePriceListFile, writePriceListFile } from '../src/index.js';

describe('README quick start', () => {
  it('runs as written and prints "1 1"', async () => {
    const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8');
    const code = /```ts\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
    const body = code.replace(/^import [\s\S]*?;\n/, '').replaceAll("'feed.xml'", 'feedPath');
    const dir = await mkdtemp(join(tmpdir(), 'kaspi-readme-'));
    const log = vi.fn();
    const AsyncFunction = Object.getPrototypeOf(async () => undefined).constructor as new (
      ...args: string[]
    ) => (...values: unknown[]) => Promise<void>;
    const api = { deriveSku, diffPriceLists, parsePriceListFile, writePriceListFile };
    const run = new AsyncFunction(...Object.keys(api), 'feedPath', 'console', body);
    await run(...Object.values(api), join(dir, 'feed.xml'), { log });
    expect(log).toHaveBeenCalledWith(1, 1);
  });
});
