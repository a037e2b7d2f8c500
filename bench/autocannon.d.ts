// autocannon ships no types: these declare only what bench/api.ts calls.

declare module 'autocannon' {
  import type { EventEmitter } from 'node:events';

  interface Options {
    url: string;
    method?: 'GET' | 'POST';
    headers?: Record<string, string>;
    body?: string;
    connections?: number;
    pipelining?: number;
    /** Seconds. */
    duration?: number;
    /** Stop after this many requests in all, whatever the duration. */
    maxOverallRequests?: number;
    /** Seconds before a request counts as timed out. */
    timeout?: number;
    /** Stop after this many errors. */
    bailout?: number;
    /** Called with each connection's client as it is made (its fields are internals, not API). */
    setupClient?: (client: { pipelinedRequests: { addBody(data: Uint8Array): void } }) => void;
  }

  interface Histogram {
    average: number;
    mean: number;
    stddev: number;
    min: number;
    max: number;
    p50: number;
    p90: number;
    p99: number;
    /** For `requests`: the completed requests; for `throughput`: the bytes. */
    total: number;
  }

  interface Result {
    duration: number;
    errors: number;
    timeouts: number;
    non2xx: number;
    requests: Histogram;
    latency: Histogram;
    throughput: Histogram;
  }

  interface Instance extends EventEmitter, PromiseLike<Result> {
    stop(): void;
  }

  export default function autocannon(options: Options): Instance;
}
