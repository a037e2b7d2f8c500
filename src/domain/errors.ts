/**
 * The one error type the domain throws. `code` is stable (scripts and the API
 * rely on it), `message` says what happened and what to do next, and
 * `retryable` tells a job queue whether trying again can help.
 *
 * @example
 * throw new DomainError('leak_not_found', 'No leak "macron-2017": create it with `leakline ingest --leak macron-2017`.', { status: 404 });
 */
export class DomainError extends Error {
  readonly code: string;
  readonly retryable: boolean;
  /** HTTP status the API edge answers with. */
  readonly status: number;

  constructor(code: string, message: string, options: { retryable?: boolean; status?: number; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'DomainError';
    this.code = code;
    this.retryable = options.retryable ?? false;
    this.status = options.status ?? 400;
  }
}

export const isDomainError = (error: unknown): error is DomainError => error instanceof DomainError;

/** A short, single-line reason for an unknown thrown value, for recording on a document. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message.split('\n')[0]!.slice(0, 500);
  return String(error).slice(0, 500);
}
