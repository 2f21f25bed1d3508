import { readFile } from 'node:fs/promises';
import { redactSecrets } from '../logging/redact.js';
import { publicUrlOf } from '../publish/targets/create-targets.js';
import type { TargetConfig } from '../publish/targets/schema.js';
import { sha256Hex } from '../publish/targets/target.js';

/** What `check-url` found at one target's public URL. */
export interface UrlCheck {
  readonly target: string;
  readonly url: string;
  /** `ok`: the URL serves the live feed byte for byte; `stale`: it serves another file. */
  readonly outcome: 'ok' | 'stale' | 'http-error' | 'unreachable';
  readonly httpStatus?: number | undefined;
  readonly contentType?: string | undefined;
  readonly bytes?: number | undefined;
  readonly detail: string;
}

/** Options of `checkTargetUrls`. */
export interface CheckUrlsOptions {
  /** The live feed file to compare with. */
  readonly livePath: string;
  readonly fetch?: ((request: Request) => Promise<Response>) | undefined;
  readonly signal?: AbortSignal | undefined;
  /** Per URL (default 30 s). */
  readonly timeoutMs?: number | undefined;
}

/**
 * Fetches each target's public URL the way Kaspi's automatic loading does (a plain GET without
 * credentials, following redirects) and compares the body with the live feed by SHA-256.
 */
export async function checkTargetUrls(
  targets: readonly TargetConfig[],
  options: CheckUrlsOptions,
): Promise<UrlCheck[]> {
  const live = await readFile(options.livePath).catch(() => undefined);
  if (live === undefined) {
    throw new Error(
      `no live feed at ${options.livePath}; run "kaspi-connect sync" first so there is something to compare with`,
    );
  }
  const liveHash = sha256Hex(live);
  const fetcher = options.fetch ?? ((request: Request) => globalThis.fetch(request));
  return Promise.all(
    targets.map(async (target): Promise<UrlCheck> => {
      const url = publicUrlOf(target);
      const base = { target: target.name, url };
      const signals = [AbortSignal.timeout(options.timeoutMs ?? 30_000)];
      if (options.signal !== undefined) signals.push(options.signal);
      let response: Response;
      try {
        response = await fetcher(
          new Request(url, {
            headers: { 'cache-control': 'no-cache' },
            signal: AbortSignal.any(signals),
          }),
        );
      } catch (error) {
        const cause = (error as { cause?: { code?: string } }).cause?.code;
        return {
          ...base,
          outcome: 'unreachable',
          detail: redactSecrets(
            `${(error as Error).message}${cause === undefined ? '' : ` (${cause})`}`,
          ),
        };
      }
      const contentType = response.headers.get('content-type') ?? undefined;
      if (!response.ok) {
        await response.body?.cancel();
        return {
          ...base,
          outcome: 'http-error',
          httpStatus: response.status,
          contentType,
          detail: `answered ${response.status}: Kaspi cannot load it`,
        };
      }
      const body = new Uint8Array(await response.arrayBuffer());
      const same = sha256Hex(body) === liveHash;
      return {
        ...base,
        outcome: same ? 'ok' : 'stale',
        httpStatus: response.status,
        contentType,
        bytes: body.byteLength,
        detail: same
          ? `serves the live feed (${body.byteLength} bytes)`
          : `serves a different file (${body.byteLength} bytes; the live feed has ${live.byteLength}): not yet published there, or a cache in between`,
      };
    }),
  );
}
