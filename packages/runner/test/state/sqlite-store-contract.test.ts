import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStateStore } from '../../src/state/sqlite-state-store.js';
import { describeStoreContract } from './store-contract.js';

describeStoreContract('SQLite', () => ({
  shops: false,
  async place() {
    return join(mkdtempSync(join(tmpdir(), 'kc-contract-')), 'state.db');
  },
  open(place) {
    return new SqliteStateStore(place);
  },
}));
