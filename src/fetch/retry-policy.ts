/**
 * When another attempt can help: rate limiting (429) and server errors (5xx)
 * are often gone a moment later; other 4xx answers will not change.
 */
export const isRetryableStatus = (status: number): boolean => status === 429 || (status >= 500 && status <= 599);

const MAX_BACKOFF_MS = 30_000;

/**
 * Exponential backoff with jitter (half fixed, half random), so many
 * fetchers that failed together do not retry together.
 *
 * @example
 * backoffMs(2, 500) // between 1000 and 2000
 */
export function backoffMs(attempt: number, baseMs: number, random: () => number = Math.random): number {
  const full = Math.min(MAX_BACKOFF_MS, baseMs * 2 ** attempt);
  return Math.round(full / 2 + (random() * full) / 2);
}

/**
 * Milliseconds a `Retry-After` header asks to wait (delta seconds or an HTTP
 * date), or null when absent or unreadable.
 *
 * @example
 * parseRetryAfter('2', Date.now()) // 2000
 */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? null : Math.max(0, date - nowMs);
}
