import {
  closeSync,
  existsSync,
  fstatSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import ssh2, { type Connection, type SFTPWrapper } from 'ssh2';

const { Server, utils } = ssh2;
const { STATUS_CODE } = utils.sftp;

/** Faults of the SFTP server: `refuse` denies writes; `drop` cuts the connection after 32 KiB of
 * an upload; `blackhole` answers OK to writes and renames but stores nothing. */
export type SftpFault = 'none' | 'refuse' | 'drop' | 'blackhole';

/** A real SSH/SFTP server (ssh2's Server) on 127.0.0.1, serving a temp folder as `/`. */
export interface LocalSftp {
  readonly host: string;
  readonly port: number;
  readonly username: string;
  readonly password: string;
  /** The folder the server serves (its own record of what is stored). */
  readonly root: string;
  /** The server's host key fingerprint ("SHA256:…"). */
  readonly hostKeySha256: string;
  fault: SftpFault;
  readonly seen: Record<SftpFault, number>;
  close(): Promise<void>;
}

const DROP_AFTER_BYTES = 32 * 1024;

export async function startLocalSftp(): Promise<LocalSftp> {
  const root = mkdtempSync(join(tmpdir(), 'kc-sftp-'));
  const hostKey = utils.generateKeyPairSync('ed25519');
  const parsed = utils.parseKey(hostKey.private);
  if (parsed instanceof Error) throw parsed;
  const key = Array.isArray(parsed) ? parsed[0] : parsed;
  const { createHash } = await import('node:crypto');
  const hostKeySha256 = `SHA256:${createHash('sha256').update(key.getPublicSSH()).digest('base64').replace(/=+$/, '')}`;
  const state = {
    fault: 'none' as SftpFault,
    seen: { none: 0, refuse: 0, drop: 0, blackhole: 0 } as Record<SftpFault, number>,
  };
  const connections = new Set<Connection>();
  const server = new Server({ hostKeys: [hostKey.private] }, (client) => {
    connections.add(client);
    client.on('close', () => connections.delete(client));
    client.on('error', () => {});
    client.on('authentication', (ctx) => {
      if (ctx.method === 'password' && ctx.username === 'kaspi' && ctx.password === 'sftp-secret') {
        ctx.accept();
      } else ctx.reject(['password']);
    });
    client.on('ready', () => {
      client.on('session', (accept) => {
        accept().on('sftp', (acceptSftp) => serveSftp(acceptSftp(), client, root, state));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    host: '127.0.0.1',
    port,
    username: 'kaspi',
    password: 'sftp-secret',
    root,
    hostKeySha256,
    get fault() {
      return state.fault;
    },
    set fault(value: SftpFault) {
      state.fault = value;
    },
    seen: state.seen,
    close: async () => {
      for (const c of connections) c.end();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** An SFTP v3 file server over `root`, with strict v3 rename (never over an existing file). */
function serveSftp(
  sftp: SFTPWrapper,
  client: Connection,
  root: string,
  state: { fault: SftpFault; seen: Record<SftpFault, number> },
): void {
  const files = new Map<number, { fd: number; written: number; writing: boolean }>();
  const dirs = new Map<number, { path: string; done: boolean }>();
  let next = 1;
  const local = (path: string) => join(root, posix.normalize(`/${path}`));
  const handleOf = (id: number) => {
    const buffer = Buffer.alloc(4);
    buffer.writeUInt32BE(id);
    return buffer;
  };
  const idOf = (handle: Buffer) => (handle.length === 4 ? handle.readUInt32BE(0) : -1);
  const fail = (reqid: number, code = STATUS_CODE.FAILURE) => sftp.status(reqid, code);
  const attrsOf = (path: string) => {
    const s = statSync(path);
    return {
      mode: s.mode,
      uid: 0,
      gid: 0,
      size: s.size,
      atime: s.atimeMs / 1000,
      mtime: s.mtimeMs / 1000,
    };
  };

  sftp.on('REALPATH', (reqid, path) => {
    const normal = posix.normalize(`/${path}`);
    sftp.name(reqid, [{ filename: normal, longname: normal, attrs: {} as never }]);
  });
  sftp.on('OPEN', (reqid, filename, flags) => {
    const mode = utils.sftp.flagsToString(flags) ?? 'r';
    const writing = mode !== 'r';
    if (writing) {
      state.seen[state.fault]++;
      if (state.fault === 'refuse') return fail(reqid, STATUS_CODE.PERMISSION_DENIED);
    }
    try {
      const id = next++;
      files.set(id, { fd: openSync(local(filename), mode), written: 0, writing });
      sftp.handle(reqid, handleOf(id));
    } catch {
      fail(reqid, STATUS_CODE.NO_SUCH_FILE);
    }
  });
  sftp.on('WRITE', (reqid, handle, offset, data) => {
    const file = files.get(idOf(handle));
    if (file === undefined) return fail(reqid);
    if (state.fault === 'blackhole') return sftp.status(reqid, STATUS_CODE.OK);
    writeSync(file.fd, data, 0, data.length, offset);
    file.written += data.length;
    if (state.fault === 'drop' && file.written >= DROP_AFTER_BYTES) {
      client.end();
      return;
    }
    sftp.status(reqid, STATUS_CODE.OK);
  });
  sftp.on('READ', (reqid, handle, offset, length) => {
    const file = files.get(idOf(handle));
    if (file === undefined) return fail(reqid);
    const buffer = Buffer.alloc(length);
    const read = readSync(file.fd, buffer, 0, length, offset);
    if (read === 0) return sftp.status(reqid, STATUS_CODE.EOF);
    sftp.data(reqid, buffer.subarray(0, read));
  });
  sftp.on('FSTAT', (reqid, handle) => {
    const file = files.get(idOf(handle));
    if (file === undefined) return fail(reqid);
    const s = fstatSync(file.fd);
    sftp.attrs(reqid, { mode: s.mode, uid: 0, gid: 0, size: s.size, atime: 0, mtime: 0 });
  });
  sftp.on('CLOSE', (reqid, handle) => {
    const id = idOf(handle);
    const file = files.get(id);
    if (file !== undefined) closeSync(file.fd);
    files.delete(id);
    dirs.delete(id);
    sftp.status(reqid, STATUS_CODE.OK);
  });
  const stat = (reqid: number, path: string) => {
    if (!existsSync(local(path))) return fail(reqid, STATUS_CODE.NO_SUCH_FILE);
    sftp.attrs(reqid, attrsOf(local(path)));
  };
  sftp.on('STAT', stat);
  sftp.on('LSTAT', stat);
  sftp.on('SETSTAT', (reqid) => sftp.status(reqid, STATUS_CODE.OK));
  sftp.on('FSETSTAT', (reqid) => sftp.status(reqid, STATUS_CODE.OK));
  sftp.on('MKDIR', (reqid, path) => {
    mkdirSync(local(path), { recursive: true });
    sftp.status(reqid, STATUS_CODE.OK);
  });
  sftp.on('REMOVE', (reqid, path) => {
    if (state.fault === 'blackhole') return sftp.status(reqid, STATUS_CODE.OK);
    if (!existsSync(local(path))) return fail(reqid, STATUS_CODE.NO_SUCH_FILE);
    rmSync(local(path));
    sftp.status(reqid, STATUS_CODE.OK);
  });
  sftp.on('RENAME', (reqid, from, to) => {
    if (state.fault === 'blackhole') return sftp.status(reqid, STATUS_CODE.OK);
    // SFTP v3 (and OpenSSH without posix-rename) refuses to rename over an existing file.
    if (existsSync(local(to)) || !existsSync(local(from))) return fail(reqid);
    renameSync(local(from), local(to));
    sftp.status(reqid, STATUS_CODE.OK);
  });
  sftp.on('OPENDIR', (reqid, path) => {
    if (!existsSync(local(path))) return fail(reqid, STATUS_CODE.NO_SUCH_FILE);
    const id = next++;
    dirs.set(id, { path: local(path), done: false });
    sftp.handle(reqid, handleOf(id));
  });
  sftp.on('READDIR', (reqid, handle) => {
    const dir = dirs.get(idOf(handle));
    if (dir === undefined) return fail(reqid);
    if (dir.done) return sftp.status(reqid, STATUS_CODE.EOF);
    dir.done = true;
    const names = readdirSync(dir.path).map((name) => {
      const attrs = attrsOf(join(dir.path, name));
      const type = statSync(join(dir.path, name)).isDirectory() ? 'd' : '-';
      return {
        filename: name,
        longname: `${type}rw-r--r-- 1 0 0 ${attrs.size} Jan 1 00:00 ${name}`,
        attrs,
      };
    });
    if (names.length === 0) return sftp.status(reqid, STATUS_CODE.EOF);
    sftp.name(reqid, names);
  });
}
