import { defineConfig } from 'tsup';
import { tsupBase } from '../../tsup.base.js';

export default defineConfig({
  ...tsupBase,
  entry: {
    index: 'src/index.ts',
    cli: 'src/cli.ts',
    orders: 'src/orders/index.ts',
    postgres: 'src/postgres.ts',
    // Loaded by path (new Worker), next to the chunk of the PostgreSQL store.
    'postgres-worker': 'src/state/postgres/worker.ts',
  },
});
