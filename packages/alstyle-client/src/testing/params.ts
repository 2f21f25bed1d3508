import type { SimRequest } from '@kaspi-connect/sim-kit';

/**
 * The query merged with the body's parameters. Submit parameters travel in the query in the
 * known-good integration; a form or JSON body is accepted too.
 */
export async function params<X>(req: SimRequest<X>): Promise<URLSearchParams> {
  const body = await req.text();
  const merged = new URLSearchParams(req.query);
  if (body === '') return merged;
  const type = req.headers.get('content-type') ?? '';
  if (type.includes('application/json')) {
    try {
      for (const [k, v] of Object.entries(JSON.parse(body) as Record<string, unknown>)) {
        if (!merged.has(k)) merged.set(k, typeof v === 'string' ? v : JSON.stringify(v));
      }
    } catch {
      /* ignored: validated by the route */
    }
  } else if (type.includes('application/x-www-form-urlencoded')) {
    for (const [k, v] of new URLSearchParams(body)) if (!merged.has(k)) merged.set(k, v);
  } else if (type.includes('multipart/form-data')) {
    merged.set('__multipart_bytes', String(body.length));
  }
  return merged;
}
