import robotsParser from 'robots-parser';
import { DomainError } from '../domain/errors.ts';
import type { Clock } from './clock.ts';

/**
 * robots.txt, fetched once per origin and kept for a day, read as RFC 9309
 * says: a 4xx means no rules; a 5xx, 429 or network failure means "do not
 * crawl yet", and is not cached, so a later fetch asks again.
 */
export interface RobotsGate {
  /** Resolves when `url` may be fetched; throws `robots_disallowed` or `robots_unreachable` otherwise. */
  check(url: URL, signal?: AbortSignal): Promise<void>;
}

/** Fetches a robots.txt through the guarded path; throws DomainErrors like any fetch. */
export type RobotsLoader = (robotsUrl: URL) => Promise<{ status: number; body: Uint8Array }>;

type Rules = ReturnType<typeof robotsParser> | null;

const DAY_MS = 24 * 60 * 60 * 1000;
const MAX_ORIGINS = 10_000;

/** The product token robots.txt groups are matched against: `Leakline` for `Leakline/0.1 (+…)`. */
export const robotsToken = (userAgent: string): string => userAgent.trim().split(/[/\s]/)[0] || userAgent;

function raceAbort<T>(promise: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

export function createRobotsGate(deps: { load: RobotsLoader; userAgent: string; clock: Clock; ttlMs?: number }): RobotsGate {
  const token = robotsToken(deps.userAgent);
  const ttlMs = deps.ttlMs ?? DAY_MS;
  const cache = new Map<string, { expires: number; rules: Promise<Rules> }>();

  const unreachable = (robotsUrl: URL, status: number) =>
    new DomainError('robots_unreachable', `${robotsUrl.href} answered HTTP ${status}, so the site may not be crawled yet; try again later.`, {
      retryable: true,
      status: 503,
    });

  async function loadRules(robotsUrl: URL): Promise<Rules> {
    let answer: { status: number; body: Uint8Array };
    try {
      answer = await deps.load(robotsUrl);
    } catch (error) {
      // Lasting failures of robots.txt alone (refused by the guard, too many redirects, too large) mean "no robots.txt".
      // Anything else (timeouts, refused connections) would fail the page too: report it as it is.
      if (error instanceof DomainError && !error.retryable && error.code !== 'dns_failed') return null;
      throw error;
    }
    if (answer.status === 429 || answer.status >= 500) throw unreachable(robotsUrl, answer.status);
    if (answer.status >= 400) return null;
    return robotsParser(robotsUrl.href, new TextDecoder('utf-8').decode(answer.body));
  }

  function rulesFor(origin: string): Promise<Rules> {
    const now = deps.clock.now();
    const cached = cache.get(origin);
    if (cached && cached.expires > now) return cached.rules;
    if (cache.size >= MAX_ORIGINS) cache.delete(cache.keys().next().value!);
    const robotsUrl = new URL('/robots.txt', origin);
    const rules = loadRules(robotsUrl);
    cache.set(origin, { expires: now + ttlMs, rules });
    rules.catch(() => cache.delete(origin));
    return rules;
  }

  return {
    async check(url, signal) {
      // Not tied to one caller's signal: other requests to the origin share the same load.
      const rules = await raceAbort(rulesFor(url.origin), signal);
      if (rules && rules.isAllowed(url.href, token) === false) {
        throw new DomainError(
          'robots_disallowed',
          `${url.href} is disallowed for ${token} by ${url.origin}/robots.txt; set LEAKLINE_FETCH_ROBOTS=false only if you have the site's permission.`,
          { status: 403 },
        );
      }
    },
  };
}
