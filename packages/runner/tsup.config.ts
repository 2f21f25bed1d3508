import { defineConfig } from 'tsup';

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    cli: 'src/cli.ts',
    orders: 'src/orders/index.ts',
    postgres: 'src/postgres.ts',
    // Loaded by path (new Worker), next to the chunk of the PostgreSQL store.
    'postgres-worker': 'src/state/postgres/worker.ts',
  },
  format: ['esm'],
  target: 'node20',
  platform: 'node',
  dts: true,
  sourcemap: true,
  clean: true,
  splitting: true,
});
