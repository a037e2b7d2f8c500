import { describe, expect, it } from 'vitest';
import { isDomainError } from '../../src/domain/errors.ts';
import { memoryBlob } from '../../src/domain/extract/memory-blob.ts';
import { textExtractor } from '../../src/domain/extract/text.ts';

const context = { depth: 0, maxFileBytes: 10_000_000 };
const NOTE = `TRANSFER MEMO — internal only

Zürich, 3 May 2017. The €2.4m for “Harbour” leaves on Friday. Tell nobody at the bank.`;

describe('textExtractor', () => {
  it('extracts a UTF-8 text file as it is', async () => {
    const out = await textExtractor.extract(memoryBlob('finance/transfer-memo.txt', new TextEncoder().encode(NOTE)), context);
    expect(out).toEqual({ text: NOTE, metadata: { charset: 'utf-8' } });
  });

  it('reads a legacy Windows file and records that it was not UTF-8', async () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('Minutes: caf'), 0xe9, 0x20, 0x93, 0x6f, 0x6b, 0x94, 0x20, 0x80, 0x35]);
    const out = await textExtractor.extract(memoryBlob('minutes.txt', bytes), context);
    expect(out.text).toBe('Minutes: café “ok” €5');
    expect(out.metadata).toEqual({ charset: 'windows-1252', invalidUtf8: true });
  });

  it('reads a UTF-16 file saved by Notepad', async () => {
    const bytes = new Uint8Array(2 + NOTE.length * 2);
    const view = new DataView(bytes.buffer);
    view.setUint16(0, 0xfeff, true);
    for (let i = 0; i < NOTE.length; i++) view.setUint16(2 + 2 * i, NOTE.charCodeAt(i), true);
    const out = await textExtractor.extract(memoryBlob('notes.txt', bytes), context);
    expect(out).toEqual({ text: NOTE, metadata: { charset: 'utf-16le' } });
  });

  it('refuses a file named as text that holds binary data, with code binary_content', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0]);
    const error = await textExtractor.extract(memoryBlob('readme.txt', png), context).catch((e: unknown) => e);
    expect(isDomainError(error) && error.code).toBe('binary_content');
  });

  it('fits text files by name, unnamed text weakly, and binary not at all', () => {
    const text = new TextEncoder().encode(NOTE);
    expect(textExtractor.fit(memoryBlob('notes.md', text))).toBe(2);
    expect(textExtractor.fit(memoryBlob('README', text))).toBeGreaterThan(0);
    expect(textExtractor.fit(memoryBlob('README', text))).toBeLessThan(1);
    expect(textExtractor.fit(memoryBlob('photo', new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46])))).toBe(0);
    expect(textExtractor.fit(memoryBlob('empty', new Uint8Array(0)))).toBe(0);
  });
});
