import { describe, expect, it } from 'vitest';
import { csvExtractor } from '../../src/domain/extract/csv.ts';
import { memoryBlob } from '../../src/domain/extract/memory-blob.ts';

const context = { depth: 0, maxFileBytes: 10_000_000 };
const utf8 = (s: string) => new TextEncoder().encode(s);
const extract = (name: string, text: string | Uint8Array) =>
  csvExtractor.extract(memoryBlob(name, typeof text === 'string' ? utf8(text) : text), context);

const BUDGET = `line,amount_eur,approved_by
leaflets,12500,treasurer
venue hire,8000,director
online adverts,21000,director
"consultants, external",40000,treasurer
`;

describe('csvExtractor', () => {
  it('keeps the file as its text and the header row as its columns', async () => {
    const out = await extract('finance/budget-2017.csv', BUDGET);
    expect(out.text).toBe(BUDGET);
    expect(out.metadata).toEqual({ charset: 'utf-8', columns: ['line', 'amount_eur', 'approved_by'], rows: 4, delimiter: ',' });
  });

  it('counts a last row that has no line break', async () => {
    const out = await extract('budget.csv', BUDGET.trimEnd());
    expect(out.metadata.rows).toBe(4);
  });

  it('counts a row whose quoted cell spans several lines once', async () => {
    const donors = 'name,address,amount\r\n"Okafor, B.","12 High Street\r\nLondon\r\nE1 6AN",5000\r\nMarsh,"Flat 2, ""The Maltings""",250\r\n';
    const out = await extract('donors.csv', donors);
    expect(out.metadata).toMatchObject({ columns: ['name', 'address', 'amount'], rows: 2 });
  });

  it('takes a quote inside an unquoted cell as text', async () => {
    const stock = 'item,qty\nMonitor 24" LCD,3\nCable,10\nDesk,2\n';
    expect((await extract('stock.csv', stock)).metadata.rows).toBe(3);
  });

  it('detects semicolon-separated files, as European spreadsheets write them', async () => {
    const out = await extract('spenden.csv', 'Name;Betrag;Datum\nWeiß;1.250,00;03.05.2017\n');
    expect(out.metadata).toMatchObject({ columns: ['Name', 'Betrag', 'Datum'], rows: 1, delimiter: ';' });
  });

  it('reads tab-separated files', async () => {
    const out = await extract('payments.tsv', 'date\tpayee\tamount\n2017-05-12\tCastellan Trading\t240000\n');
    expect(out.metadata).toMatchObject({ columns: ['date', 'payee', 'amount'], rows: 1, delimiter: '\t' });
  });

  it('reads a legacy Excel export in Windows-1252 and leaves its BOM-less header intact', async () => {
    const bytes = new Uint8Array([...utf8('Name,Betrag\nM'), 0xfc, ...utf8('ller,'), 0x80, ...utf8('500\n')]);
    const out = await extract('export.csv', bytes);
    expect(out.text).toBe('Name,Betrag\nMüller,€500\n');
    expect(out.metadata).toMatchObject({ charset: 'windows-1252', invalidUtf8: true, columns: ['Name', 'Betrag'], rows: 1 });
  });

  it('strips a UTF-8 BOM from the first column name', async () => {
    const out = await extract('export.csv', new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('id,payee\n1,Castellan\n')]));
    expect(out.metadata.columns).toEqual(['id', 'payee']);
  });

  it('gives an empty file no rows', async () => {
    expect((await extract('empty.csv', '')).metadata).toMatchObject({ columns: [''], rows: 0 });
  });

  it('fits spreadsheets by their extension', () => {
    expect(csvExtractor.fit(memoryBlob('a.csv', utf8(BUDGET)))).toBe(2);
    expect(csvExtractor.fit(memoryBlob('a.TSV', utf8(BUDGET)))).toBe(2);
    expect(csvExtractor.fit(memoryBlob('a.txt', utf8(BUDGET)))).toBe(0);
  });
});
