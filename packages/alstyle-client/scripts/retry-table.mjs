// Writes the README's retry table from src/endpoints.ts (through the build); `--check` fails on drift.
import { readFileSync, writeFileSync } from 'node:fs';
import { withRetryTable } from '@kaspi-connect/http-kit';
import { ENDPOINTS } from '../dist/index.js';

const README = new URL('../README.md', import.meta.url);
const current = readFileSync(README, 'utf8');
const fresh = withRetryTable(current, ENDPOINTS);
if (process.argv.includes('--check')) {
  if (fresh !== current) {
    console.error('README.md retry table is stale: run `node scripts/retry-table.mjs`.');
    process.exit(1);
  }
  console.log('README.md retry table matches src/endpoints.ts.');
} else if (fresh !== current) {
  writeFileSync(README, fresh);
  console.log('README.md retry table updated.');
}
