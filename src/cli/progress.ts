import type { IngestProgress } from '../ingest/ingest-dump.ts';
import { formatBytes } from '../web/layout.ts';

/**
 * One status line on a terminal, redrawn in place: a bar when the dump's
 * size is known, files, bytes, rate and errors. Silent when stderr is not a
 * terminal (logs and pipes get the summary only).
 */
export function createProgressLine(stream: NodeJS.WriteStream, totalBytes: number | null) {
  const enabled = Boolean(stream.isTTY);
  let drawn = false;
  return {
    update(p: IngestProgress) {
      if (!enabled) return;
      const rate = p.seconds > 0 ? p.bytes / p.seconds : 0;
      const width = 24;
      const bar =
        totalBytes && totalBytes > 0
          ? `[${'#'.repeat(Math.min(width, Math.round((p.bytes / totalBytes) * width))).padEnd(width, '.')}] `
          : '';
      const errors = p.failed > 0 ? `, ${p.failed} failed` : '';
      const text = `${bar}${p.files} files, ${formatBytes(p.bytes)}, ${formatBytes(rate)}/s, ${p.documents} documents${errors}`;
      const columns = stream.columns || 100;
      const current = p.current ? `  ${p.current}` : '';
      stream.write(`\r\x1b[2K${(text + current).slice(0, columns - 1)}`);
      drawn = true;
    },
    done() {
      if (enabled && drawn) stream.write('\r\x1b[2K');
    },
  };
}
