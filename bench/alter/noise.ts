/**
 * Formatting noise: what a copy picks up when it is pasted, forwarded or
 * re-typeset, none of which changes a word. Lines re-wrapped at another width
 * (sometimes with CRLF, sometimes quoted with "> "), paragraph breaks kept or
 * run together, ASCII words re-cased, typographic quotes and dashes, commas
 * dropped. Applied piece by piece with the state carried across, so the
 * pieces (and with them the ground truth) keep their places in the result.
 */
export function reformatPieces(pieces: readonly string[], random: () => number): string[] {
  const width = 50 + Math.floor(random() * 30);
  const prefix = random() < 0.25 ? '> ' : '';
  const newline = random() < 0.2 ? '\r\n' : '\n';
  const curly = random() < 0.5;
  let column = 0;
  let pending: '' | ' ' | 'paragraph' = '';
  let doubleQuote = 0;

  const punctuate = (s: string) => {
    let t = s.replace(/--/g, '—').replace(/,(?=\s)/g, (c) => (random() < 0.3 ? '' : c));
    if (curly) t = t.replace(/'/g, '’').replace(/"/g, () => (doubleQuote++ % 2 === 0 ? '“' : '”'));
    return t;
  };
  // ASCII only: upper-casing "ß" gives "SS", which is another word once folded
  const recase = (word: string) => {
    const r = random();
    if (r < 0.04) return word.replace(/[a-z]+/g, (w) => w.toUpperCase());
    if (r < 0.08) return word.replace(/[A-Z]+/g, (w) => w.toLowerCase());
    return word;
  };

  return pieces.map((piece) => {
    let out = '';
    for (const m of punctuate(piece).matchAll(/(\s+)|(\S+)/g)) {
      if (m[1] !== undefined) {
        const breaks = (m[1].match(/\n/g) ?? []).length;
        pending = breaks >= 2 && random() < 0.7 ? 'paragraph' : pending || ' ';
        continue;
      }
      const word = recase(m[2]!);
      if (pending === 'paragraph') {
        out += `${newline}${prefix.trimEnd()}${newline}${prefix}`;
        column = prefix.length;
      } else if (pending === ' ' && column > prefix.length && column + 1 + word.length > width) {
        out += `${newline}${prefix}`;
        column = prefix.length;
      } else if (pending === ' ') {
        out += random() < 0.05 ? '  ' : ' ';
        column += 1;
      } else if (column === 0 && prefix) {
        out += prefix;
        column = prefix.length;
      }
      pending = '';
      out += word;
      column += word.length;
    }
    return out;
  });
}
