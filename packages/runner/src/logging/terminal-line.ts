import { Writable } from 'node:stream';

/** A line that redraws itself (the progress bar) while log lines are printed above it. */
export interface RedrawableLine {
  /** Erases the line, so a log line starts at column 0. */
  clear(): void;
  /** Draws the line again below the log line just printed. */
  redraw(): void;
}

let active: RedrawableLine | undefined;

/** The progress bar registers itself while it is on screen, and `undefined` when it is done. */
export function setActiveLine(line: RedrawableLine | undefined): void {
  active = line;
}

/**
 * Wraps the terminal stream of readable logs: each log line clears the progress bar first and
 * redraws it after, so the two never share a line.
 */
export function aroundActiveLine(destination: NodeJS.WritableStream): Writable {
  return new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      active?.clear();
      destination.write(chunk);
      active?.redraw();
      callback();
    },
  });
}
