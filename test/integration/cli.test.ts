import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import { makeZip } from '../helpers/make-archives.ts';
import { SAMPLE_DUMP, tempDb } from '../helpers/temp.ts';

describe('leakline ingest', () => {
  let env: Awaited<ReturnType<typeof tempDb>>;
  let cliEnv: Record<string, string>;
  beforeAll(async () => {
    env = await tempDb();
    cliEnv = { DATABASE_URL: env.url };
  });
  afterAll(() => env.cleanup());

  it('prints a --json summary with the contracted fields', async () => {
    const args = ['ingest', SAMPLE_DUMP, '--leak', 'northbridge', '--title', 'Northbridge', '--dropped-at', '2024-10-20T18:35:00Z', '--drop-url', 'https://paste.example/raw/nb', '--json'];
    const { code, stdout } = await runCli(args, cliEnv);
    expect(code).toBe(0);
    const summary = JSON.parse(stdout);
    expect(summary).toMatchObject({ leak: 'northbridge', documents: 18, failed: 0, unsupported: 1, bytes: expect.any(Number), fingerprints: expect.any(Number), seconds: expect.any(Number) });
    expect(summary.fingerprints).toBeGreaterThan(50);
    expect(summary.failures).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'backup/photo.heic', code: 'unsupported_format', reason: expect.stringContaining('.heic') })]));
  });

  it('prints a readable summary and lists documents and duplicates', async () => {
    const { code, stdout } = await runCli(['ingest', SAMPLE_DUMP, '--leak', 'northbridge'], cliEnv);
    expect(code).toBe(0);
    expect(stdout).toMatch(/18 documents/);
    const docs = await runCli(['documents', 'northbridge', '--status', 'unsupported', '--json'], cliEnv);
    expect(JSON.parse(docs.stdout).map((d: { path: string }) => d.path)).toEqual(['backup/photo.heic']);
    const dups = await runCli(['duplicates', 'northbridge', '--json'], cliEnv);
    expect(JSON.parse(dups.stdout)[0].paths).toEqual(expect.arrayContaining(['data/copy-of-memo.txt', 'finance/transfer-memo.txt']));
    const leaks = await runCli(['leaks', '--json'], cliEnv);
    expect(JSON.parse(leaks.stdout)[0]).toMatchObject({ slug: 'northbridge', title: 'Northbridge', droppedAt: '2024-10-20T18:35:00.000Z' });
  });

  it('exits non-zero only when the dump itself is unusable', async () => {
    const missing = await runCli(['ingest', join(env.dir, 'nope.zip'), '--leak', 'x'], cliEnv);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no dump at/);

    const truncated = join(env.dir, 'truncated.zip');
    await writeFile(truncated, makeZip({ 'a.txt': 'x'.repeat(1000) }, 0).subarray(0, 20));
    const broken = await runCli(['ingest', truncated, '--leak', 'broken', '--json'], cliEnv);
    expect(broken.code).toBe(2);
    expect(JSON.parse(broken.stdout).unusable).toMatch(/could not be read/);

    const partlyBad = join(env.dir, 'partly-bad.zip');
    await writeFile(partlyBad, makeZip({ 'good.txt': 'a perfectly readable note about the payments', 'bad.pdf': '%PDF-1.4 garbage' }));
    const mixed = await runCli(['ingest', partlyBad, '--leak', 'mixed', '--json'], cliEnv);
    expect(mixed.code).toBe(0);
    expect(JSON.parse(mixed.stdout)).toMatchObject({ failed: 1, failures: [expect.objectContaining({ path: 'partly-bad.zip/bad.pdf', code: 'corrupt' })] });
  });

  it('explains bad flags and configuration', async () => {
    const noLeak = await runCli(['ingest', SAMPLE_DUMP], cliEnv);
    expect(noLeak.code).toBe(64);
    expect(noLeak.stderr).toMatch(/--leak/);
    const badDate = await runCli(['ingest', SAMPLE_DUMP, '--leak', 'x', '--dropped-at', 'last tuesday'], cliEnv);
    expect(badDate.stderr).toMatch(/--dropped-at: must be an ISO-8601/);
    const badEnv = await runCli(['leaks'], { DATABASE_URL: 'postgres://nope' });
    expect(badEnv.code).toBe(64);
    expect(badEnv.stderr).toMatch(/DATABASE_URL: must be a file: path/);
    const unknown = await runCli(['ingest', SAMPLE_DUMP, '--leak', 'x', '--bogus'], cliEnv);
    expect(unknown.stderr).toMatch(/bogus/);
  });
});
