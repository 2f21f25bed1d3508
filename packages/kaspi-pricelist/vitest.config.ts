import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    typecheck: { enabled: true, include: ['test/**/*.test-d.ts'] },
    // Property tests and the wasm XSD validator are CPU-bound; on a loaded 2-core machine they can
    // take several times longer than usual. Nothing here waits on time, so a generous limit is safe.
    testTimeout: 60_000,
  },
});
