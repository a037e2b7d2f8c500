import { z } from 'zod';
import { DomainError } from '../domain/errors.ts';

/** A leak's short name, used in URLs and commands: `macron-2017`. */
export const slugSchema = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[a-z0-9][a-z0-9._-]*$/, 'use lower-case letters, digits and . _ - (e.g. macron-2017)');

export const isoDateSchema = z
  .string()
  .refine((v) => !Number.isNaN(Date.parse(v)), 'must be an ISO-8601 date and time, e.g. 2017-05-05T18:35:00Z')
  .transform((v) => new Date(v).toISOString());

export const httpUrlSchema = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });

export const ingestDumpPayload = z.object({
  leak: slugSchema,
  /** A folder or file the worker can read (shared storage when workers run elsewhere). */
  source: z.string().min(1),
  /** Display name of the dump (an upload is stored under its hash). */
  name: z.string().optional(),
  title: z.string().max(500).optional(),
  droppedAt: isoDateSchema.optional(),
  dropUrl: httpUrlSchema.optional(),
});

export const fetchPagePayload = z.object({
  url: httpUrlSchema,
  /** Links already followed to reach this page. */
  depth: z.number().int().min(0).default(0),
  /** How many links deep to follow from the first page (only into classified domains). */
  maxDepth: z.number().int().min(0).max(5).default(0),
  /** The page that linked here, if any. */
  from: z.string().optional(),
});

export const importPostsPayload = z.object({
  /** A post export the worker can read. */
  source: z.string().min(1),
  format: z.enum(['twitter-v2', 'ira-csv', 'telegram', 'reddit', 'bluesky', 'mastodon', 'jsonl']),
});

export const pollFeedPayload = z.object({ feedId: z.number().int().positive() });

export const buildTimelinePayload = z.object({ leakId: z.number().int().positive() });

export const deliverWebhookPayload = z.object({ webhookId: z.number().int().positive(), eventId: z.number().int().positive() });

/** Job names and their payloads: one place, parsed on the first line of every processor. */
export const payloadSchemas = {
  'ingest-dump': ingestDumpPayload,
  'fetch-page': fetchPagePayload,
  'import-posts': importPostsPayload,
  'poll-feed': pollFeedPayload,
  'build-timeline': buildTimelinePayload,
  'deliver-webhook': deliverWebhookPayload,
} as const;

export type JobName = keyof typeof payloadSchemas;
/** A payload as it is submitted (defaults may be left out). */
export type Payload<N extends JobName> = z.input<(typeof payloadSchemas)[N]>;
/** A payload as a processor receives it, parsed and with its defaults. */
export type ParsedPayload<N extends JobName> = z.output<(typeof payloadSchemas)[N]>;
export const jobNames = Object.keys(payloadSchemas) as JobName[];

export function parsePayload<N extends JobName>(name: N, data: unknown): ParsedPayload<N> {
  const parsed = payloadSchemas[name].safeParse(data);
  if (!parsed.success) {
    throw new DomainError('invalid_payload', `Job ${name} has an invalid payload: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return parsed.data as ParsedPayload<N>;
}

export const isJobName = (name: string): name is JobName => Object.hasOwn(payloadSchemas, name);
