import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';

export const BENCHMARKS_FILE = join(import.meta.dirname, '../BENCHMARKS.md');

/** One line naming the machine, so numbers from different machines are not compared by mistake. */
export function describeMachine(): string {
  const load = loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
  return `${availableParallelism()} cores (nproc) of ${cpus()[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, load average ${load} at start`;
}

/** A Markdown table; cells are written as given. */
export function markdownTable(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/**
 * Replaces the section that starts with `heading` (up to the next `## `
 * heading) in BENCHMARKS.md, or appends it: each benchmark owns its section
 * and leaves the others alone.
 */
export function writeSection(heading: string, body: string, file = BENCHMARKS_FILE): void {
  const section = `${heading}\n\n${body.trim()}\n`;
  const current = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n\nWritten by the `bench/` scripts; each rewrites its own section.\n';
  const start = current.indexOf(`${heading}\n`);
  if (start < 0) {
    writeFileSync(file, `${current.trimEnd()}\n\n${section}`);
    return;
  }
  const next = current.indexOf('\n## ', start + heading.length);
  const end = next < 0 ? current.length : next + 1;
  writeFileSync(file, `${current.slice(0, start)}${section}${end < current.length ? '\n' : ''}${current.slice(end)}`);
}
