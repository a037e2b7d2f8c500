import { Agent } from 'undici';
import { DomainError } from '../domain/errors.ts';
import { systemClock, type Clock } from './clock.ts';
import { parseContentType } from './content-type.ts';
import { toFetchError } from './fetch-errors.ts';
import { createGuardedLookup, type Resolver } from './guarded-lookup.ts';
import { createHostGate } from './host-gate.ts';
import { exchange, type Exchange } from './http-exchange.ts';
import { backoffMs, isRetryableStatus, parseRetryAfter } from './retry-policy.ts';
import { createRobotsGate } from './robots-gate.ts';
import { checkUrl, type Allowlist } from './ssrf-policy.ts';

export interface FetchOptions {
  /** The Accept header; `*\/*` when absent. */
  accept?: string;
  /** Overrides the fetcher's size cap for this request. */
  maxBytes?: number;
  signal?: AbortSignal;
}

export interface FetchResult {
  /** The final URL, after redirects. */
  url: string;
  status: number;
  /** Lower-case names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  contentType: string | null;
  /** From the Content-Type header only; a `<meta charset>` in the body is the caller's to read. */
  charset: string | null;
  /** Decoded (gzip, deflate and br are undone), at most maxBytes long. */
  body: Uint8Array;
  /** Every URL that answered with a redirect, in order; empty when the first answered directly. */
  redirects: string[];
  fetchedAt: string;
}

/** Fetches public web pages; the real one guards against SSRF, tests may serve fixtures. */
export interface Fetcher {
  fetch(url: string, options?: FetchOptions): Promise<FetchResult>;
}

export interface HttpFetcher extends Fetcher {
  /** Closes pooled connections; the fetcher cannot be used afterwards. */
  close(): Promise<void>;
}

export interface HttpFetcherOptions {
  allowlist: Allowlist;
  userAgent: string;
  /** Deadline for one request (connect, headers and whole body); each retry and redirect gets its own. */
  timeoutMs: number;
  /** Longest silence while waiting for headers or body bytes; default min(timeoutMs, 20 s). */
  idleTimeoutMs?: number;
  maxBytes: number;
  maxRedirects: number;
  robots: boolean;
  perHostConcurrency: number;
  perHostDelayMs: number;
  /** Further attempts after a 429, a 5xx or a reset connection. */
  retries: number;
  /** First backoff step; doubles per attempt. Default 1000 ms. */
  retryBaseMs?: number;
  /** A Retry-After longer than this fails now (retryable) instead of holding the caller. Default 60 s. */
  maxRetryWaitMs?: number;
  resolver?: Resolver;
  clock?: Clock;
}

export { DEFAULT_USER_AGENT } from './fetch-config.ts';

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const ROBOTS_MAX_BYTES = 512 * 1024; // RFC 9309 asks crawlers to read at least 500 KiB
const ROBOTS_MAX_REDIRECTS = 5; // as RFC 9309 suggests

function guard(url: string | URL, allowlist: Allowlist): { url: URL; host: string } {
  const decision = checkUrl(url, allowlist);
  if (!decision.allowed) {
    const status = decision.code === 'bad_url' ? 400 : 403;
    throw new DomainError(decision.code, `Refused to fetch ${String(url).slice(0, 300)}: ${decision.reason}.`, { status });
  }
  return { url: decision.url, host: decision.host };
}

/**
 * The real Fetcher: undici with a DNS guard on every connection, manual
 * redirects re-checked hop by hop, size and time caps, retries for transient
 * failures, robots.txt and per-host politeness.
 *
 * @example
 * const fetcher = createHttpFetcher(fetcherOptionsFromEnv(config));
 * const page = await fetcher.fetch('https://example.org/leak');
 */
export function createHttpFetcher(options: HttpFetcherOptions): HttpFetcher {
  const clock = options.clock ?? systemClock;
  const idleTimeoutMs = options.idleTimeoutMs ?? Math.min(options.timeoutMs, 20_000);
  const retryBaseMs = options.retryBaseMs ?? 1000;
  const maxRetryWaitMs = options.maxRetryWaitMs ?? 60_000;
  const lookup = createGuardedLookup({ allowlist: options.allowlist, resolver: options.resolver });
  const agent = new Agent({
    connect: { lookup, timeout: Math.min(options.timeoutMs, 15_000) },
    // Our own timers give the clearer error; these only stop undici's 300 s defaults from outliving them.
    headersTimeout: options.timeoutMs + 1000,
    bodyTimeout: idleTimeoutMs + 1000,
  });
  const gate = createHostGate({ concurrency: options.perHostConcurrency, delayMs: options.perHostDelayMs, clock });
  // robots.txt goes through the same guarded, polite path as any page.
  const robots = createRobotsGate({
    userAgent: options.userAgent,
    clock,
    load: async (robotsUrl) => {
      const { answer } = await follow(robotsUrl, { accept: 'text/plain', maxBytes: ROBOTS_MAX_BYTES, maxRedirects: ROBOTS_MAX_REDIRECTS, robots: false });
      return { status: answer.status, body: answer.body };
    },
  });

  /** One hop with retries: 429 and 5xx answers and reset connections only. */
  async function attempt(url: URL, host: string, accept: string, maxBytes: number, signal?: AbortSignal): Promise<Exchange> {
    for (let tries = 0; ; tries++) {
      let answer: Exchange;
      try {
        const request = { dispatcher: agent, userAgent: options.userAgent, accept, maxBytes, timeoutMs: options.timeoutMs, idleTimeoutMs, signal };
        answer = await gate.run(host, () => exchange(url, { ...request, now: () => clock.now() }), signal);
      } catch (error) {
        const failure = signal?.aborted ? error : toFetchError(error, url.href);
        if (failure instanceof DomainError && failure.code === 'connection_reset' && tries < options.retries) {
          await clock.sleep(backoffMs(tries, retryBaseMs), signal);
          continue;
        }
        throw failure;
      }
      if (!isRetryableStatus(answer.status) || tries >= options.retries) return answer;
      const asked = parseRetryAfter(answer.headers['retry-after'], clock.now());
      if (asked !== null && asked > maxRetryWaitMs) return answer; // reported as a retryable http_status by the caller
      await clock.sleep(asked ?? backoffMs(tries, retryBaseMs), signal);
    }
  }

  /** Follows redirects, checking every hop; returns the final answer whatever its status. */
  async function follow(start: string | URL, o: { accept: string; maxBytes: number; maxRedirects: number; robots: boolean; signal?: AbortSignal }) {
    let hop = guard(start, options.allowlist);
    const redirects: string[] = [];
    for (;;) {
      if (o.robots) await robots.check(hop.url, o.signal);
      const answer = await attempt(hop.url, hop.host, o.accept, o.maxBytes, o.signal);
      const location = answer.headers.location;
      if (!REDIRECT_STATUSES.has(answer.status) || !location) return { url: hop.url, answer, redirects };
      redirects.push(hop.url.href);
      if (redirects.length > o.maxRedirects) {
        const message = `${String(start)} redirected more than ${o.maxRedirects} times (last to ${location}); fetch the final URL directly if it is right.`;
        throw new DomainError('too_many_redirects', message, { status: 502 });
      }
      let next: URL;
      try {
        next = new URL(location, hop.url);
      } catch {
        throw new DomainError('bad_url', `${hop.url.href} redirected to "${location.slice(0, 300)}", which is not a URL.`, { status: 502 });
      }
      hop = guard(next, options.allowlist);
    }
  }

  return {
    async fetch(url, fetchOptions = {}) {
      const accept = fetchOptions.accept ?? '*/*';
      const maxBytes = fetchOptions.maxBytes ?? options.maxBytes;
      const { url: finalUrl, answer, redirects } = await follow(url, {
        accept,
        maxBytes,
        maxRedirects: options.maxRedirects,
        robots: options.robots,
        signal: fetchOptions.signal,
      });
      if (answer.status < 200 || answer.status > 299) {
        const retryable = isRetryableStatus(answer.status);
        const wait = answer.headers['retry-after'] ? ` (Retry-After: ${answer.headers['retry-after']})` : '';
        const next = retryable ? `; try again later${wait}` : '; the page is missing or refused, so retrying will not help';
        throw new DomainError('http_status', `${finalUrl.href} answered HTTP ${answer.status}${next}.`, { retryable, status: 502 });
      }
      const { contentType, charset } = parseContentType(answer.headers['content-type']);
      const fetchedAt = new Date(answer.receivedAt).toISOString();
      return { url: finalUrl.href, status: answer.status, headers: answer.headers, contentType, charset, body: answer.body, redirects, fetchedAt };
    },
    close: () => agent.close(),
  };
}
