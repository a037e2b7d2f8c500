/**
 * A safe, relative, forward-slash path for an entry name found inside an
 * archive. Nothing is ever written to disk under these names, but they are
 * shown to people and used as keys, so `../`, absolute paths, drive letters
 * and backslashes are folded away and flagged.
 *
 * @example
 * safeEntryPath('../../etc/passwd'); // { path: 'etc/passwd', unsafe: true }
 * safeEntryPath('C:\\Users\\a.txt'); // { path: 'Users/a.txt', unsafe: true }
 */
export function safeEntryPath(raw: string): { path: string; unsafe: boolean } {
  let unsafe = false;
  let p = raw.replace(/\0/g, '');
  if (p !== raw) unsafe = true;
  if (p.includes('\\')) {
    p = p.replace(/\\/g, '/');
    unsafe = true;
  }
  if (/^[A-Za-z]:/.test(p)) {
    p = p.slice(2);
    unsafe = true;
  }
  if (p.startsWith('/')) unsafe = true;
  const out: string[] = [];
  for (const segment of p.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      unsafe = true;
      out.pop();
      continue;
    }
    out.push(segment);
  }
  return { path: out.join('/') || '(unnamed)', unsafe };
}
