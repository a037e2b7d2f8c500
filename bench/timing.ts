/**
 * Same-run timing for benchmarks on a noisy machine: every subject runs once
 * per round, rounds interleave the subjects (each round starting one subject
 * later), so a burst of load elsewhere hits them all alike instead of
 * whichever happened to run at that moment.
 */
export interface Subject {
  name: string;
  /** What it reads, for the table ("16 MiB file", "1 MiB slice"…). */
  input: string;
  /** Bytes of UTF-8 text processed per run: MB/s is counted in these. */
  bytes: number;
  /** One run, timed from outside… */
  run?: () => unknown;
  /** …or one run that reports its own seconds (a process timed where it starts). */
  time?: () => number;
  note?: string;
}

export interface Result extends Subject {
  /** Seconds of each counted run. */
  seconds: number[];
  best: number;
  median: number;
}

/** 1 MB = 1e6 bytes. */
export const mbPerSecond = (bytes: number, seconds: number) => bytes / 1e6 / seconds;

export async function runRounds(subjects: Subject[], options: { rounds: number; warmups: number; log?: (line: string) => void }): Promise<Result[]> {
  const seconds = subjects.map(() => [] as number[]);
  const total = options.warmups + options.rounds;
  for (let round = 0; round < total; round++) {
    const counted = round >= options.warmups;
    options.log?.(`${counted ? 'round' : 'warm-up'} ${counted ? round - options.warmups + 1 : round + 1}/${counted ? options.rounds : options.warmups}`);
    for (let k = 0; k < subjects.length; k++) {
      const index = (k + round) % subjects.length;
      const subject = subjects[index]!;
      let elapsed: number;
      if (subject.time) elapsed = subject.time();
      else {
        const started = performance.now();
        await subject.run!();
        elapsed = (performance.now() - started) / 1000;
      }
      if (counted) seconds[index]!.push(elapsed);
    }
  }
  return subjects.map((s, i) => {
    const sorted = [...seconds[i]!].sort((a, b) => a - b);
    return { ...s, seconds: seconds[i]!, best: sorted[0]!, median: sorted[sorted.length >> 1]! };
  });
}

/** Best (fastest run) and median throughput of a result. */
export const throughput = (r: Result) => ({ best: mbPerSecond(r.bytes, r.best), median: mbPerSecond(r.bytes, r.median) });

export const formatMBs = (v: number) => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));
