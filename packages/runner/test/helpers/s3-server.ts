import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';

/** A real S3-compatible server (s3rver) on 127.0.0.1 with one bucket, storing in a temp dir. */
export interface LocalS3 {
  readonly url: string;
  readonly bucket: string;
  /** s3rver's default credentials. */
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** What the server itself holds for a key (anonymous GET straight to it), or undefined. */
  object(key: string): Promise<string | undefined>;
  close(): Promise<void>;
}

export async function startLocalS3(bucket = 'feeds'): Promise<LocalS3> {
  const directory = await mkdtemp(join(tmpdir(), 'kc-s3-'));
  const server = new S3rver({
    port: 0,
    address: '127.0.0.1',
    silent: true,
    directory,
    configureBuckets: [{ name: bucket }],
  });
  const address = (await server.run()) as AddressInfo;
  const url = `http://127.0.0.1:${address.port}`;
  return {
    url,
    bucket,
    accessKeyId: 'S3RVER',
    secretAccessKey: 'S3RVER',
    object: async (key) => {
      const response = await fetch(`${url}/${bucket}/${key}`);
      if (response.status === 404) return undefined;
      if (!response.ok) throw new Error(`local S3 answered ${response.status}`);
      return response.text();
    },
    close: async () => {
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
