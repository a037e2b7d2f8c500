import type { JobName, ParsedPayload, Payload } from './jobs.ts';

export interface EnqueueOptions {
  /** Derived from content (a dump's hash): the same work submitted twice is one job. */
  jobId: string;
  /** Run again even if a job with this id already finished. */
  force?: boolean;
  /**
   * Coalesce with a job of this id that is still waiting, but run again once
   * it has started or finished (a rebuild that must see what arrived since).
   */
  debounce?: boolean;
}

/**
 * Where work goes: BullMQ when Redis is configured, this process otherwise,
 * and nowhere on runtimes that cannot run jobs (Cloudflare Workers).
 */
export interface Enqueuer {
  readonly mode: 'in-process' | 'bullmq' | 'refusing';
  enqueue<N extends JobName>(name: N, payload: Payload<N>, options: EnqueueOptions): Promise<{ id: string; created: boolean }>;
  /** Runs a job every `everyMs` from now on (replacing a schedule of the same id), and once now. */
  schedule<N extends JobName>(scheduleId: string, name: N, payload: Payload<N>, everyMs: number): Promise<void>;
  unschedule(scheduleId: string): Promise<void>;
  close(): Promise<void>;
}

export interface JobContext {
  jobId: string;
  /** Reports progress; cheap to call often (writes are throttled). */
  progress(value: unknown): void;
}

export type Processor<N extends JobName> = (payload: ParsedPayload<N>, context: JobContext) => Promise<unknown>;

/** Enqueues follow-up work from inside a processor. */
export type Enqueue = Enqueuer['enqueue'];
export type Processors = { [N in JobName]: Processor<N> };
