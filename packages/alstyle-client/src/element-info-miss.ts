type Fetch = (request: Request) => Promise<Response>;

// Longer text is more likely a proxy or error page than Al-Style's short "not found" message.
const MAX_MISS_LENGTH = 500;

function isPlainTextMiss(text: string): boolean {
  const t = text.trim();
  // Empty could be a cut-off reply and markup is an error page: leave both to the transport.
  if (t === '' || t.length > MAX_MISS_LENGTH || t.startsWith('<')) return false;
  try {
    JSON.parse(t);
    return false;
  } catch {
    return true;
  }
}

/**
 * Wraps `fetch` for `/api/element-info` only: a 200 answer in plain text is Al-Style's "no match"
 * message, so it is handed on as the JSON string the schema already reads as `[]`. Without this
 * the transport sees a non-JSON 200, calls it a malformed reply and retries it.
 */
export function plainTextMissAsJson(fetchImpl: Fetch): Fetch {
  return async (request) => {
    const response = await fetchImpl(request);
    if (response.status !== 200) return response;
    const text = await response.clone().text();
    if (!isPlainTextMiss(text)) return response;
    return new Response(JSON.stringify(text.trim()), {
      status: 200,
      headers: { 'content-type': 'application/json' },
    });
  };
}
