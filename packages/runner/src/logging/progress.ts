import type { Writable } from 'node:stream';
import { setActiveLine } from './terminal-line.js';

export interface ProgressBar {
  update(done: number, total: number | undefined): void;
  finish(): void;
}

/**
 * A one-line progress bar with rate-based ETA for people at a terminal (`\r` redraws). Not a
 * library: it is 30 lines and the CLI's only use; on a non-TTY it prints nothing.
 */
export function createProgressBar(
  label: string,
  stream: Writable & { isTTY?: boolean; columns?: number },
  now: () => number = () => performance.now(),
): ProgressBar {
  if (stream.isTTY !== true) return { update() {}, finish() {} };
  const started = now();
  let drawn = false;
  let lastLine = '';
  const line = {
    clear() {
      if (drawn) stream.write('\r\u001b[K');
    },
    redraw() {
      if (drawn) stream.write(lastLine);
    },
  };
  return {
    update(done, total) {
      const elapsed = (now() - started) / 1000;
      const width = 24;
      const share = total !== undefined && total > 0 ? Math.min(1, done / total) : 0;
      const filled = Math.round(share * width);
      const bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
      const eta =
        total !== undefined && done > 0 && done < total
          ? ` ETA ${formatDuration(((total - done) * elapsed) / done)}`
          : '';
      const count =
        total === undefined ? `${done}` : `${done}/${total} (${Math.round(share * 100)}%)`;
      lastLine = `\r${label} ${bar} ${count} ${formatDuration(elapsed)}${eta}\u001b[K`;
      stream.write(lastLine);
      drawn = true;
      setActiveLine(line);
    },
    finish() {
      if (drawn) stream.write('\n');
      drawn = false;
      setActiveLine(undefined);
    },
  };
}

/** `75` → `1m15s`. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const m = Math.floor(s / 60);
  return m > 0 ? `${m}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}
