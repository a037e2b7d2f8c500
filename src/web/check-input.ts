import type { AppDeps } from '../api/deps.ts';
import { DomainError } from '../domain/errors.ts';
import { textOfFile } from '../provenance/read-input.ts';
import { readPage } from '../spread/read-page.ts';

export const MAX_PASTED_CHARS = 20_000_000;

type FormValue = string | File | (string | File)[] | undefined;

const first = (v: FormValue) => (Array.isArray(v) ? v[0] : v);

/**
 * The text the check form asks about: an uploaded file (any format Leakline
 * reads), else pasted text, else a URL fetched through the guarded fetcher.
 * Reads the same inputs as `POST /api/check`, from a plain HTML form.
 */
export async function textFromCheckForm(form: Record<string, FormValue>, deps: Pick<AppDeps, 'fetcher' | 'maxUploadBytes'>): Promise<{ text: string; source: string }> {
  const file = first(form.file);
  if (file instanceof File && file.size > 0) {
    if (file.size > deps.maxUploadBytes) throw new DomainError('upload_too_large', `The file is ${file.size} bytes; the limit here is ${deps.maxUploadBytes}.`, { status: 413 });
    return { text: await textOfFile(file.name || 'document', new Uint8Array(await file.arrayBuffer())), source: file.name || 'the uploaded file' };
  }
  const text = first(form.text);
  if (typeof text === 'string' && text.trim()) {
    if (text.length > MAX_PASTED_CHARS) throw new DomainError('text_too_long', `Pasted text is limited to ${MAX_PASTED_CHARS} characters: upload it as a file instead.`, { status: 413 });
    return { text, source: 'the pasted text' };
  }
  const url = first(form.url);
  if (typeof url === 'string' && url.trim()) {
    if (!deps.fetcher) throw new DomainError('check_unavailable', 'This deployment does not fetch URLs: download the page and upload it.', { status: 503 });
    return { text: (await readPage(await deps.fetcher.fetch(url.trim()))).text, source: url.trim() };
  }
  throw new DomainError('invalid_request', 'Give a file, paste text, or enter a URL to check.');
}
