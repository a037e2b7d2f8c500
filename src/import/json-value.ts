import type { Token } from './json-tokens.ts';

export type ValueLimits = { maxChars: number; maxDepth: number };

/**
 * Assembles one JSON value from streamed tokens, like JSON.parse would, but
 * within limits: past `maxChars` of keys, strings and numbers, or past
 * `maxDepth` levels of nesting, it drops what it holds, notes why in
 * `failure`, and only follows the nesting until the value ends. Without
 * limits it only follows the nesting (a value being skipped).
 */
export class ValueBuilder {
  /** Why the value was given up, or null. */
  failure: string | null = null;
  value: unknown = undefined;
  private depth = 0;
  private building: boolean;
  private readonly stack: Array<{ container: Record<string, unknown> | unknown[]; key: string | null }> = [];
  private chunks: string[] = [];
  private chars = 0;

  constructor(private readonly limits: ValueLimits | null) {
    this.building = limits !== null;
  }

  /** Feeds the next token of the value; true once the value is complete. */
  push(token: Token): boolean {
    switch (token.name) {
      case 'startObject':
      case 'startArray':
        this.depth++;
        if (!this.building) return false;
        if (this.depth > this.limits!.maxDepth) return this.fail(`nested deeper than ${this.limits!.maxDepth} levels`);
        this.open(token.name === 'startObject' ? {} : []);
        return false;
      case 'endObject':
      case 'endArray':
        this.depth--;
        if (this.building) this.stack.pop();
        return this.depth === 0;
      case 'startKey':
      case 'startString':
      case 'startNumber':
        this.chunks = [];
        return false;
      case 'stringChunk':
      case 'numberChunk':
        if (!this.building) return false;
        this.chars += token.value.length;
        if (this.chars > this.limits!.maxChars) return this.fail(`larger than ${formatChars(this.limits!.maxChars)}`);
        this.chunks.push(token.value);
        return false;
      case 'endKey':
        if (this.building) this.stack.at(-1)!.key = this.chunks.join('');
        return false;
      case 'endString':
        return this.scalar(() => this.chunks.join(''));
      case 'endNumber':
        return this.scalar(() => Number(this.chunks.join('')));
      case 'nullValue':
      case 'trueValue':
      case 'falseValue':
        return this.scalar(() => token.value);
      default:
        return false;
    }
  }

  private scalar(make: () => unknown): boolean {
    if (this.building) this.attach(make());
    return this.depth === 0;
  }

  private open(container: Record<string, unknown> | unknown[]) {
    this.attach(container);
    this.stack.push({ container, key: null });
  }

  private attach(value: unknown) {
    this.chars += 8; // each value costs memory beyond its characters
    const parent = this.stack.at(-1);
    if (!parent) this.value = value;
    else if (Array.isArray(parent.container)) parent.container.push(value);
    // like JSON.parse, a "__proto__" key is an own property, never the prototype
    else if (parent.key === '__proto__') Object.defineProperty(parent.container, '__proto__', { value, enumerable: true, writable: true, configurable: true });
    else parent.container[parent.key ?? ''] = value;
  }

  private fail(reason: string): boolean {
    this.failure = reason;
    this.building = false;
    this.value = undefined;
    this.stack.length = 0;
    this.chunks = [];
    return false;
  }
}

export function formatChars(chars: number): string {
  if (chars >= 1024 * 1024) return `${Math.round((chars / 1024 / 1024) * 10) / 10} MiB`;
  if (chars >= 1024) return `${Math.round(chars / 1024)} KiB`;
  return `${chars} characters`;
}
