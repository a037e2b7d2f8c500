import { describe, expect, it } from 'vitest';
import { decodeText, decodeWindows1252, looksBinary } from '../../src/domain/extract/charset.ts';

const NOTE = 'Note for the file: the minister’s office asked us to “lose” the Zürich invoices — all of them. Déjà vu.';

const utf8 = (s: string) => new TextEncoder().encode(s);
function utf16(s: string, littleEndian: boolean, bom: boolean): Uint8Array {
  const out = new Uint8Array(s.length * 2 + (bom ? 2 : 0));
  const view = new DataView(out.buffer);
  if (bom) view.setUint16(0, 0xfeff, littleEndian);
  for (let i = 0; i < s.length; i++) view.setUint16((bom ? 2 : 0) + i * 2, s.charCodeAt(i), littleEndian);
  return out;
}
/** Windows-1252 bytes of a string made of characters that code page has. */
function cp1252(s: string): Uint8Array {
  const high: Record<string, number> = { '€': 0x80, '’': 0x92, '“': 0x93, '”': 0x94, '—': 0x97 };
  return Uint8Array.from([...s], (c) => high[c] ?? c.charCodeAt(0));
}

describe('decodeText', () => {
  it('reads UTF-8 with a BOM and leaves the BOM out of the text', () => {
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(NOTE)]))).toEqual({ text: NOTE, charset: 'utf-8', fallback: false });
  });

  it('reads UTF-16 with a little- or big-endian BOM', () => {
    expect(decodeText(utf16(NOTE, true, true))).toEqual({ text: NOTE, charset: 'utf-16le', fallback: false });
    expect(decodeText(utf16(NOTE, false, true))).toEqual({ text: NOTE, charset: 'utf-16be', fallback: false });
  });

  it('recognises UTF-16 without a BOM by its zero bytes', () => {
    expect(decodeText(utf16(NOTE, true, false))).toEqual({ text: NOTE, charset: 'utf-16le', fallback: false });
    expect(decodeText(utf16(NOTE, false, false))).toEqual({ text: NOTE, charset: 'utf-16be', fallback: false });
  });

  it('reads valid UTF-8 as UTF-8', () => {
    expect(decodeText(utf8(NOTE))).toEqual({ text: NOTE, charset: 'utf-8', fallback: false });
    expect(decodeText(utf8('東京の会議 🔥'))).toEqual({ text: '東京の会議 🔥', charset: 'utf-8', fallback: false });
  });

  it('falls back to Windows-1252 for bytes that are not UTF-8, and says so', () => {
    const text = 'Caf\u00e9 “Zürich” — €5';
    expect(decodeText(cp1252(text))).toEqual({ text, charset: 'windows-1252', fallback: true });
  });

  it('uses a charset the format declares', () => {
    const cyrillic = new Uint8Array([0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2]); // "Привет" in windows-1251
    expect(decodeText(cyrillic, 'windows-1251')).toEqual({ text: 'Привет', charset: 'windows-1251', fallback: false });
    expect(decodeText(cp1252('caf\u00e9 “x”'), 'ISO-8859-1')).toEqual({ text: 'caf\u00e9 “x”', charset: 'windows-1252', fallback: false });
    expect(decodeText(utf8(NOTE), ' UTF-8 ')).toEqual({ text: NOTE, charset: 'utf-8', fallback: false });
  });

  it('ignores a declared charset it does not know and detects instead', () => {
    expect(decodeText(utf8(NOTE), 'x-unknown-charset')).toEqual({ text: NOTE, charset: 'utf-8', fallback: false });
    expect(decodeText(cp1252('caf\u00e9'), 'no-such-charset')).toEqual({ text: 'caf\u00e9', charset: 'windows-1252', fallback: true });
  });

  it('decodes an empty file as empty text', () => {
    expect(decodeText(new Uint8Array(0)).text).toBe('');
  });
});

describe('decodeWindows1252', () => {
  it('maps the 0x80–0x9F range to the characters Windows puts there', () => {
    expect(decodeWindows1252(new Uint8Array([0x80, 0x85, 0x91, 0x92, 0x93, 0x94, 0x96, 0x97, 0x99]))).toBe('€…‘’“”–—™');
    expect(decodeWindows1252(new Uint8Array([0x63, 0x61, 0x66, 0xe9, 0xa0, 0xff]))).toBe('café\u00a0ÿ');
  });

  it('decodes long input in one piece', () => {
    const bytes = new Uint8Array(100_000).fill(0x61);
    bytes[99_999] = 0x80;
    const text = decodeWindows1252(bytes);
    expect(text.length).toBe(100_000);
    expect(text.endsWith('a€')).toBe(true);
  });
});

describe('looksBinary', () => {
  it('takes text in any common encoding for text', () => {
    expect(looksBinary(utf8(NOTE))).toBe(false);
    expect(looksBinary(cp1252('caf\u00e9 “x”'))).toBe(false);
    expect(looksBinary(utf8('Columns:\tname\tamount\r\n\u001b[1mbold\u001b[0m\f'))).toBe(false);
    expect(looksBinary(new Uint8Array(0))).toBe(false);
  });

  it('takes UTF-16 text for text, with or without a BOM', () => {
    expect(looksBinary(utf16(NOTE, true, true))).toBe(false);
    expect(looksBinary(utf16(NOTE, false, true))).toBe(false);
    expect(looksBinary(utf16(NOTE, true, false))).toBe(false);
    expect(looksBinary(utf16(NOTE, false, false))).toBe(false);
  });

  it('spots binary data by its zero bytes', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52]);
    expect(looksBinary(png)).toBe(true);
    expect(looksBinary(new Uint8Array([...utf8(NOTE), 0x00, ...utf8(NOTE)]))).toBe(true);
  });

  it('spots binary data by its many control characters', () => {
    const noisy = Uint8Array.from({ length: 400 }, (_, i) => (i % 3 === 0 ? 0x01 + (i % 7) : 0x41 + (i % 26)));
    expect(looksBinary(noisy)).toBe(true);
  });
});
