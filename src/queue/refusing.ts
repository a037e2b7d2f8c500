import { DomainError } from '../domain/errors.ts';
import type { Enqueuer } from './enqueuer.ts';

/** For runtimes that cannot run or queue jobs (Cloudflare Workers): every enqueue is refused with the reason. */
export function createRefusingEnqueuer(reason: string): Enqueuer {
  return {
    mode: 'refusing',
    async enqueue() {
      throw new DomainError('jobs_unavailable', reason, { status: 503 });
    },
    async schedule() {
      throw new DomainError('jobs_unavailable', reason, { status: 503 });
    },
    async unschedule() {},
    async close() {},
  };
}
