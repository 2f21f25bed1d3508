import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { readmeWithRuleTable } from '../scripts/rule-table.js';
import {
  ACCEPTANCE_MODEL,
  deriveSku,
  diffPriceLists,
  parsePriceListFile,
  RULE_CODES,
  writePriceListFile,
} from '../src/index.js';

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

describe('README rule table', () => {
  it('is the one generated from the acceptance model (run pnpm rules:readme)', async () => {
    const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8');
    expect(readme).toBe(readmeWithRuleTable(readme));
  });

  it('shows evidence for every error-level rule', async () => {
    const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8');
    for (const code of RULE_CODES) {
      const rule = ACCEPTANCE_MODEL[code];
      expect(rule.evidence.length).toBeGreaterThan(20);
      expect(readme).toContain(`| \`${code}\` |`);
      if (rule.level === 'error') expect(rule.sources).not.toEqual([]);
    }
  });
});
