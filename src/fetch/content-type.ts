/**
 * The media type and charset a server declared. The charset comes from the
 * header only: a `<meta charset>` or a BOM inside the body is the caller's to
 * weigh (see src/domain/extract/charset.ts), since only it knows the format.
 */
export interface DeclaredType {
  /** Lower-case `type/subtype`, or null when absent or malformed. */
  contentType: string | null;
  /** Lower-case charset label as sent (`utf-8`, `iso-8859-1`), or null. */
  charset: string | null;
}

const TOKEN = /^[!#$%&'*+.^_`|~0-9a-z-]+\/[!#$%&'*+.^_`|~0-9a-z-]+$/;

/**
 * @example
 * parseContentType('text/html; charset="ISO-8859-1"') // { contentType: 'text/html', charset: 'iso-8859-1' }
 */
export function parseContentType(header: string | null | undefined): DeclaredType {
  if (!header) return { contentType: null, charset: null };
  const [essence = '', ...params] = header.split(';');
  const type = essence.trim().toLowerCase();
  let charset: string | null = null;
  for (const param of params) {
    const eq = param.indexOf('=');
    if (eq < 0 || param.slice(0, eq).trim().toLowerCase() !== 'charset') continue;
    const value = param.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1').trim().toLowerCase();
    if (value) charset = value;
    break;
  }
  return { contentType: TOKEN.test(type) ? type : null, charset };
}
