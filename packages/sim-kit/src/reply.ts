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
