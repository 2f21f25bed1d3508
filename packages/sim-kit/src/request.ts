/** A request body longer than the simulator's `maxBodyBytes`. */
export class BodyTooLargeError extends Error {
  override name = 'BodyTooLargeError';
}

/** One request, as a route handler sees it. */
export interface SimRequest<X = never> {
  readonly method: string;
  /** Path below the simulator's prefix, e.g. `/v2/orders/abc`. */
  readonly path: string;
  readonly url: URL;
  readonly query: URLSearchParams;
  readonly headers: Headers;
  /** A path parameter of the route (`:id`), decoded; `''` when the route has none of that name. */
  param(name: string): string;
  /** The body as bytes (at most `maxBodyBytes`, else {@link BodyTooLargeError}). */
  bytes(): Promise<Uint8Array>;
  /** The body as UTF-8 text. */
  text(): Promise<string>;
  /** The simulator's own fault matched for this request, if any. */
  readonly fault: X | undefined;
}

/** What the kit knows of a request before routing: everything but the path parameters. */
export interface RequestParts {
  readonly raw: Request;
  readonly url: URL;
  readonly path: string;
  readonly maxBodyBytes: number;
}

/** Reads the body once (bounded), so the handler and the record see the same bytes. */
export class BodyReader {
  #bytes: Promise<Uint8Array> | undefined;
  readonly #raw: Request;
  readonly #max: number;

  /** `max` bounds the bytes read. */
  constructor(raw: Request, max: number) {
    this.#raw = raw;
    this.#max = max;
  }

  /** Whether a handler asked for the body. */
  get read(): boolean {
    return this.#bytes !== undefined;
  }

  /** The body (read on first call). */
  bytes(): Promise<Uint8Array> {
    this.#bytes ??= readBounded(this.#raw, this.#max);
    return this.#bytes;
  }
}

async function readBounded(raw: Request, max: number): Promise<Uint8Array> {
  if (raw.body === null) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of raw.body) {
    size += chunk.byteLength;
    if (size > max) throw new BodyTooLargeError(`request body over ${max} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** Builds the handler's view of a request. */
export function simRequest<X>(
  parts: RequestParts,
  body: BodyReader,
  params: Readonly<Record<string, string>>,
  fault: X | undefined,
): SimRequest<X> {
  return {
    method: parts.raw.method.toUpperCase(),
    path: parts.path,
    url: parts.url,
    query: parts.url.searchParams,
    headers: parts.raw.headers,
    param: (name) => params[name] ?? '',
    bytes: () => body.bytes(),
    text: async () => new TextDecoder().decode(await body.bytes()),
    fault,
  };
}
