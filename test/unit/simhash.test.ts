import { describe, expect, it } from 'vitest';
import { fingerprintText } from '../../src/domain/fingerprint.ts';
import { hammingDistance } from '../../src/domain/simhash.ts';

const REPORT = `Internal audit, Northbridge Holdings, second quarter.

The audit team reviewed every payment above ten thousand euros made between April and June. Most were
in order. Three transfers to Castellan Trading Ltd, a company registered in Limassol, had no invoice,
no contract and no approval from the finance committee. The treasurer signed all three on the same day,
the twelfth of May, two days before the board meeting at which the campaign budget was discussed.

When asked, the treasurer said that the payments were consulting fees agreed orally with the director.
The director did not answer our questions. We recommend that the board suspend further payments to
Castellan, ask the company for its invoices, and report the matter to the electoral commission if no
satisfactory explanation is given within thirty days. A copy of this report goes to the external auditor.

Scope and method. We sampled the general ledger for the quarter and matched each payment to a purchase
order, a signed contract and the minutes of the committee that approved it. Where a document was missing
we asked the department that requested the payment to provide it, and we gave each department two weeks.
The property department, the events team and the press office answered in time; the director's office
did not answer at all, and two of its payments remain unexplained at the date of this report.

Findings on the events budget. The spring rally in Harwich cost forty per cent more than its budget,
chiefly because the venue was booked twice: once by the events team and once by an agency that the
director's office had engaged without telling anyone. The agency's invoice was paid from the reserve
for legal costs, which the finance committee had not released for that purpose. We were told that the
double booking was discovered only after both deposits had been paid and that neither could be recovered.

Findings on suppliers. The printing of leaflets was split across four suppliers in amounts just below the
threshold at which a tender is required. Each order on its own was lawful; taken together they should have
been tendered, and one of the four suppliers is owned by the brother-in-law of a member of the board. That
member did not declare the interest and took part in the vote that approved the printing budget in March.

Controls. The finance system allows a single person to create a supplier, enter an invoice and release the
payment. We found eleven suppliers created in the quarter by the same clerk who later paid them. We found
no evidence of fraud in those eleven cases, but the control is weak and should be changed before the
autumn campaign, when the volume of payments usually doubles and the finance team works under pressure.

Recommendations. First, suspend payments to Castellan until its invoices are produced. Second, require two
people for every new supplier and every payment above five thousand euros. Third, ask every member of the
board to renew their declaration of interests before the next meeting. Fourth, tender the printing contract
for the autumn. Fifth, report back to the audit committee in September on each of these points.

Appendix A lists the payments; appendix B the people we interviewed and the dates of the interviews.`;

const RECIPE = `Grandmother's apple cake, as written on the card in the kitchen drawer.

Peel and core six sharp apples and slice them thinly. Rub two hundred grams of cold butter into three
hundred grams of flour until the mixture looks like fine breadcrumbs, then stir in a cup of sugar, a pinch
of salt and the grated zest of a lemon. Beat three eggs with a little milk and fold them in. Spread half of
the dough in a buttered tin, lay the apples on top, dust them with cinnamon and cover with the rest.
Bake in a moderate oven for about an hour, until a skewer comes out clean. Serve warm with cream, or cold
the next day with a cup of strong tea. It keeps for a week in a tin, if anyone lets it.`;

describe('hammingDistance', () => {
  it('counts the bits in which two SimHashes differ', () => {
    expect(hammingDistance('00000000000000ff', '000000000000000f')).toBe(4);
    expect(hammingDistance('9f3a00c4e2b17d55', '9f3a00c4e2b17d55')).toBe(0);
    expect(hammingDistance('0000000000000000', 'ffffffffffffffff')).toBe(64);
    expect(hammingDistance('8000000000000000', '0000000000000001')).toBe(2);
    expect(hammingDistance('ffffffff00000000', '00000000ffffffff')).toBe(64);
  });
});

describe('simhash of a document', () => {
  it('is the same for the same normalised text', async () => {
    const [a, b] = await Promise.all([fingerprintText(REPORT), fingerprintText(REPORT.toUpperCase().replace(/\n/g, ' '))]);
    expect(a.simhash).toMatch(/^[0-9a-f]{16}$/);
    expect(b.simhash).toBe(a.simhash);
  });

  it('moves only a few bits for a small edit', async () => {
    const original = await fingerprintText(REPORT);
    const edits = [
      ['Three transfers', 'Four transfers'],
      ['the twelfth of May', 'the tenth of May'],
      ['registered in Limassol', 'registered in Nicosia'],
      ['eleven suppliers', 'twelve suppliers'],
    ] as const;
    for (const [from, to] of edits) {
      const edited = await fingerprintText(REPORT.replace(from, to));
      expect(edited.textSha256).not.toBe(original.textSha256);
      expect(hammingDistance(original.simhash!, edited.simhash!)).toBeLessThanOrEqual(8);
    }
  });

  it('lands unrelated documents far apart, around half of the 64 bits', async () => {
    const [a, b] = await Promise.all([fingerprintText(REPORT), fingerprintText(RECIPE)]);
    const distance = hammingDistance(a.simhash!, b.simhash!);
    expect(distance).toBeGreaterThanOrEqual(18);
    expect(distance).toBeLessThanOrEqual(46);
  });
});
