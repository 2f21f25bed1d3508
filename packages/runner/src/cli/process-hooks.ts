/**
 * `kaspi-connect validate … | head` closes the pipe early: that is the reader being done, not
 * an error, so the process ends quietly instead of dying on an unhandled EPIPE.
 */
export function quietOnBrokenPipe(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE')
        process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
      throw error;
    });
  }
}
