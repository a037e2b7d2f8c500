import { decodeWindows1252 } from '../../domain/extract/charset.ts';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Decodes a raw archive entry name: UTF-8 when it is valid, else the legacy 8-bit code page. */
export function decodeEntryName(raw: Uint8Array): string {
  try {
    return utf8.decode(raw);
  } catch {
    return decodeWindows1252(raw);
  }
}
