import { describe, expect, it } from 'vitest';
import { jsonExtractor, jsonStrings } from '../../src/domain/extract/json.ts';
import { memoryBlob } from '../../src/domain/extract/memory-blob.ts';

const context = { depth: 0, maxFileBytes: 10_000_000 };
const extract = (name: string, text: string) => jsonExtractor.extract(memoryBlob(name, new TextEncoder().encode(text)), context);

const EXPORT = JSON.stringify({
  channel: 'northbridge-leaks',
  exported: 1494835200,
  messages: [
    { id: 1, from: 'anon', text: 'Full Castellan ledger attached.', pinned: true, files: ['ledger.pdf'] },
    { id: 2, from: 'anon', text: 'Mirror: the treasurer signed all three payments on 12 May.', reactions: { '🔥': 12 } },
    { id: 3, from: 'mod', text: '   ' },
  ],
});

describe('jsonExtractor', () => {
  it('extracts the string values in document order, one per line, without keys or numbers', async () => {
    const out = await extract('telegram-export.json', EXPORT);
    expect(out.text).toBe(
      [
        'northbridge-leaks',
        'anon',
        'Full Castellan ledger attached.',
        'ledger.pdf',
        'anon',
        'Mirror: the treasurer signed all three payments on 12 May.',
        'mod',
      ].join('\n'),
    );
    expect(out.metadata).toEqual({ charset: 'utf-8' });
  });

  it('reads JSON Lines record by record and keeps a line that does not parse as it is', async () => {
    const lines = [
      '{"user":"@leakwatch","text":"Northbridge paid Castellan 515k in one day"}',
      '{"user":"@press","text":"Statement: all donations declared',
      '',
      '{"user":"@anon","text":"Original files: see the drop"}',
    ].join('\n');
    const out = await extract('posts.jsonl', lines);
    expect(out.text).toBe(
      [
        '@leakwatch',
        'Northbridge paid Castellan 515k in one day',
        '{"user":"@press","text":"Statement: all donations declared',
        '@anon',
        'Original files: see the drop',
      ].join('\n'),
    );
    expect(out.metadata).toEqual({ charset: 'utf-8', records: 2, invalidLines: 1 });
  });

  it('falls back to JSON Lines for a .json file holding one record per line', async () => {
    const out = await extract('posts.json', '{"text":"first post"}\n{"text":"second post"}\n');
    expect(out.text).toBe('first post\nsecond post');
    expect(out.metadata).toMatchObject({ records: 2 });
    expect(out.metadata.jsonError).toEqual(expect.any(String));
  });

  it('keeps the raw text of a damaged file', async () => {
    const out = await extract('export.json', '{"messages": [{"text": "cut off mid-');
    expect(out.text).toBe('{"messages": [{"text": "cut off mid-');
    expect(out.metadata).toMatchObject({ records: 0, invalidLines: 1 });
  });

  it('fits JSON files by their extension', () => {
    const blob = (name: string) => memoryBlob(name, new TextEncoder().encode(EXPORT));
    expect(jsonExtractor.fit(blob('a.json'))).toBe(2);
    expect(jsonExtractor.fit(blob('a.ndjson'))).toBe(2);
    expect(jsonExtractor.fit(blob('a.geojson'))).toBe(2);
    expect(jsonExtractor.fit(blob('a.txt'))).toBe(0);
  });
});

describe('jsonStrings', () => {
  it('walks deeply nested values without overflowing the stack', () => {
    let value: unknown = 'deep secret';
    for (let i = 0; i < 100_000; i++) value = i % 2 ? [value] : { next: value };
    expect(jsonStrings(value)).toEqual(['deep secret']);
  });
});
