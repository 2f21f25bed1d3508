import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { FeedPublisher } from '../src/publish/feed-publisher.js';

const dir = () => mkdtempSync(join(tmpdir(), 'kc-feed-'));

describe('FeedPublisher', () => {
  it('writes the feed, reports its hash and size, and keeps the last N in history', async () => {
    const publisher = new FeedPublisher({ dir: dir(), fileName: 'kaspi.xml', history: 2 });
    for (let i = 1; i <= 3; i++) {
      const result = await publisher.publish(
        (async function* () {
          yield `<feed n="${i}">`;
          yield Buffer.from('</feed>');
        })(),
        new Date(Date.UTC(2026, 10, 26, 9, 0, i)),
      );
      expect(result.bytes).toBe(readFileSync(publisher.currentPath).byteLength);
      expect(result.sha256).toMatch(/^[0-9a-f]{64}$/);
    }
    expect(readFileSync(publisher.currentPath, 'utf8')).toBe('<feed n="3"></feed>');
    const history = await publisher.listHistory();
    expect(history).toHaveLength(2);
    expect(readFileSync(history[0] as string, 'utf8')).toBe('<feed n="3"></feed>');
    expect(readFileSync(history[1] as string, 'utf8')).toBe('<feed n="2"></feed>');
  });

  it('leaves the live feed untouched when it fails between write and rename', async () => {
    const feedDir = dir();
    const ok = new FeedPublisher({ dir: feedDir, fileName: 'kaspi.xml', history: 0 });
    await ok.publish('old');
    const crashing = new FeedPublisher({
      dir: feedDir,
      fileName: 'kaspi.xml',
      history: 0,
      beforeRename: (temp) => {
        expect(readFileSync(temp, 'utf8')).toBe('new');
        throw new Error('disk gone');
      },
    });
    await expect(crashing.publish('new')).rejects.toThrow('disk gone');
    expect(readFileSync(ok.currentPath, 'utf8')).toBe('old');
    expect(readdirSync(feedDir)).toEqual(['kaspi.xml']);
  });

  it('survives a process killed between write and rename, and cleans its temp file later', async () => {
    const feedDir = dir();
    const publisher = new FeedPublisher({ dir: feedDir, fileName: 'kaspi.xml', history: 0 });
    await publisher.publish('old');
    // A child process publishes and is SIGKILLed inside the hook, after the temp file is synced.
    const script = join(feedDir, '..', `crash-${Date.now()}.mjs`);
    const moduleUrl = new URL('../src/publish/feed-publisher.ts', import.meta.url).href;
    writeFileSync(
      script,
      `import { FeedPublisher } from ${JSON.stringify(moduleUrl)};
       const p = new FeedPublisher({ dir: ${JSON.stringify(feedDir)}, fileName: 'kaspi.xml', history: 0,
         beforeRename: () => process.kill(process.pid, 'SIGKILL') });
       await p.publish('new');`,
    );
    const tsxLoader = import.meta.resolve('tsx/esm');
    const child = promisify(execFile)(process.execPath, ['--import', tsxLoader, script]);
    await expect(child).rejects.toMatchObject({ signal: 'SIGKILL' });
    expect(readFileSync(publisher.currentPath, 'utf8')).toBe('old');
    expect(readdirSync(feedDir).filter((name) => name.endsWith('.tmp'))).toHaveLength(1);
    expect(await publisher.removeStaleTempFiles()).toHaveLength(1);
    await publisher.publish('next');
    expect(readdirSync(feedDir)).toEqual(['kaspi.xml']);
    expect(readFileSync(publisher.currentPath, 'utf8')).toBe('next');
  });

  it('writes nothing when the content iterable throws', async () => {
    const publisher = new FeedPublisher({ dir: dir(), fileName: 'kaspi.xml', history: 1 });
    await expect(
      publisher.publish(
        (function* () {
          yield '<a>';
          throw new Error('writer failed');
        })(),
      ),
    ).rejects.toThrow('writer failed');
    expect(existsSync(publisher.currentPath)).toBe(false);
  });
});
