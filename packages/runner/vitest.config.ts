import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Child processes and simulators on a shared 2-core machine: generous, never a timing assertion.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // `pnpm typecheck` checks every file; here only the type tests count, so a sibling rebuilding
    // its dist at the same moment cannot fail this run.
    typecheck: { enabled: true, include: ['test/**/*.test-d.ts'], ignoreSourceErrors: true },
  },
});
