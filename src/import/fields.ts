/**
 * Reading fields of untrusted JSON: each helper returns the value when it has
 * the expected shape and null otherwise, so the format modules stay short
 * and never throw on a record of the wrong shape.
 */
export type Json = Record<string, unknown>;

export const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The object at `value`, or an empty one. */
export const objectAt = (value: unknown): Json => (isObject(value) ? value : {});

export const arrayAt = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** A non-empty string. */
export const stringAt = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

/** An identifier: a non-empty string, or an integer (Telegram and old exports write ids as numbers). */
export function idAt(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() === '' ? null : value;
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  return null;
}

/** A finite number, or a string of one. */
export function numberAt(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim())) return Number(value);
  return null;
}

/** The named numeric fields of an object that are present, under their own names; undefined when none is. */
export function metricsFrom(source: unknown, names: readonly string[]): Record<string, number> | undefined {
  const object = objectAt(source);
  const metrics: Record<string, number> = {};
  for (const name of names) {
    const value = numberAt(object[name]);
    if (value !== null) metrics[name] = value;
  }
  return Object.keys(metrics).length > 0 ? metrics : undefined;
}

/**
 * A text field: absent or null is '' (a post with only media), a string is
 * itself, anything else is a reason to reject the record.
 */
export function textAt(value: unknown, field: string): { text: string } | { error: string } {
  if (value === undefined || value === null) return { text: '' };
  if (typeof value === 'string') return { text: value };
  return { error: `"${field}" is ${describeType(value)}, not text` };
}

export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
