import type { Config } from '../config.ts';
import { DomainError } from '../domain/errors.ts';
import { fetcherOptionsFromEnv } from '../fetch/fetch-config.ts';
import { createHttpFetcher } from '../fetch/fetcher.ts';
import { Matcher } from '../match/matcher.ts';
import { checkText, type CheckResult } from '../provenance/check.ts';
import { readCheckInput } from './read-check-input.ts';
import { openDb } from '../store/db.ts';
import { audit } from '../store/keys.ts';
import { printJson } from './args.ts';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** `leakline check <file|url|->`: where did this come from, and was it altered? */
export async function runCheck({ positionals, values }: { positionals: string[]; values: Record<string, unknown> }, config: Config): Promise<number> {
  if (positionals.length !== 1) throw new DomainError('usage', 'Give one document to check: leakline check ./found.pdf (or a URL, or - for standard input)');
  const db = await openDb({ url: config.DATABASE_URL, authToken: config.DATABASE_AUTH_TOKEN });
  const fetcher = createHttpFetcher(fetcherOptionsFromEnv(config));
  try {
    const input = await readCheckInput(positionals[0]!, { fetcher, stdin: readStdin });
    await audit(db, { actor: 'cli', role: null, action: 'check', target: input.source, detail: `${input.text.length} characters` });
    const result = await checkText({ db, matcher: new Matcher(db) }, input.text);
    if (values.json) printJson(result);
    else console.log(renderCheck(input.source, result));
    return 0;
  } finally {
    await fetcher.close();
    db.$client.close();
  }
}

function renderCheck(source: string, r: CheckResult): string {
  const lines: string[] = [];
  if (r.matches.length === 0) {
    lines.push(`${source}: no match in any leak (${r.words} words checked).`);
    if (r.nearest.length > 0) {
      lines.push('Nearest documents (they share a fingerprint, not enough to match):');
      for (const n of r.nearest) lines.push(`  ${n.leak} document ${n.documentId}: similarity ${n.similarity.toFixed(2)}, ${n.matchedWords} words in common`);
    } else lines.push('It shares no fingerprint with any leaked document.');
    return lines.join('\n');
  }
  lines.push(`${source} matches:`);
  for (const m of r.matches) lines.push(`  ${m.leak} document ${m.documentId}: ${m.kind}, similarity ${m.similarity.toFixed(2)}, ${(m.coverage * 100).toFixed(0)}% of the text is from it, ${(m.documentCoverage * 100).toFixed(0)}% of it is here`);
  lines.push('', r.earliest ? `Earliest known appearance: ${r.earliest.seenAt} ${r.earliest.stage} ${r.earliest.url}` : 'Not seen anywhere yet.');
  if (r.chain.length > 0) {
    lines.push('', 'Chain:');
    for (const e of r.chain) lines.push(`  ${e.seenAt} (${e.basis}) ${e.stage.padEnd(13)} ${e.url}${e.parentUrl ? `\n      ← ${e.parentUrl}: ${e.reason}` : `  (${e.reason})`}`);
  }
  if (r.alterations.length > 0) {
    lines.push('', `Alterations against the original (${r.alterations.length}):`);
    for (const a of r.alterations) {
      const where = `at ${a.checkedStart}–${a.checkedEnd} here, ${a.documentStart}–${a.documentEnd} in the original`;
      if (a.type === 'inserted') lines.push(`  inserted ${where}: "${a.text}"`);
      else if (a.type === 'removed') lines.push(`  removed ${where}: "${a.text}"`);
      else lines.push(`  changed ${where}: "${a.originalText}" → "${a.text}"`);
    }
  }
  return lines.join('\n');
}
