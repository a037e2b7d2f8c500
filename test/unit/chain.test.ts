import { describe, expect, it } from 'vitest';
import { buildChain, type ChainNode } from '../../src/domain/provenance/chain.ts';

const DOC = 'The transfer of forty thousand euros from the harbour fund to the regional account was completed on Thursday after the donors asked to stay anonymous.';
const COMMENT = 'This is the smoking gun that the opposition has been looking for since the spring campaign began in earnest';
let id = 0;
const node = (url: string, at: string, over: Partial<ChainNode> = {}): ChainNode => ({
  sightingId: ++id,
  url,
  stage: 'amplification',
  at,
  basis: 'claimed',
  links: [],
  postId: null,
  repostOf: null,
  quoteOf: null,
  text: DOC,
  ...over,
});

describe('buildChain', () => {
  it('prefers an explicit link, then a repost, then quoting the parent’s own words, then the earliest earlier sighting', () => {
    const chain = buildChain(
      [
        node('https://paste.example/raw/1', '2024-01-01T10:00:00Z', { stage: 'drop' }),
        node('https://social.example/a/1', '2024-01-01T11:00:00Z', { postId: 'a1', text: `${COMMENT}: ${DOC}` }),
        node('https://social.example/b/2', '2024-01-01T11:05:00Z', { postId: 'b2', repostOf: 'a1' }),
        node('https://blog.example/post', '2024-01-01T12:00:00Z', { text: `As one account put it, "${COMMENT}". ${DOC}` }),
        node('https://news.example/story', '2024-01-01T13:00:00Z', { stage: 'mainstream', links: ['https://paste.example/raw/1'] }),
        node('https://other.example/copy', '2024-01-01T14:00:00Z'),
      ],
      DOC,
    );
    expect(chain.map((e) => [e.url, e.parentUrl, e.reason.split(' (')[0]])).toEqual([
      ['https://paste.example/raw/1', null, 'earliest known appearance'],
      ['https://social.example/a/1', 'https://paste.example/raw/1', 'earliest earlier sighting of the same content'],
      ['https://social.example/b/2', 'https://social.example/a/1', 'reposts it'],
      ['https://blog.example/post', 'https://social.example/a/1', 'quotes its own words'],
      ['https://news.example/story', 'https://paste.example/raw/1', 'links to it'],
      ['https://other.example/copy', 'https://paste.example/raw/1', 'earliest earlier sighting of the same content'],
    ]);
  });

  it('does not count words of the leaked document as quoting a sighting', () => {
    const chain = buildChain([node('https://a.example/1', '2024-01-01T10:00:00Z'), node('https://b.example/2', '2024-01-01T11:00:00Z')], DOC);
    expect(chain[1]!.reason).toBe('earliest earlier sighting of the same content');
  });
});
