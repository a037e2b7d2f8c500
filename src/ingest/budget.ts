import type { DumpLimits } from '../config.ts';

/**
 * What one dump may cost in total, shared by every nested archive in it: a
 * zip bomb spread over many small entries or many nesting levels still runs
 * out of budget.
 */
export class DumpBudget {
  bytes = 0;
  entries = 0;

  constructor(readonly limits: DumpLimits) {}

  /** Reserves bytes about to be inflated; false when the dump's total would pass its limit. */
  reserve(bytes: number): boolean {
    if (this.bytes + bytes > this.limits.maxDumpBytes) return false;
    this.bytes += bytes;
    return true;
  }

  /** Counts one archive entry; false once the dump has more entries than allowed. */
  countEntry(): boolean {
    this.entries++;
    return this.entries <= this.limits.maxEntries;
  }

  /** A reason to refuse an entry whose compression ratio marks it as a bomb, or null. */
  bombReason(compressed: number, uncompressed: number): string | null {
    if (uncompressed < 1024 * 1024) return null;
    const ratio = compressed > 0 ? uncompressed / compressed : Infinity;
    if (ratio <= this.limits.maxRatio) return null;
    return `compression ratio ${Number.isFinite(ratio) ? ratio.toFixed(0) : '∞'}:1 exceeds the limit of ${this.limits.maxRatio}:1 (LEAKLINE_MAX_RATIO); the entry would inflate to ${uncompressed} bytes and was not read`;
  }

  overBudgetReason(size: number): string {
    return `reading ${size} more bytes would take the dump past its ${this.limits.maxDumpBytes}-byte limit (LEAKLINE_MAX_DUMP_BYTES)`;
  }
}
