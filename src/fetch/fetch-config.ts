import { z } from 'zod';
import { isDomainError } from '../domain/errors.ts';
import type { HttpFetcherOptions } from './fetcher.ts';
import { parseAllowlist } from './ssrf-policy.ts';

// Pure module (zod and the SSRF policy only), so config.ts can merge it on Workers too.

/** Names the crawler, as site operators expect; deployments add their contact through LEAKLINE_FETCH_USER_AGENT. */
export const DEFAULT_USER_AGENT = 'Leakline/0.1 (leak-tracking research crawler; honours robots.txt)';

/**
 * The fetcher's environment variables, as a shape to spread into the
 * process's config schema: `z.object({ ...otherShape, ...fetchConfigShape })`.
 * Empty variables are dropped by parseConfig first, so defaults apply to them.
 */
export const fetchConfigShape = {
  /** Comma-separated host names, *.suffixes, addresses and CIDR ranges the fetcher may reach although they are not public. */
  LEAKLINE_FETCH_ALLOW: z
    .string()
    .default('')
    .superRefine((value, ctx) => {
      try {
        parseAllowlist(value);
      } catch (error) {
        // parseConfig already prefixes the variable's name.
        const message = isDomainError(error) ? error.message.replace(/^LEAKLINE_FETCH_ALLOW /, '') : String(error);
        ctx.addIssue({ code: 'custom', message });
      }
    }),
  LEAKLINE_FETCH_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(30_000),
  LEAKLINE_FETCH_MAX_BYTES: z.coerce.number().int().positive().default(32 * 1024 * 1024),
  LEAKLINE_FETCH_MAX_REDIRECTS: z.coerce.number().int().min(0).max(20).default(5),
  /** `true`/`false` (also 1/0, yes/no, on/off). */
  LEAKLINE_FETCH_ROBOTS: z.stringbool().default(true),
  LEAKLINE_FETCH_USER_AGENT: z
    .string()
    .trim()
    .min(1)
    .regex(/^[\x20-\x7e]+$/, 'printable ASCII only (it is sent as an HTTP header)')
    .default(DEFAULT_USER_AGENT),
  LEAKLINE_FETCH_HOST_CONCURRENCY: z.coerce.number().int().min(1).max(32).default(2),
  LEAKLINE_FETCH_HOST_DELAY_MS: z.coerce.number().int().min(0).max(600_000).default(1000),
};

export const fetchConfigSchema = z.object(fetchConfigShape);

export type FetchConfig = z.infer<typeof fetchConfigSchema>;

/** Retries after a 429, 5xx or reset connection; not an environment setting yet. */
const DEFAULT_RETRIES = 2;

/**
 * Fetcher options from parsed configuration; an entry adds `resolver` or
 * `clock` only in tests.
 *
 * @example
 * const fetcher = createHttpFetcher(fetcherOptionsFromEnv(parseConfig(process.env)));
 */
export function fetcherOptionsFromEnv(parsed: FetchConfig): HttpFetcherOptions {
  return {
    allowlist: parseAllowlist(parsed.LEAKLINE_FETCH_ALLOW),
    userAgent: parsed.LEAKLINE_FETCH_USER_AGENT,
    timeoutMs: parsed.LEAKLINE_FETCH_TIMEOUT_MS,
    maxBytes: parsed.LEAKLINE_FETCH_MAX_BYTES,
    maxRedirects: parsed.LEAKLINE_FETCH_MAX_REDIRECTS,
    robots: parsed.LEAKLINE_FETCH_ROBOTS,
    perHostConcurrency: parsed.LEAKLINE_FETCH_HOST_CONCURRENCY,
    perHostDelayMs: parsed.LEAKLINE_FETCH_HOST_DELAY_MS,
    retries: DEFAULT_RETRIES,
  };
}
