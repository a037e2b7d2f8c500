/**
 * Per-key token buckets: each key may make `burst` requests at once and
 * `perSecond` on average. In memory, per process: a deployment with several
 * API processes multiplies the limit by their number.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(readonly perSecond: number, readonly burst: number) {}

  /** Takes a token; returns 0 when allowed, else the seconds to wait. */
  take(id: string, now = Date.now()): number {
    const bucket = this.buckets.get(id) ?? { tokens: this.burst, at: now };
    bucket.tokens = Math.min(this.burst, bucket.tokens + ((now - bucket.at) / 1000) * this.perSecond);
    bucket.at = now;
    this.buckets.set(id, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.ceil((1 - bucket.tokens) / this.perSecond);
  }
}
