import { DomainError } from './errors.ts';

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * Milliseconds of a short duration: `30s`, `10m`, `1h`, `2d`.
 *
 * @example
 * parseDuration('10m'); // 600000
 */
export function parseDuration(value: string): number {
  const m = /^(\d+)\s*([smhd])$/.exec(value.trim());
  if (!m) throw new DomainError('invalid_duration', `"${value}" is not a duration: write 30s, 10m, 1h or 2d.`);
  const ms = Number(m[1]) * UNIT_MS[m[2]!]!;
  if (ms < 60_000) throw new DomainError('invalid_duration', `Polling more often than once a minute (${value}) is not polite: use 1m or more.`);
  return ms;
}
