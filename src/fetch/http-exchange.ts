import { fetch as undiciFetch, type Dispatcher } from 'undici';
import { DomainError } from '../domain/errors.ts';
import { FetchTimeout, toFetchError } from './fetch-errors.ts';

/**
 * One HTTP request and its response, never following redirects: the caller
 * checks each hop before it is requested. The body is read only for 2xx
 * answers, chunk by chunk, and the request is torn down as soon as it passes
 * `maxBytes`, goes quiet for `idleTimeoutMs` or outlives `timeoutMs`.
 */
export interface Exchange {
  status: number;
  headers: Record<string, string>;
  body: Uint8Array;
  /** When the response headers arrived (ms since the epoch). */
  receivedAt: number;
}

export interface ExchangeOptions {
  dispatcher: Dispatcher;
  userAgent: string;
  accept: string;
  maxBytes: number;
  timeoutMs: number;
  idleTimeoutMs: number;
  now: () => number;
  signal?: AbortSignal | undefined;
}

const EMPTY = new Uint8Array(0);

const tooLarge = (url: string, maxBytes: number) =>
  new DomainError('too_large', `${url} is larger than ${maxBytes} bytes; raise LEAKLINE_FETCH_MAX_BYTES (or pass maxBytes) if it is worth keeping.`, {
    status: 502,
  });

function concat(chunks: Uint8Array[], length: number): Uint8Array {
  const out = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

export async function exchange(url: URL, o: ExchangeOptions): Promise<Exchange> {
  const controller = new AbortController();
  const total = setTimeout(() => controller.abort(new FetchTimeout('total', o.timeoutMs)), o.timeoutMs);
  let idle = setTimeout(() => controller.abort(new FetchTimeout('idle', o.idleTimeoutMs)), o.idleTimeoutMs);
  const touch = () => {
    clearTimeout(idle);
    idle = setTimeout(() => controller.abort(new FetchTimeout('idle', o.idleTimeoutMs)), o.idleTimeoutMs);
  };
  const onCallerAbort = () => controller.abort(o.signal!.reason);
  if (o.signal?.aborted) onCallerAbort();
  o.signal?.addEventListener('abort', onCallerAbort, { once: true });
  try {
    const response = await undiciFetch(url, {
      dispatcher: o.dispatcher,
      redirect: 'manual',
      headers: { 'user-agent': o.userAgent, accept: o.accept },
      signal: controller.signal,
    });
    touch();
    const receivedAt = o.now();
    const headers = Object.fromEntries(response.headers);
    if (response.status < 200 || response.status > 299 || !response.body) {
      // Redirects and errors: only the status and headers matter; drop the connection's remaining bytes.
      await response.body?.cancel().catch(() => undefined);
      return { status: response.status, headers, body: EMPTY, receivedAt };
    }
    const declared = Number(response.headers.get('content-length') ?? NaN);
    if (declared > o.maxBytes) {
      await response.body.cancel().catch(() => undefined);
      throw tooLarge(url.href, o.maxBytes);
    }
    const reader = response.body.getReader();
    const chunks: Uint8Array[] = [];
    let length = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      touch();
      length += value.byteLength;
      if (length > o.maxBytes) {
        await reader.cancel().catch(() => undefined);
        throw tooLarge(url.href, o.maxBytes);
      }
      chunks.push(value);
    }
    return { status: response.status, headers, body: concat(chunks, length), receivedAt };
  } catch (error) {
    // The caller's own abort is not a fetch failure: hand back its reason untouched.
    if (o.signal?.aborted && controller.signal.reason === o.signal.reason) throw o.signal.reason;
    throw toFetchError(controller.signal.aborted ? new Error('aborted', { cause: controller.signal.reason }) : error, url.href);
  } finally {
    clearTimeout(total);
    clearTimeout(idle);
    o.signal?.removeEventListener('abort', onCallerAbort);
  }
}
