// Holds the PostgreSQL state lease in a child process (the BUILT runner) until it is killed:
// the test SIGKILLs it and checks that the lease is free at once, long before it expires.
import { createPostgresStateStore } from '../../dist/postgres.js';

const [url, shop] = process.argv.slice(2);
const store = createPostgresStateStore({ url, shop });
// Another host's name, so only the session lock (not the dead-pid check) can free it.
const result = store.acquireLease({
  holder: 'child',
  pid: process.pid,
  host: 'other-host',
  ttlMs: 600_000,
});
process.stdout.write(result.ok ? 'held\n' : 'busy\n');
setInterval(() => {}, 1000);
