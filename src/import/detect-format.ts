import { postFormatReaders, postFormats, type PostFormat } from './import-posts.ts';

/**
 * The format the start of a file fits best (a few KiB are plenty), or null
 * when none fits: a convenience for `import-posts` without `--format`. Each
 * format judges the text itself (see `sniff` in its module).
 *
 * @example
 * detectFormat('{"did":"did:plc:abc","time_us":1725911162329308,"kind":"commit"'); // 'bluesky'
 */
export function detectFormat(firstBytes: Uint8Array | string): PostFormat | null {
  const head = (typeof firstBytes === 'string' ? firstBytes : Buffer.from(firstBytes).toString('utf8')).slice(0, 64 * 1024);
  let best: PostFormat | null = null;
  let bestFit = 0;
  for (const format of postFormats) {
    const fit = postFormatReaders[format].sniff(head);
    if (fit > bestFit) [best, bestFit] = [format, fit];
  }
  return best;
}
