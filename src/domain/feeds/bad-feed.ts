import { DomainError } from '../errors.ts';

/**
 * The error for a body that is no readable feed. It is not retryable:
 * fetching the same URL again gives the same bytes; the poller records it.
 *
 * @example
 * throw badFeed('The feed has no root element.');
 */
export const badFeed = (message: string, cause?: unknown): DomainError => new DomainError('bad_feed', message, { status: 422, cause });
