import type { Clock } from './clock.ts';

/**
 * Politeness per host: at most `concurrency` requests in flight to one host,
 * and request starts at least `delayMs` apart. Waiters are served in arrival
 * order; an aborted waiter leaves the queue without taking a turn.
 */
export interface HostGate {
  run<T>(host: string, task: () => Promise<T>, signal?: AbortSignal): Promise<T>;
}

interface HostState {
  active: number;
  waiting: Array<() => void>;
  /** Earliest time the next request to this host may start. */
  nextStart: number;
}

// Idle hosts are forgotten once the map grows past this, so a long crawl does not keep every host it saw.
const PRUNE_ABOVE = 1024;

export function createHostGate(options: { concurrency: number; delayMs: number; clock: Clock }): HostGate {
  const { concurrency, delayMs, clock } = options;
  const hosts = new Map<string, HostState>();

  function stateOf(host: string): HostState {
    let state = hosts.get(host);
    if (!state) {
      if (hosts.size >= PRUNE_ABOVE) {
        const now = clock.now();
        for (const [h, s] of hosts) if (s.active === 0 && s.waiting.length === 0 && s.nextStart <= now) hosts.delete(h);
      }
      state = { active: 0, waiting: [], nextStart: 0 };
      hosts.set(host, state);
    }
    return state;
  }

  function takeSlot(state: HostState, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (state.active < concurrency && state.waiting.length === 0) {
      state.active++;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const grant = () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      const onAbort = () => {
        const i = state.waiting.indexOf(grant);
        if (i >= 0) state.waiting.splice(i, 1);
        reject(signal!.reason);
      };
      state.waiting.push(grant);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  function release(state: HostState): void {
    const next = state.waiting.shift();
    // The slot passes straight to the next waiter, so `active` stays the same.
    if (next) next();
    else state.active--;
  }

  return {
    async run(host, task, signal) {
      const state = stateOf(host.toLowerCase());
      await takeSlot(state, signal);
      try {
        // Start times are reserved in the order slots are granted, so they stay spaced even with concurrency > 1.
        const now = clock.now();
        const start = Math.max(now, state.nextStart);
        state.nextStart = start + delayMs;
        if (start > now) await clock.sleep(start - now, signal);
        return await task();
      } finally {
        release(state);
      }
    },
  };
}
