import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { alignWords, type Block } from '../../src/domain/match/align.ts';
import { chainRuns } from '../../src/domain/match/chain-runs.ts';
import { tokenizeText } from '../../src/domain/normalise.ts';
import { hashKgrams } from '../../src/domain/winnow.ts';

const BOARD = [
  'The supervisory board met on Tuesday to review the accounts of the northern subsidiary.',
  'Arthur Laffer, founder and chairman of Laffer Associates, presented the audit findings in person.',
  'He said the transfers to the consultancy had been approved by the finance committee in March.',
  'The committee asked for the original invoices before the end of the month.',
  'No decision was taken on the proposed merger with the shipping company.',
].join(' ');

/** The gaps of a checked text against a document, as the words on each side. */
function gaps(checkedText: string, documentText: string) {
  const checked = tokenizeText(checkedText);
  const document = tokenizeText(documentText);
  const a = alignWords(checked, hashKgrams(checked).packed, document, hashKgrams(document).packed);
  const words = (text: string, w: typeof checked, s: number, e: number) => (e > s ? text.slice(w.start[s], w.end[e - 1]) : '');
  return a.gaps.map((g) => ({ type: g.type, checked: words(checkedText, checked, g.checkedStart, g.checkedEnd), document: words(documentText, document, g.documentStart, g.documentEnd) }));
}

describe('alignWords: changes too close together for a shared k-gram between them', () => {
  it('reports a name swapped twice four words apart as two changes, not one passage', () => {
    expect(gaps(BOARD.replaceAll('Laffer', 'Sprint'), BOARD)).toEqual([
      { type: 'changed', checked: 'Sprint', document: 'Laffer' },
      { type: 'changed', checked: 'Sprint', document: 'Laffer' },
    ]);
  });

  it('keeps a replaced sentence one change although it shares "the" and "of" with the original', () => {
    const replaced = BOARD.replace('The committee asked for the original invoices before the end of the month.', 'Most of the money ended up in the accounts of a trust in Jersey.');
    expect(gaps(replaced, BOARD)).toEqual([
      { type: 'changed', checked: 'Most of the money ended up in the accounts of a trust in Jersey', document: 'The committee asked for the original invoices before the end of the month' },
    ]);
  });

  it('separates a removed word from a changed one a few words later', () => {
    const edited = BOARD.replace('approved by the finance committee in March', 'approved by the committee in April');
    expect(gaps(edited, BOARD)).toEqual([
      { type: 'removed', checked: '', document: 'finance' },
      { type: 'changed', checked: 'April', document: 'March' },
    ]);
  });
});

describe('alignWords on repetitive text', () => {
  // a form mail: the same row again and again, one of them edited
  const rows = Array.from({ length: 300 }, (_, i) => `<tr><td valign=top><input type="checkbox" name="id" value="${2745000 + i}"></td><td>Gas daily report</td></tr>`);
  const mail = `Energy Central daily gas news.\n${rows.join('\n')}\nTo unsubscribe reply to this message.`;

  it('finds the one edited row among hundreds of identical ones', () => {
    const edited = mail.replace('value="2745200"></td><td>Gas daily report', 'value="2745200"></td><td>Power daily report');
    expect(gaps(edited, mail)).toEqual([{ type: 'changed', checked: 'Power', document: 'Gas' }]);
  });
});

/** Every earlier run tried as predecessor: the definition chainRuns must agree with, ties to the earliest run included. */
function referenceChain(all: Block[]): Block[] {
  const runs = [...all].sort((a, b) => a.checkedStart - b.checkedStart || a.documentStart - b.documentStart);
  const best: number[] = [];
  const prev: number[] = [];
  const overlapOf = (q: Block, r: Block) => Math.max(0, q.checkedEnd - r.checkedStart, q.documentEnd - r.documentStart);
  let top = 0;
  runs.forEach((r, i) => {
    const length = r.checkedEnd - r.checkedStart;
    best[i] = length;
    prev[i] = -1;
    for (let p = 0; p < i; p++) {
      const q = runs[p]!;
      const overlap = overlapOf(q, r);
      if (q.checkedStart >= r.checkedStart || q.documentStart >= r.documentStart || overlap >= length) continue;
      if (best[p]! + length - overlap > best[i]!) {
        best[i] = best[p]! + length - overlap;
        prev[i] = p;
      }
    }
    if (best[i]! > best[top]!) top = i;
  });
  const chain: Block[] = [];
  for (let i = top; i >= 0; i = prev[i]!) chain.push(runs[i]!);
  chain.reverse();
  return chain.map((r, i) => {
    const overlap = i > 0 ? overlapOf(chain[i - 1]!, r) : 0;
    return { ...r, checkedStart: r.checkedStart + overlap, documentStart: r.documentStart + overlap };
  });
}

describe('chainRuns', () => {
  const run = fc.record({ cs: fc.nat(400), ds: fc.nat(400), length: fc.integer({ min: 1, max: 20 }) }).map(({ cs, ds, length }) => ({ checkedStart: cs, checkedEnd: cs + length, documentStart: ds, documentEnd: ds + length }));

  it('chooses the heaviest chain increasing on both sides, overlaps counted once, few runs or many', () => {
    fc.assert(
      fc.property(fc.array(run, { minLength: 1, maxLength: 300 }), (runs) => {
        expect(chainRuns(runs)).toEqual(referenceChain(runs));
      }),
      { numRuns: 300 },
    );
  });
});
