import { DomainError, isDomainError } from '../domain/errors.ts';

/**
 * Turns what undici throws into DomainErrors with a stable code. undici wraps
 * the real failure (our own guard's refusal included) in `TypeError: fetch
 * failed`, so the cause chain is searched.
 */

/** The reason the fetcher aborts a request with when one of its own timers fires. */
export class FetchTimeout extends Error {
  constructor(
    readonly kind: 'total' | 'idle',
    readonly ms: number,
  ) {
    super(kind === 'total' ? `no complete response within ${ms} ms` : `nothing received for ${ms} ms`);
    this.name = 'FetchTimeout';
  }
}

// The connection broke under a request: a new connection often succeeds.
const RESET_CODES = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED']);
const TIMEOUT_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ETIMEDOUT']);

function* causes(error: unknown): Generator<unknown> {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current !== undefined && current !== null && !seen.has(current)) {
    seen.add(current);
    yield current;
    if (current instanceof AggregateError) yield* current.errors.flatMap((e) => [...causes(e)]);
    current = (current as { cause?: unknown }).cause;
  }
}

export const timeoutError = (url: string, timeout: FetchTimeout, cause?: unknown) =>
  new DomainError(
    'timeout',
    `${url}: ${timeout.message}; try again later${timeout.kind === 'total' ? ', or raise LEAKLINE_FETCH_TIMEOUT_MS for slow sites' : ''}.`,
    { retryable: true, status: 504, cause },
  );

/**
 * @example
 * toFetchError(new TypeError('fetch failed', { cause: resetError }), 'https://example.org/') // code 'connection_reset'
 */
export function toFetchError(error: unknown, url: string): DomainError {
  if (isDomainError(error)) return error;
  for (const cause of causes(error)) {
    if (isDomainError(cause)) return cause;
    if (cause instanceof FetchTimeout) return timeoutError(url, cause, error);
  }
  for (const cause of causes(error)) {
    const code = (cause as { code?: unknown }).code;
    if (typeof code !== 'string') continue;
    if (RESET_CODES.has(code)) {
      return new DomainError('connection_reset', `${url}: the connection was reset (${code}); try again later.`, { retryable: true, status: 502, cause: error });
    }
    if (TIMEOUT_CODES.has(code)) {
      return new DomainError('timeout', `${url}: timed out (${code}); try again later.`, { retryable: true, status: 504, cause: error });
    }
  }
  const detail = [...causes(error)].map((c) => (c instanceof Error ? c.message : String(c))).join(': ');
  return new DomainError('network_error', `${url}: ${detail || 'network error'}; check the address, or try again later.`, {
    retryable: true,
    status: 502,
    cause: error,
  });
}
