import { describe, expect, it } from 'vitest';
import { safeEntryPath } from '../../src/domain/extract/entry-path.ts';

describe('safeEntryPath', () => {
  it('keeps an ordinary relative path as it is', () => {
    expect(safeEntryPath('finance/2017/payments-q2.pdf')).toEqual({ path: 'finance/2017/payments-q2.pdf', unsafe: false });
    expect(safeEntryPath('Briefe an Frau Weiß.docx')).toEqual({ path: 'Briefe an Frau Weiß.docx', unsafe: false });
  });

  it('folds away ../ traversal and flags it', () => {
    expect(safeEntryPath('../../etc/passwd')).toEqual({ path: 'etc/passwd', unsafe: true });
    expect(safeEntryPath('mail/../../../root/.ssh/id_rsa')).toEqual({ path: 'root/.ssh/id_rsa', unsafe: true });
    expect(safeEntryPath('press/drafts/../final.html')).toEqual({ path: 'press/final.html', unsafe: true });
  });

  it('makes absolute paths relative and flags them', () => {
    expect(safeEntryPath('/etc/shadow')).toEqual({ path: 'etc/shadow', unsafe: true });
    expect(safeEntryPath('//server/share/memo.txt')).toEqual({ path: 'server/share/memo.txt', unsafe: true });
  });

  it('drops Windows drive letters, turns backslashes into slashes, and flags both', () => {
    expect(safeEntryPath('C:\\Users\\jdoe\\Desktop\\memo.txt')).toEqual({ path: 'Users/jdoe/Desktop/memo.txt', unsafe: true });
    expect(safeEntryPath('d:evil.txt')).toEqual({ path: 'evil.txt', unsafe: true });
    expect(safeEntryPath('backup\\2017\\ledger.csv')).toEqual({ path: 'backup/2017/ledger.csv', unsafe: true });
    expect(safeEntryPath('..\\..\\windows\\system.ini')).toEqual({ path: 'windows/system.ini', unsafe: true });
  });

  it('removes NUL bytes and flags them', () => {
    expect(safeEntryPath('invoice.pdf\0.txt')).toEqual({ path: 'invoice.pdf.txt', unsafe: true });
  });

  it('drops "." segments and empty segments without flagging them', () => {
    expect(safeEntryPath('./mail/./inbox//1.')).toEqual({ path: 'mail/inbox/1.', unsafe: false });
    expect(safeEntryPath('folder/')).toEqual({ path: 'folder', unsafe: false });
  });

  it('names an entry that is left with no name "(unnamed)"', () => {
    expect(safeEntryPath('')).toEqual({ path: '(unnamed)', unsafe: false });
    expect(safeEntryPath('./')).toEqual({ path: '(unnamed)', unsafe: false });
    expect(safeEntryPath('..')).toEqual({ path: '(unnamed)', unsafe: true });
    expect(safeEntryPath('C:\\')).toEqual({ path: '(unnamed)', unsafe: true });
  });
});
