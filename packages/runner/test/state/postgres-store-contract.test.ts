import { describe } from 'vitest';
import { createPostgresStateStore } from '../../src/state/postgres/store.js';
import { postgresSkipReason, usePostgres } from '../helpers/postgres.js';
import { describeStoreContract } from './store-contract.js';

const skip = postgresSkipReason();
if (skip !== undefined) console.warn(`skipping the PostgreSQL store contract: ${skip}`);

describe.skipIf(skip !== undefined)('PostgreSQL', () => {
  const postgres = usePostgres();
  describeStoreContract('PostgreSQL', () => ({
    shops: true,
    place: () => postgres.database('contract'),
    open: (url, shop) => createPostgresStateStore({ url, shop }),
  }));
});
