import { describe, expect, it } from 'vitest';
import { parsePdfDate, toIsoDate } from '../../src/domain/extract/dates.ts';

describe('parsePdfDate', () => {
  it('reads a PDF date with a time zone into UTC', () => {
    expect(parsePdfDate("D:20170505183500+02'00'")).toBe('2017-05-05T16:35:00.000Z');
    expect(parsePdfDate("D:20170505183500-05'30'")).toBe('2017-05-06T00:05:00.000Z');
    expect(parsePdfDate("D:20170505183500-05'30")).toBe('2017-05-06T00:05:00.000Z');
    expect(parsePdfDate('D:20170505183500+02')).toBe('2017-05-05T16:35:00.000Z');
    expect(parsePdfDate('D:20170505183500Z')).toBe('2017-05-05T18:35:00.000Z');
    expect(parsePdfDate("D:20170505183500Z00'00'")).toBe('2017-05-05T18:35:00.000Z');
  });

  it('reads a PDF date without a zone as UTC', () => {
    expect(parsePdfDate('D:20170505183500')).toBe('2017-05-05T18:35:00.000Z');
    expect(parsePdfDate('20170505')).toBe('2017-05-05T00:00:00.000Z');
  });

  it('fills in what a short PDF date leaves out', () => {
    expect(parsePdfDate('D:2017')).toBe('2017-01-01T00:00:00.000Z');
    expect(parsePdfDate('D:201705')).toBe('2017-05-01T00:00:00.000Z');
    expect(parsePdfDate(' D:2017 ')).toBe('2017-01-01T00:00:00.000Z');
  });

  it('reads ISO and e-mail style dates that some producers write instead', () => {
    expect(parsePdfDate('2017-05-05T18:35:00+02:00')).toBe('2017-05-05T16:35:00.000Z');
    expect(parsePdfDate('2017-05-05')).toBe('2017-05-05T00:00:00.000Z');
    expect(parsePdfDate('Fri, 05 May 2017 18:35:00 +0200')).toBe('2017-05-05T16:35:00.000Z');
  });

  it('returns null for junk and for values that are not strings', () => {
    for (const junk of ['', 'unknown', 'D:', 'D:20171305', 'D:20170532', null, undefined, 20170505, {}]) {
      expect(parsePdfDate(junk)).toBeNull();
    }
  });

  it('returns null for years outside 1900–2200', () => {
    expect(parsePdfDate('D:18991231')).toBeNull();
    expect(parsePdfDate('D:22010101')).toBeNull();
    expect(parsePdfDate('1850-01-01')).toBeNull();
    expect(parsePdfDate('D:19000101')).toBe('1900-01-01T00:00:00.000Z');
  });
});

describe('toIsoDate', () => {
  it('writes any date string or Date the platform can parse as ISO-8601 in UTC', () => {
    expect(toIsoDate('Mon, 14 May 2001 16:39:00 -0700')).toBe('2001-05-14T23:39:00.000Z');
    expect(toIsoDate('2017-05-01T09:00:00Z')).toBe('2017-05-01T09:00:00.000Z');
    expect(toIsoDate(new Date(Date.UTC(2017, 4, 5)))).toBe('2017-05-05T00:00:00.000Z');
  });

  it('returns null for invalid dates, blanks, other types and years outside 1900–2200', () => {
    expect(toIsoDate(new Date('not a date'))).toBeNull();
    expect(toIsoDate('   ')).toBeNull();
    expect(toIsoDate('next Tuesday')).toBeNull();
    expect(toIsoDate(1494009300000)).toBeNull();
    expect(toIsoDate('2300-01-01')).toBeNull();
    expect(toIsoDate(new Date(Date.UTC(1899, 11, 31)))).toBeNull();
    expect(toIsoDate(new Date('9999-12-31T00:00:00Z'))).toBeNull();
  });
});
