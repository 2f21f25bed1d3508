import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { formatStatus } from '../src/cli/format/status.js';
import { readStatus } from '../src/commands/status.js';
import { formatLocalTime } from '../src/logging/local-time.js';
import { createLogger } from '../src/logging/logger.js';
import { createProgressBar } from '../src/logging/progress.js';
import { SqliteStateStore } from '../src/state/sqlite-state-store.js';

function tty() {
  const stream = Object.assign(new PassThrough(), { isTTY: true as const, columns: 80 });
  let text = '';
  stream.on('data', (chunk: Buffer) => {
    text += chunk.toString();
  });
  return { stream, text: () => text };
}

describe('times for people', () => {
  it('prints the schedule zone: the 09:00 Almaty job is not 04:00', () => {
    expect(formatLocalTime(new Date('2026-12-01T04:00:00Z'), 'Asia/Almaty')).toBe(
      '2026-12-01 09:00:00 UTC+5',
    );
  });

  it('readable log lines carry the local time; JSON lines keep epoch UTC', () => {
    const out = tty();
    const logger = createLogger({ destination: out.stream, timeZone: 'Asia/Almaty' });
    logger.info('hello');
    expect(out.text()).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC\+5/);
  });

  it('status shows why a run failed and the next runs in local time', () => {
    const store = new SqliteStateStore(':memory:');
    const id = store.beginRun('full', new Date('2026-12-01T03:00:00Z'));
    store.finishRun(id, {
      status: 'failed',
      exitCode: 5,
      summary: {
        mode: 'full',
        supplierProducts: 0,
        offers: 0,
        available: 0,
        unavailable: 0,
        retained: 0,
        retired: 0,
        skipped: {},
        conflicts: [],
        refusals: [],
        timingsMs: {},
        error: 'alstyle: rejected the access token (401). The supplier refused ALSTYLE_TOKEN',
      },
    });
    const report = readStatus(store, 10, {
      schedule: { timezone: 'Asia/Almaty', fullSync: ['0 9 * * *'], refreshEveryMinutes: 0 },
      now: new Date('2026-12-01T03:30:00Z'),
    });
    const text = formatStatus(report, 'Asia/Almaty', { path: '/x/kaspi.xml' }).join('\n');
    expect(text).toContain('#1 full    failed    2026-12-01 08:00:00 UTC+5');
    expect(text).toContain('The supplier refused ALSTYLE_TOKEN');
    expect(text).toContain('Next full: 2026-12-01 09:00:00 UTC+5');
    expect(text).toContain('The file /x/kaspi.xml is missing');
  });
});

describe('the progress bar and log lines', () => {
  it('never share a line: a log line clears the bar and the bar is drawn again below it', () => {
    const out = tty();
    const logger = createLogger({ destination: out.stream, timeZone: 'UTC' });
    const bar = createProgressBar('Reading', out.stream, () => 0);
    bar.update(10, 100);
    logger.warn('a warning in the middle');
    bar.update(20, 100);
    bar.finish();
    const text = out.text();
    const warning = text.indexOf('a warning in the middle');
    // Right before the log line: the bar was erased (\r + erase to end of line).
    const before = text.slice(0, warning);
    const erase = `\r${String.fromCharCode(27)}[K`;
    expect(before.lastIndexOf(erase)).toBeGreaterThan(before.lastIndexOf('10/100'));
    // Right after it: the bar again, on its own line.
    expect(text.slice(warning)).toMatch(/\n\rReading .*10\/100/);
    logger.info('after the bar');
    expect(text.endsWith('\n')).toBe(true);
  });
});
