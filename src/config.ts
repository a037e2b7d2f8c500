import { z } from 'zod';
import { fetchConfigShape } from './fetch/fetch-config.ts';

const MiB = 1024 * 1024;

const bytes = (fallback: number) => z.coerce.number().int().positive().default(fallback);

/** Every setting Leakline reads from the environment, parsed once by an entry. */
export const configSchema = z.object({
  DATABASE_URL: z
    .string()
    .min(1)
    .default('file:./data/leakline.db')
    .refine((v) => /^(file:|libsql:|https?:|wss?:|:memory:)/.test(v), {
      message: 'must be a file: path (file:./data/leakline.db) or a libSQL server URL (libsql://…, https://…)',
    }),
  DATABASE_AUTH_TOKEN: z.string().optional(),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must look like redis://host:6379 (or rediss:// for TLS)')
    .optional(),
  LEAKLINE_QUEUE_PREFIX: z.string().regex(/^[A-Za-z0-9_.:-]+$/, 'letters, digits and _ . : - only').default('leakline'),
  LEAKLINE_WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(2),
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  HOST: z.string().min(1).default('127.0.0.1'),
  LEAKLINE_UPLOAD_DIR: z.string().min(1).default('./data/uploads'),
  LEAKLINE_MAX_FILE_BYTES: bytes(64 * MiB),
  LEAKLINE_MAX_DUMP_BYTES: bytes(16 * 1024 * MiB),
  LEAKLINE_MAX_UPLOAD_BYTES: bytes(2 * 1024 * MiB),
  LEAKLINE_MAX_RATIO: z.coerce.number().positive().default(200),
  LEAKLINE_MAX_DEPTH: z.coerce.number().int().min(0).max(16).default(4),
  LEAKLINE_MAX_ENTRIES: z.coerce.number().int().positive().default(1_000_000),
  /** How often watched pages and feeds are polled unless a feed says otherwise. */
  LEAKLINE_POLL_EVERY: z.string().regex(/^\d+[smhd]$/, 'a duration such as 10m, 1h or 30s').default('15m'),
  /** Requests per second each API key may make on average, and at once. */
  LEAKLINE_RATE_PER_SECOND: z.coerce.number().positive().default(50),
  LEAKLINE_RATE_BURST: z.coerce.number().int().positive().default(200),
  ...fetchConfigShape,
});

export type Config = z.infer<typeof configSchema>;

/**
 * Parses the environment, or throws one error that names every bad variable.
 *
 * @example
 * const config = parseConfig(process.env);
 */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = configSchema.safeParse(cleaned);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
  throw new ConfigError(`Invalid configuration in the environment:\n${lines.join('\n')}`);
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export interface DumpLimits {
  maxFileBytes: number;
  maxDumpBytes: number;
  maxRatio: number;
  maxDepth: number;
  maxEntries: number;
}

export const dumpLimits = (config: Config): DumpLimits => ({
  maxFileBytes: config.LEAKLINE_MAX_FILE_BYTES,
  maxDumpBytes: config.LEAKLINE_MAX_DUMP_BYTES,
  maxRatio: config.LEAKLINE_MAX_RATIO,
  maxDepth: config.LEAKLINE_MAX_DEPTH,
  maxEntries: config.LEAKLINE_MAX_ENTRIES,
});
