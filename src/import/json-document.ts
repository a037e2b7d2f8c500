import { DomainError } from '../domain/errors.ts';
import type { Token } from './json-tokens.ts';
import { ValueBuilder, type ValueLimits } from './json-value.ts';

export type JsonPath = ReadonlyArray<string | number>;
/**
 * What to do with the value at a path: emit it as a `record`, keep it as
 * `context` for the records that follow in the same container (a chat's
 * name), `descend` into it looking for more, or `skip` it unread.
 */
export type Selection = 'record' | 'context' | 'descend' | 'skip';
export type PathSelector = (path: JsonPath, kind: 'object' | 'array' | 'scalar') => Selection;

export type DocumentItem =
  | { record: unknown; at: string; context: Record<string, unknown> }
  | { rejected: string; at: string };

/** Deeper than this the tokenizer's own stack would grow without bound: the document is given up. */
export const MAX_DOCUMENT_DEPTH = 10_000;
const CONTEXT_LIMITS: ValueLimits = { maxChars: 64 * 1024, maxDepth: 8 };

type Frame = { kind: 'object' | 'array'; path: JsonPath; key: string | null; next: number; context: Record<string, unknown> };
type Active = { builder: ValueBuilder; selection: Selection; path: JsonPath };

/**
 * Walks the token stream of one JSON document (or of a sequence of them) and
 * picks out the records a format wants, one at a time, so memory holds one
 * record and the path to it, never the document: a multi-GB Telegram export
 * streams message by message.
 *
 * @example
 * // the elements of a top-level "messages" array, one at a time
 * const walker = new DocumentWalker((path) => (path.length < 2 ? 'descend' : 'record'), { maxChars: 16 << 20, maxDepth: 128 });
 * for (const token of tokenizer.write(text)) walker.push(token, out);
 */
export class DocumentWalker {
  private readonly frames: Frame[] = [];
  private active: Active | null = null;
  private keyChunks: string[] | null = null;
  private depth = 0;

  constructor(
    private readonly select: PathSelector,
    private readonly recordLimits: ValueLimits,
  ) {}

  /** Feeds one token; finished records and rejections are appended to `out`. */
  push(token: Token, out: DocumentItem[]): void {
    if (token.name === 'startObject' || token.name === 'startArray') {
      if (++this.depth > MAX_DOCUMENT_DEPTH) {
        throw new DomainError('json_too_deep', `the JSON is nested deeper than ${MAX_DOCUMENT_DEPTH} levels: not a post export`);
      }
    } else if (token.name === 'endObject' || token.name === 'endArray') this.depth--;

    if (this.active) {
      if (this.active.builder.push(token)) this.finish(this.active, out);
      return;
    }
    const frame = this.frames.at(-1);
    switch (token.name) {
      case 'startKey':
        this.keyChunks = [];
        return;
      case 'stringChunk':
        // a key being read by the walker; its length is capped, it only has to match a path
        if (this.keyChunks && this.keyChunks.length < 64) this.keyChunks.push(token.value.slice(0, 1024));
        return;
      case 'endKey':
        if (frame) frame.key = (this.keyChunks ?? []).join('');
        this.keyChunks = null;
        return;
      case 'endObject':
      case 'endArray':
        this.frames.pop();
        return;
      case 'startObject':
      case 'startArray':
      case 'startString':
      case 'startNumber':
      case 'nullValue':
      case 'trueValue':
      case 'falseValue':
        return this.startValue(token, frame, out);
      default:
        return;
    }
  }

  private startValue(token: Token, frame: Frame | undefined, out: DocumentItem[]) {
    const path = frame ? [...frame.path, frame.kind === 'object' ? (frame.key ?? '') : frame.next++] : [];
    const kind = token.name === 'startObject' ? 'object' : token.name === 'startArray' ? 'array' : 'scalar';
    const selection = this.select(path, kind);
    if (selection === 'descend' && kind !== 'scalar') {
      this.frames.push({ kind, path, key: null, next: 0, context: {} });
      return;
    }
    const limits = selection === 'record' ? this.recordLimits : selection === 'context' ? CONTEXT_LIMITS : null;
    const active = { builder: new ValueBuilder(limits), selection, path };
    this.active = active;
    if (active.builder.push(token)) this.finish(active, out);
  }

  private finish(active: Active, out: DocumentItem[]) {
    this.active = null;
    const { builder, selection, path } = active;
    if (selection === 'record') {
      const at = formatPath(path);
      if (builder.failure) out.push({ rejected: `${builder.failure}: skipped`, at });
      else out.push({ record: builder.value, at, context: this.context() });
    } else if (selection === 'context' && !builder.failure) {
      const frame = this.frames.at(-1);
      const key = path.at(-1);
      if (frame && key !== undefined) frame.context[String(key)] = builder.value;
    }
  }

  /** Context values of the containers around the current position, inner ones winning. */
  private context(): Record<string, unknown> {
    return Object.assign({}, ...this.frames.map((f) => f.context)) as Record<string, unknown>;
  }
}

/** `chats.list[3].messages[12]`: where a record sits in its document. */
export function formatPath(path: JsonPath): string {
  let out = '';
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : out ? `.${part}` : part;
  return out || '(document)';
}
