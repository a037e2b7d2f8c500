import type { z } from 'zod';
import { DomainError } from '../domain/errors.ts';

/** Validates one CLI flag with its schema, or fails with the flag's name and the rule. */
export function flag<T>(schema: z.ZodType<T>, value: unknown, name: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new DomainError('invalid_flag', `--${name}: ${parsed.error.issues[0]?.message ?? 'invalid value'}`);
  return parsed.data;
}

export const printJson = (value: unknown) => process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
