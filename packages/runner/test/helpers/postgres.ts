import { execFile, execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { chmod, chown, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll } from 'vitest';

const run = promisify(execFile);

/**
 * A throwaway PostgreSQL cluster for tests: Debian's `postgresql` package (`initdb` and `pg_ctl`)
 * on a temporary directory and a free port on 127.0.0.1, trust auth, no fsync. Nothing outside
 * the temporary directory is touched; `stop()` removes it.
 */
export interface PostgresCluster {
  /** `postgres://postgres@127.0.0.1:<port>/postgres`. */
  readonly url: string;
  readonly port: number;
  /** Creates a fresh database and returns its URL. */
  createDatabase(name: string): Promise<string>;
  stop(): Promise<void>;
}

/** The directory holding `initdb` and `pg_ctl`, or undefined when PostgreSQL is not installed. */
export function findPostgresBin(): string | undefined {
  const fromEnv = process.env.PG_BINDIR;
  const candidates: string[] = fromEnv === undefined ? [] : [fromEnv];
  try {
    candidates.push(execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim());
  } catch {
    // pg_config is in libpq-dev, often absent; the Debian layout below is the usual place.
  }
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a));
    candidates.push(...versions.map((version) => join(root, version, 'bin')));
  }
  return candidates.find(
    (dir) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl')),
  );
}

/**
 * Whether PostgreSQL tests run here. Missing PostgreSQL skips them on a developer's machine and
 * fails in CI (`CI` set), where `.ci/run` installs it.
 */
export function postgresSupport():
  | { available: true; bin: string }
  | { available: false; reason: string } {
  const bin = findPostgresBin();
  if (bin !== undefined) return { available: true, bin };
  const reason =
    'PostgreSQL not found (no initdb in pg_config --bindir, PG_BINDIR or /usr/lib/postgresql/*/bin): ' +
    'run "apt-get install -y postgresql" (.ci/run does) to run the PostgreSQL tests';
  if (process.env.CI !== undefined && process.env.CI !== '' && process.env.CI !== 'false') {
    throw new Error(`${reason}; in CI this is a failure, not a skip`);
  }
  return { available: false, reason };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

/** initdb and postgres refuse to run as root: run them as `nobody` then. */
function asServerUser(command: string, args: string[]): [string, string[]] {
  return isRoot() ? ['runuser', ['-u', 'nobody', '--', command, ...args]] : [command, args];
}

async function runServerCommand(command: string, args: string[]): Promise<void> {
  const [file, argv] = asServerUser(command, args);
  await run(file, argv, { timeout: 60_000 });
}

function nobodyIds(): { uid: number; gid: number } {
  const uid = Number(execFileSync('id', ['-u', 'nobody'], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', 'nobody'], { encoding: 'utf8' }).trim());
  return { uid, gid };
}

// Clusters still running when the process exits (a test timed out, afterAll never ran).
const running = new Set<{ bin: string; data: string; dir: string }>();
process.once('exit', () => {
  for (const cluster of running) {
    try {
      const [file, argv] = asServerUser(join(cluster.bin, 'pg_ctl'), [
        '-D',
        cluster.data,
        '-m',
        'immediate',
        'stop',
      ]);
      execFileSync(file, argv, { stdio: 'ignore', timeout: 10_000 });
    } catch {
      // Already gone.
    }
    rmSync(cluster.dir, { recursive: true, force: true });
  }
});

/**
 * A detached watcher stops the cluster and removes its directory once this process is gone,
 * however it ended (timeout, SIGKILL): no server outlives its test run.
 */
function reapWhenGone(bin: string, data: string, dir: string): void {
  const [file, argv] = asServerUser(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', 'stop']);
  const stop = [file, ...argv].map((arg) => `'${arg}'`).join(' ');
  const script = `while kill -0 ${process.pid} 2>/dev/null; do sleep 1; done; if [ -d '${data}' ]; then ${stop} >/dev/null 2>&1; rm -rf '${dir}'; fi`;
  spawn('sh', ['-c', script], { detached: true, stdio: 'ignore' }).unref();
}

/** Starts a throwaway cluster. Throws when PostgreSQL is missing (see `postgresSupport`). */
export async function startPostgres(): Promise<PostgresCluster> {
  const support = postgresSupport();
  if (!support.available) throw new Error(support.reason);
  const { bin } = support;
  const dir = await mkdtemp('/tmp/kc-pg-');
  const data = join(dir, 'data');
  const sockets = join(dir, 'sockets');
  const log = join(dir, 'server.log');
  await run('mkdir', ['-p', data, sockets]);
  if (isRoot()) {
    const { uid, gid } = nobodyIds();
    for (const path of [dir, data, sockets]) await chown(path, uid, gid);
  }
  await chmod(data, 0o700);
  await runServerCommand(join(bin, 'initdb'), [
    '-D',
    data,
    '-U',
    'postgres',
    '--auth=trust',
    '-E',
    'UTF8',
    '--locale=C',
    '--no-sync',
  ]);
  const port = await freePort();
  const options = [
    `-p ${port}`,
    '-c listen_addresses=127.0.0.1',
    `-k ${sockets}`,
    '-c fsync=off',
    '-c synchronous_commit=off',
    '-c full_page_writes=off',
    '-c max_connections=200',
  ].join(' ');
  const entry = { bin, data, dir };
  running.add(entry);
  try {
    await runServerCommand(join(bin, 'pg_ctl'), [
      '-D',
      data,
      '-l',
      log,
      '-o',
      options,
      '-w',
      '-t',
      '60',
      'start',
    ]);
  } catch (error) {
    running.delete(entry);
    const tail = await readFile(log, 'utf8').catch(() => '');
    await rm(dir, { recursive: true, force: true });
    throw new Error(
      `PostgreSQL did not start on port ${port}: ${String(error)}\n${tail.slice(-2000)}`,
    );
  }
  reapWhenGone(bin, data, dir);
  const base = `postgres://postgres@127.0.0.1:${port}`;
  return {
    url: `${base}/postgres`,
    port,
    async createDatabase(name) {
      await run(
        join(bin, 'createdb'),
        ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', name],
        {
          timeout: 60_000,
        },
      );
      return `${base}/${name}`;
    },
    async stop() {
      running.delete(entry);
      try {
        await runServerCommand(join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop']);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  };
}

/** The skip message printed once per file when PostgreSQL is missing outside CI. */
export function postgresSkipReason(): string | undefined {
  const support = postgresSupport();
  return support.available ? undefined : support.reason;
}

let counter = 0;

/**
 * Per test file: one cluster for the file (started in beforeAll, stopped in afterAll even when a
 * test failed) and a fresh database per call of `database()`. `KC_TEST_POSTGRES_URL` points the
 * tests at an existing server instead (its user must be allowed to create databases).
 *
 * Use with `describe.skipIf(postgresSkipReason() !== undefined)` so a missing PostgreSQL skips
 * outside CI and fails in CI.
 */
export function usePostgres(): {
  database(prefix?: string): Promise<string>;
  cluster(): PostgresCluster;
} {
  let cluster: PostgresCluster | undefined;
  const external = process.env.KC_TEST_POSTGRES_URL;
  beforeAll(async () => {
    if (external !== undefined && external !== '') return;
    if (postgresSkipReason() !== undefined) return;
    cluster = await startPostgres();
  }, 120_000);
  afterAll(async () => {
    await cluster?.stop();
    cluster = undefined;
  }, 60_000);
  return {
    async database(prefix = 'kc') {
      counter += 1;
      const name = `${prefix}_${process.pid}_${counter}`;
      if (external !== undefined && external !== '') return createOnExternal(external, name);
      if (cluster === undefined)
        throw new Error('usePostgres: the cluster is not running (beforeAll skipped or failed)');
      return cluster.createDatabase(name);
    },
    cluster() {
      if (cluster === undefined) throw new Error('usePostgres: the cluster is not running');
      return cluster;
    },
  };
}

async function createOnExternal(url: string, name: string): Promise<string> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
  const target = new URL(url);
  target.pathname = `/${name}`;
  return target.toString();
}
