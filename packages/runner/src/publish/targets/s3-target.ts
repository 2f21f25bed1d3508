import { createHash } from 'node:crypto';
import { AwsClient } from 'aws4fetch';
import type { S3TargetConfig } from './schema.js';
import type { FeedUpload, PublishTarget } from './target.js';

/** Options of `S3Target`: the validated config plus credentials from the environment. */
export interface S3TargetOptions {
  readonly config: S3TargetConfig;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** Injected fetch (tests); bound late so interceptors installed afterwards still apply. */
  readonly fetch?: ((request: Request) => Promise<Response>) | undefined;
}

/**
 * S3-compatible object storage (AWS, R2, MinIO, …). A single PUT replaces an object atomically:
 * readers get the old object or the new one. The request is signed with SigV4 by `aws4fetch`
 * and sent with our own fetch, so there are no hidden retries: the outbox decides when to retry.
 */
export class S3Target implements PublishTarget {
  readonly kind = 's3';
  readonly name: string;
  readonly publicUrl: string;
  readonly #config: S3TargetConfig;
  readonly #client: AwsClient;
  readonly #fetch: ((request: Request) => Promise<Response>) | undefined;

  constructor(options: S3TargetOptions) {
    this.#config = options.config;
    this.name = options.config.name;
    this.#client = new AwsClient({
      accessKeyId: options.accessKeyId,
      secretAccessKey: options.secretAccessKey,
      service: 's3',
      region: options.config.region,
      retries: 0,
    });
    this.#fetch = options.fetch;
    this.publicUrl = options.config.publicUrl ?? s3ObjectUrl(options.config);
  }

  /** The object's URL at the API endpoint, in the configured addressing style. */
  get objectUrl(): string {
    return s3ObjectUrl(this.#config);
  }

  async upload(feed: FeedUpload, signal: AbortSignal): Promise<void> {
    const headers: Record<string, string> = {
      'content-type': 'application/xml; charset=utf-8',
      'cache-control': this.#config.cacheControl,
      // The server rejects a body that arrives damaged or cut short instead of storing it.
      'content-md5': createHash('md5').update(feed.bytes).digest('base64'),
    };
    if (this.#config.acl !== undefined) headers['x-amz-acl'] = this.#config.acl;
    const response = await this.#send('PUT', { headers, body: feed.bytes }, signal);
    if (!response.ok) throw new Error(await describeFailure('PUT', response));
    await response.body?.cancel();
  }

  async readBack(signal: AbortSignal): Promise<Uint8Array | undefined> {
    const response = await this.#send('GET', { headers: { 'cache-control': 'no-cache' } }, signal);
    if (response.status === 404) {
      await response.body?.cancel();
      return undefined;
    }
    if (!response.ok) throw new Error(await describeFailure('GET', response));
    return new Uint8Array(await response.arrayBuffer());
  }

  async #send(
    method: 'PUT' | 'GET',
    init: { headers: Record<string, string>; body?: Uint8Array },
    signal: AbortSignal,
  ): Promise<Response> {
    const request = await this.#client.sign(this.objectUrl, {
      method,
      headers: init.headers,
      ...(init.body === undefined ? {} : { body: init.body }),
      signal: AbortSignal.any([signal, AbortSignal.timeout(this.#config.timeoutMs)]),
    });
    const fetcher = this.#fetch ?? ((r: Request) => globalThis.fetch(r));
    return fetcher(request);
  }
}

/** "PUT 403 AccessDenied: …" from an S3 error response (the body is only shown, never trusted). */
async function describeFailure(method: string, response: Response): Promise<string> {
  const body = (await response.text().catch(() => '')).slice(0, 2000);
  const code = /<Code>([^<]{1,100})<\/Code>/.exec(body)?.[1];
  const message = /<Message>([^<]{1,300})<\/Message>/.exec(body)?.[1];
  const detail = [code, message].filter(Boolean).join(': ');
  return `${method} answered ${response.status}${detail === '' ? '' : ` ${detail}`}`;
}

/** The URL of the feed object at the S3 endpoint, path-style or virtual-host style. */
export function s3ObjectUrl(
  config: Pick<S3TargetConfig, 'endpoint' | 'bucket' | 'key' | 'style'>,
): string {
  const endpoint = new URL(config.endpoint);
  const key = config.key.split('/').map(encodeURIComponent).join('/');
  const base = endpoint.pathname.replace(/\/+$/, '');
  if (config.style === 'path') return `${endpoint.origin}${base}/${config.bucket}/${key}`;
  return `${endpoint.protocol}//${config.bucket}.${endpoint.host}${base}/${key}`;
}
