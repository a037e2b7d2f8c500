/**
 * A file as an extractor sees it: a name, a size, the first bytes for
 * sniffing, and the whole content on demand. Archives on disk also carry the
 * path so they can be streamed instead of read into memory.
 */
export interface Blob {
  name: string;
  size: number;
  head: Uint8Array;
  read(): Promise<Uint8Array>;
  /** Set for a file on local disk. */
  filePath?: string;
}

/** Why a file or entry was not extracted; recorded on its document. */
export interface Rejection {
  status: 'failed' | 'skipped' | 'unsupported' | 'empty';
  code: string;
  reason: string;
}

/** One item inside a container (archive entry, mbox message, mail attachment). */
export type Child =
  | {
      name: string;
      blob: Blob;
      /** Facts about the entry itself, kept with the document (e.g. an unsafe original path). */
      note?: Record<string, unknown>;
    }
  | {
      name: string;
      rejected: Rejection;
      /** Declared or measured size in bytes. */
      size: number;
      /** The identity of content that was not read (`unread:` + digest). */
      key: string;
      /** sha256 of the content, when it was streamed through without being kept. */
      sha256?: string | undefined;
    };

export interface Extracted {
  /** The document's text, or null for a container with no text of its own. */
  text: string | null;
  metadata: Record<string, unknown>;
  children?: AsyncIterable<Child> | Iterable<Child>;
  /** Set when the container could only be read in part (e.g. a truncated archive). */
  partial?: Rejection;
}

export interface ExtractContext {
  /** Nesting depth of containers above this file. */
  depth: number;
  maxFileBytes: number;
}

/**
 * An entry of the format registry. `fit` says how well it fits a file
 * (0: not at all; 1: by name only; 2: by content; 3: by name and content);
 * the best fit wins.
 */
export interface Extractor {
  format: string;
  mime: string;
  /** Containers (archives, mailboxes) are subject to the nesting limit. */
  container?: boolean;
  /** Documents that may carry children of their own (mail attachments). */
  hasChildren?: boolean;
  fit(blob: Blob): number;
  extract(blob: Blob, context: ExtractContext): Promise<Extracted>;
}

export const extensionOf = (name: string): string => {
  const base = name.slice(name.lastIndexOf('/') + 1).toLowerCase();
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1) : '';
};

export const startsWithBytes = (head: Uint8Array, signature: number[], at = 0): boolean =>
  head.length >= at + signature.length && signature.every((b, i) => head[at + i] === b);
