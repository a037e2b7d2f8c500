import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ConfigError, parseConfig } from './config.ts';
import { isDomainError } from './domain/errors.ts';
import { runAnomalies, runDocuments, runDuplicates, runLeaks } from './cli/browse.ts';
import { runIngest } from './cli/ingest.ts';
import { runServe } from './cli/serve.ts';
import { runWorker } from './cli/worker.ts';
import { runCheck } from './cli/check.ts';
import { runCrawl } from './cli/crawl.ts';
import { runDomains } from './cli/domains.ts';
import { EXTRACT_USAGE, extractOptions, runExtract } from './cli/extract.ts';
import { fetcherOptionsFromEnv } from './fetch/fetch-config.ts';
import { createHttpFetcher } from './fetch/fetcher.ts';
import { runFeeds } from './cli/feeds.ts';
import { runImportPosts } from './cli/import-posts.ts';
import { runImportPage } from './cli/import-page.ts';
import { runKeys } from './cli/keys.ts';
import { runSightings } from './cli/sightings.ts';
import { runTimeline } from './cli/timeline.ts';

const HELP = `leakline: track leaked document dumps from drop sites to the mainstream

Usage:
  leakline ingest <dump> --leak <slug> [--title T] [--dropped-at ISO] [--drop-url URL] [--json] [--force]
        A folder, .zip, .tar, .tar.gz/.tgz or single file. Every file, entry, message and
        attachment becomes a document with metadata and fingerprints.
  leakline serve [--port 8787] [--host 127.0.0.1]
        API and dashboard. Jobs run in this process unless REDIS_URL is set.
  leakline worker
        Runs queued jobs from Redis (needs REDIS_URL). Stops cleanly on SIGTERM.
  leakline leaks [--json]                       List leaks.
  leakline documents <leak> [--status S] [--json]  List a leak's documents.
  leakline duplicates <leak> [--min-words N] [--json]  Groups of identical texts.
  leakline keys create --role reader|analyst|admin [--label L] [--json] | keys list | keys revoke <id> | keys audit
        API keys (shown once, stored hashed) and the audit trail.
  leakline anomalies <leak> [--json]            Documents whose metadata stand out (forensics).
  leakline crawl <url…> [--depth N] [--json]    Fetch pages, match them, follow links into known domains.
  leakline import-posts <file> --format F [--json]
        F: twitter-v2, ira-csv, telegram, reddit, bluesky, mastodon, jsonl. Streams; keeps matching posts.
  leakline import-page <file> --url URL [--published-at ISO] [--json]
        A saved page matched as if fetched from URL (for sources gone from the web).
  leakline domains add <host[/path]> --stage drop|amplification|mainstream [--tier 1-3] [--label L]
  leakline domains list [--stage S] [--json] | domains remove <host[/path]>
  ${EXTRACT_USAGE}
  leakline feeds add <url> [--every 15m] | feeds list | feeds remove <id|url> | feeds poll
        RSS, Atom, JSON Feed; new items are fetched and matched. Polled while serve or workers run.
  leakline watch add <url> --every 10m | watch list | watch remove <id|url>
        A page whose new links are fetched (forum index, paste archive); t.me/s/<channel> is read as posts.
  leakline check <file|url|-> [--json]         Which leaks it carries, its first appearance, the chain, alterations.
  leakline timeline <leak> [--json | --csv]     Stage by stage: first sightings, lags, the mainstream moment.
  leakline sightings <leak> [--json] [--stage S] [--kind K] [--domain D] [--since ISO] [--until ISO]

Environment: DATABASE_URL (default file:./data/leakline.db), DATABASE_AUTH_TOKEN, REDIS_URL,
LEAKLINE_QUEUE_PREFIX, PORT, HOST, LEAKLINE_MAX_FILE_BYTES, LEAKLINE_MAX_DUMP_BYTES,
LEAKLINE_MAX_RATIO, LEAKLINE_MAX_DEPTH, LEAKLINE_MAX_ENTRIES, LEAKLINE_UPLOAD_DIR, LEAKLINE_FETCH_ALLOW,
LEAKLINE_FETCH_TIMEOUT_MS, LEAKLINE_FETCH_MAX_BYTES, LEAKLINE_FETCH_MAX_REDIRECTS, LEAKLINE_FETCH_ROBOTS,
LEAKLINE_FETCH_USER_AGENT, LEAKLINE_FETCH_HOST_CONCURRENCY, LEAKLINE_FETCH_HOST_DELAY_MS, LEAKLINE_POLL_EVERY.`;

type Options = NonNullable<ParseArgsConfig['options']>;

const COMMANDS: Record<string, { options: Options; run: (args: { positionals: string[]; values: Record<string, unknown> }, env: NodeJS.ProcessEnv) => Promise<number> }> = {
  ingest: {
    options: {
      leak: { type: 'string' },
      title: { type: 'string' },
      'dropped-at': { type: 'string' },
      'drop-url': { type: 'string' },
      json: { type: 'boolean' },
      force: { type: 'boolean' },
    },
    run: (a, env) => runIngest(a, parseConfig(env)),
  },
  serve: { options: { port: { type: 'string' }, host: { type: 'string' } }, run: (a, env) => runServe(a, env) },
  worker: { options: {}, run: (_a, env) => runWorker(parseConfig(env)) },
  leaks: { options: { json: { type: 'boolean' } }, run: (a, env) => runLeaks(a, parseConfig(env)) },
  documents: { options: { json: { type: 'boolean' }, status: { type: 'string' }, limit: { type: 'string' } }, run: (a, env) => runDocuments(a, parseConfig(env)) },
  duplicates: { options: { json: { type: 'boolean' }, 'min-words': { type: 'string' } }, run: (a, env) => runDuplicates(a, parseConfig(env)) },
  'import-page': { options: { url: { type: 'string' }, 'published-at': { type: 'string' }, json: { type: 'boolean' } }, run: (a, env) => runImportPage(a, parseConfig(env)) },
  keys: { options: { role: { type: 'string' }, label: { type: 'string' }, json: { type: 'boolean' } }, run: (a, env) => runKeys(a, parseConfig(env)) },
  anomalies: { options: { json: { type: 'boolean' } }, run: (a, env) => runAnomalies(a, parseConfig(env)) },
  crawl: { options: { depth: { type: 'string' }, json: { type: 'boolean' }, force: { type: 'boolean' } }, run: (a, env) => runCrawl(a, parseConfig(env)) },
  'import-posts': { options: { format: { type: 'string' }, json: { type: 'boolean' }, force: { type: 'boolean' } }, run: (a, env) => runImportPosts(a, parseConfig(env)) },
  domains: {
    options: { stage: { type: 'string' }, tier: { type: 'string' }, label: { type: 'string' }, platform: { type: 'string' }, json: { type: 'boolean' } },
    run: (a, env) => runDomains(a, parseConfig(env)),
  },
  extract: {
    options: extractOptions,
    run: async (a, env) => {
      // URLs go through the same guarded fetcher as the crawler (SSRF guard, robots, size cap)
      const fetcher = createHttpFetcher(fetcherOptionsFromEnv(parseConfig(env)));
      try {
        return await runExtract(a, async (url) => {
          const page = await fetcher.fetch(url, { accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5' });
          return { url: page.url, body: page.body, contentType: page.contentType ? `${page.contentType}${page.charset ? `; charset=${page.charset}` : ''}` : null };
        });
      } finally {
        await fetcher.close();
      }
    },
  },
  feeds: { options: { every: { type: 'string' }, json: { type: 'boolean' } }, run: (a, env) => runFeeds(a, parseConfig(env), 'feed') },
  watch: { options: { every: { type: 'string' }, json: { type: 'boolean' } }, run: (a, env) => runFeeds(a, parseConfig(env), 'watch') },
  check: { options: { json: { type: 'boolean' } }, run: (a, env) => runCheck(a, parseConfig(env)) },
  timeline: { options: { json: { type: 'boolean' }, csv: { type: 'boolean' } }, run: (a, env) => runTimeline(a, parseConfig(env)) },
  sightings: {
    options: { json: { type: 'boolean' }, stage: { type: 'string' }, kind: { type: 'string' }, domain: { type: 'string' }, since: { type: 'string' }, until: { type: 'string' }, limit: { type: 'string' } },
    run: (a, env) => runSightings(a, parseConfig(env)),
  },
};

export async function main(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    console.log(HELP);
    return name ? 0 : 1;
  }
  const command = COMMANDS[name];
  if (!command) {
    console.error(`leakline: unknown command "${name}".\n\n${HELP}`);
    return 64;
  }
  try {
    const parsed = parseArgs({ args: rest, options: command.options, allowPositionals: true, strict: true });
    return await command.run({ positionals: parsed.positionals, values: parsed.values as Record<string, unknown> }, env);
  } catch (error) {
    if (error instanceof ConfigError) console.error(`leakline: ${error.message}`);
    else if (isDomainError(error)) console.error(`leakline: ${error.message}`);
    else if ((error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) console.error(`leakline ${name}: ${(error as Error).message}. See \`leakline help\`.`);
    else {
      console.error(error);
      return 70;
    }
    return 64;
  }
}

const code = await main(process.argv.slice(2), process.env);
if (code !== -1) process.exitCode = code;
