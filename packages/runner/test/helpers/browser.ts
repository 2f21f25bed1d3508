import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';

/** Debian's Chromium (`apt-get install chromium`); `CHROMIUM_PATH` overrides. Never downloaded. */
export function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  const found = candidates.find((path): path is string => path !== undefined && existsSync(path));
  if (found === undefined) {
    throw new Error(
      'Chromium not found: run "apt-get install -y chromium" (.ci/run does) or set CHROMIUM_PATH',
    );
  }
  return found;
}

/** A headless Chromium with a fresh profile and nothing that phones home. */
export async function launchBrowser(): Promise<BrowserContext> {
  const profile = await mkdtemp(join(tmpdir(), 'kc-chromium-'));
  return chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: { width: 1280, height: 900 },
  });
}

/** Screenshots are kept as test output (gitignored). */
export const SCREENSHOT_DIR = new URL('../../test-output/console/', import.meta.url).pathname;
