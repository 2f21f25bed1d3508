// Longer text is more likely a proxy or error page than Al-Style's short "not found" message.
const MAX_MISS_LENGTH = 500;

/**
 * Whether a 200 body of `/api/element-info` is Al-Style's plain-text "no match" message. Without
 * this the transport would call it a malformed reply and retry it.
 */
export function isPlainTextMiss(text: string): boolean {
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
