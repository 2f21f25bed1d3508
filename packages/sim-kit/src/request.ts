/** A request body longer than the simulator takes (20 MiB). */
export class BodyTooLargeError extends Error {
  override name = 'BodyTooLargeError';
}

/** One request, as hooks and route handlers see it. */
export interface SimRequest<X = never> {
  readonly method: string;
  /** Path below the simulator's prefix, e.g. `/v2/orders/abc`. */
  readonly path: string;
  readonly url: URL;
  readonly query: URLSearchParams;
  readonly headers: Headers;
  /** A path parameter of the route (`:id`), decoded; `''` when there is none of that name. */
  param(name: string): string;
  /** The body (read once, at most 20 MiB, else {@link BodyTooLargeError}). */
  bytes(): Promise<Uint8Array>;
  /** The body as UTF-8 text. */
  text(): Promise<string>;
  /** The simulator's own fault matched for this request, if any. */
  readonly fault: X | undefined;
}

const MAX_BODY = 20 * 1024 * 1024;

/** Reads a body once, bounded, so the handler and the record see the same bytes. */
export function bodyReader(raw: Request): { read(): boolean; bytes(): Promise<Uint8Array> } {
  let bytes: Promise<Uint8Array> | undefined;
  const readAll = async () => {
    const chunks: Uint8Array[] = [];
    let size = 0;
    for await (const chunk of raw.body ?? []) {
      size += chunk.byteLength;
      if (size > MAX_BODY) throw new BodyTooLargeError(`request body over ${MAX_BODY} bytes`);
      chunks.push(chunk);
    }
    return Buffer.concat(chunks);
  };
  return { read: () => bytes !== undefined, bytes: () => (bytes ??= readAll()) };
}

/** A response with `body` as JSON (a string is sent as it is); `contentType` is the whole header. */
export function reply(
  status: number,
  body: unknown,
  contentType = 'application/json; charset=utf-8',
  headers: Readonly<Record<string, string>> = {},
): Response {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return new Response(status === 204 || status === 304 ? null : text, {
    status,
    headers: { 'content-type': contentType, ...headers },
  });
}

/** The HTML error page a proxy in front of an API answers. */
export const htmlPage = (status: number): Response =>
  reply(
    status,
    `<!DOCTYPE html><html><head><title>${status}</title></head><body><h1>Error ${status}</h1></body></html>`,
    'text/html; charset=utf-8',
  );
