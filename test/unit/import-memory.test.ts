import { Readable } from 'node:stream';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { importPosts, type PostFormat } from '../../src/import/import-posts.ts';

// a real collection between measurements, so the numbers are what is kept, not garbage not yet collected
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const MB = 1024 * 1024;
const PAD = 'the archive was mirrored again, '.repeat(12);

/** About `total` bytes of generated API v2 tweets (~1 KB each, as real ones with entities and metrics are), 1 MB a chunk. */
function* tweets(total: number): Generator<Buffer> {
  let made = 0;
  let id = 1_000_000;
  while (made < total) {
    const lines: string[] = [];
    for (let size = 0; size < MB; id++) {
      const line = `{"id":"${id}","author_id":"${id % 5000}","created_at":"2017-05-05T21:13:00.000Z","lang":"en","text":"Leaked memo ${id} https://t.co/x${id} ${PAD}","entities":{"urls":[{"start":15,"end":38,"url":"https://t.co/x${id}","expanded_url":"https://paste.example/raw/${id}"}]},"public_metrics":{"retweet_count":${id % 97},"reply_count":0,"like_count":${id % 13},"quote_count":0}}\n`;
      lines.push(line);
      size += line.length;
    }
    const chunk = Buffer.from(lines.join(''));
    made += chunk.length;
    yield chunk;
  }
}

/** The same, as one Telegram channel export: a single JSON document. */
function* telegramExport(total: number): Generator<Buffer> {
  yield Buffer.from('{\n "name": "Leak Mirror",\n "type": "public_channel",\n "id": 1409999999,\n "messages": [\n');
  let made = 0;
  let id = 1;
  while (made < total) {
    const messages: string[] = [];
    for (let size = 0; size < MB; id++) {
      const message = `${id > 1 ? ',' : ''}{"id":${id},"type":"message","date":"2017-05-05T23:13:00","date_unixtime":"1494018780","from":"Leak Mirror","from_id":"channel1409999999","text":["Part ${id} ",{"type":"text_link","text":"here","href":"https://files.example/${id}"}," ${PAD}"]}\n`;
      messages.push(message);
      size += message.length;
    }
    const chunk = Buffer.from(messages.join(''));
    made += chunk.length;
    yield chunk;
  }
  yield Buffer.from(']\n}\n');
}

/** Streams a generated file through importPosts; the most the heap held above its starting point, sampled every 20 MB. */
async function streamThrough(source: Iterable<Buffer>, format: PostFormat) {
  gc();
  const start = process.memoryUsage().heapUsed;
  let growth = 0;
  let next = 20 * MB;
  let posts = 0;
  let other = 0;
  let bytes = 0;
  for await (const item of importPosts(Readable.from(source), format, { onProgress: (p) => (bytes = p.bytes) })) {
    if ('post' in item) posts++;
    else other++;
    if (bytes >= next) {
      next += 20 * MB;
      gc();
      growth = Math.max(growth, process.memoryUsage().heapUsed - start);
    }
  }
  return { posts, other, bytes, growth };
}

describe('importing in constant memory', () => {
  it('streams 200 MB of JSON Lines holding no more than a few MB at any time', async () => {
    const { posts, other, bytes, growth } = await streamThrough(tweets(200 * MB), 'twitter-v2');
    expect(bytes).toBeGreaterThanOrEqual(200 * MB);
    expect(other).toBe(0);
    expect(posts).toBeGreaterThan(200_000);
    expect(growth).toBeLessThan(16 * MB);
  }, 30_000);

  it('streams a 50 MB Telegram export (one JSON document) message by message', async () => {
    const { posts, other, bytes, growth } = await streamThrough(telegramExport(50 * MB), 'telegram');
    expect(bytes).toBeGreaterThanOrEqual(50 * MB);
    expect(other).toBe(0);
    expect(posts).toBeGreaterThan(50_000);
    expect(growth).toBeLessThan(16 * MB);
  }, 30_000);
});
