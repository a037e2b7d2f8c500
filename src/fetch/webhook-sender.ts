import { Agent, fetch as undiciFetch } from 'undici';
import { DomainError } from '../domain/errors.ts';
import { createGuardedLookup, type Resolver } from './guarded-lookup.ts';
import { checkUrl, type Allowlist } from './ssrf-policy.ts';

export interface WebhookSender {
  /** POSTs a JSON body; resolves with the status, throws a retryable error on 5xx, 429 or a network failure. */
  post(url: string, body: string, headers: Record<string, string>): Promise<number>;
  close(): Promise<void>;
}

/**
 * Delivers webhooks through the same guard as the crawler: the URL and every
 * address it resolves to are checked (a newsroom's internal endpoint must be
 * named in LEAKLINE_FETCH_ALLOW), and redirects are not followed.
 */
export function createWebhookSender(options: { allowlist: Allowlist; userAgent: string; timeoutMs: number; resolver?: Resolver }): WebhookSender {
  const agent = new Agent({ connect: { lookup: createGuardedLookup({ allowlist: options.allowlist, ...(options.resolver ? { resolver: options.resolver } : {}) }), timeout: options.timeoutMs } });
  return {
    async post(url, body, headers) {
      const decision = checkUrl(url, options.allowlist);
      if (!decision.allowed) throw new DomainError(decision.code, decision.reason);
      let status: number;
      try {
        const response = await undiciFetch(url, {
          method: 'POST',
          body,
          headers: { 'content-type': 'application/json', 'user-agent': options.userAgent, ...headers },
          redirect: 'manual',
          dispatcher: agent,
          signal: AbortSignal.timeout(options.timeoutMs),
        });
        status = response.status;
        await response.body?.cancel();
      } catch (error) {
        const cause = (error as { cause?: unknown }).cause;
        if (cause instanceof DomainError) throw cause;
        throw new DomainError('webhook_unreachable', `Could not deliver to ${url}: ${(error as Error).message}`, { retryable: true, status: 502 });
      }
      if (status === 429 || status >= 500) throw new DomainError('webhook_failed', `${url} answered ${status}; the delivery will be retried.`, { retryable: true, status: 502 });
      if (status >= 300) throw new DomainError('webhook_rejected', `${url} answered ${status}; fix the endpoint (redirects are not followed).`, { status: 502 });
      return status;
    },
    close: () => agent.close(),
  };
}
