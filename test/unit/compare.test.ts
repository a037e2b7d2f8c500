import { describe, expect, it } from 'vitest';
import { compareTexts, prepareText } from '../../src/domain/match/compare.ts';

const MEMO = [
  'From the finance office to the campaign director.',
  'The transfer of 40,000 euros from the Harbour Fund to the regional account was completed on Thursday.',
  'The donors asked that their names stay off the public register until after the vote, and the treasurer agreed to split the amount into four smaller payments so that none of them crosses the reporting threshold.',
  'Please make sure the field teams in the northern districts receive the leaflets before Saturday morning.',
  'The printer has been paid in cash and the invoice will be dated next month.',
].join('\n');

const doc = prepareText(MEMO);
const check = (text: string) => compareTexts(prepareText(text), doc);

describe('compareTexts', () => {
  it('calls a re-wrapped, re-cased copy exact', () => {
    const c = check(MEMO.toUpperCase().replace(/\n/g, '  '));
    expect(c).toMatchObject({ kind: 'exact', similarity: 1, coverage: { checked: 1, document: 1 } });
  });

  it('finds a one-sentence quote inside a tweet as an excerpt, with its span in both texts', () => {
    const tweet = 'LEAKED: "Please make sure the field teams in the northern districts receive the leaflets before Saturday morning" #scandal';
    const c = check(tweet)!;
    expect(c.kind).toBe('excerpt');
    expect(c.matchedWords).toBe(16);
    const [span] = c.spans;
    expect(tweet.slice(span!.checkedStart, span!.checkedEnd)).toBe('Please make sure the field teams in the northern districts receive the leaflets before Saturday morning');
    expect(MEMO.slice(span!.documentStart, span!.documentEnd)).toBe('Please make sure the field teams in the northern districts receive the leaflets before Saturday morning');
    expect(c.coverage.document).toBeLessThan(0.25);
  });

  it('reports an inserted sentence at the sentence, with offsets on both sides', () => {
    const forged = 'The minister personally approved every payment in writing.';
    const sentences = MEMO.split('\n');
    const altered = [...sentences.slice(0, 2), forged, ...sentences.slice(2)].join('\n');
    const c = check(altered)!;
    expect(c.kind).toBe('altered');
    expect(c.alterations).toHaveLength(1);
    const [a] = c.alterations;
    expect(a).toMatchObject({ type: 'inserted', text: 'The minister personally approved every payment in writing' });
    expect(altered.slice(a!.checkedStart, a!.checkedEnd)).toBe(a!.text);
    // a point in the original: right after "Thursday"
    expect(a!.documentStart).toBe(a!.documentEnd);
    expect(MEMO.slice(0, a!.documentStart).endsWith('completed on Thursday')).toBe(true);
  });

  it('reports a removed passage and a changed name', () => {
    const removed = MEMO.replace(' from the Harbour Fund', '');
    const r = check(removed)!;
    expect(r.kind).toBe('altered');
    expect(r.alterations).toEqual([expect.objectContaining({ type: 'removed', text: 'from the Harbour Fund' })]);

    const changed = MEMO.replace('Harbour Fund', 'Lighthouse Trust');
    const c = check(changed)!;
    expect(c.kind).toBe('altered');
    expect(c.alterations).toEqual([expect.objectContaining({ type: 'changed', text: 'Lighthouse Trust', originalText: 'Harbour Fund' })]);
  });

  it('says nothing for texts that share only common phrases', () => {
    expect(check('The transfer window closes on Thursday and the club has not yet signed a new striker for the northern derby.')).toBeNull();
    expect(check('')).toBeNull();
  });

  // differences at the edges (a copy that stops early, a page's header) are not alterations: only what lies inside the aligned stretch is
  it('counts a copy missing its last paragraphs as near, not as an excerpt', () => {
    const c = check(MEMO.split('\n').slice(0, 4).join('\n'))!;
    expect(c.kind).toBe('near');
    expect(c.alterations).toEqual([]);
    expect(c.coverage.checked).toBe(1);
  });
});
