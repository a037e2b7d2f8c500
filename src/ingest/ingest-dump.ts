import { stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import type { DumpLimits } from '../config.ts';
import { DomainError, describeError, isDomainError } from '../domain/errors.ts';
import { pickExtractor } from '../domain/extract/registry.ts';
import { extensionOf, type Blob, type Child, type Extracted, type Extractor, type Rejection } from '../domain/extract/types.ts';
import { fingerprintText, type TextFingerprint } from '../domain/fingerprint.ts';
import { isDatabaseError, type Db } from '../store/db.ts';
import { DocumentWriter } from '../store/document-writer.ts';
import { duplicateGroups, findDocumentOutcome, type NewDocument } from '../store/documents.ts';
import { DumpBudget } from './budget.ts';
import { createExtractors } from './extractors.ts';
import { fileBlob, hashFile, sha256Sync } from './file-blob.ts';
import { ingestFingerprintParts } from './fingerprint-parts.ts';
import { walkDirectory } from './walk-directory.ts';

export interface IngestProgress {
  files: number;
  bytes: number;
  documents: number;
  failed: number;
  unsupported: number;
  fingerprints: number;
  seconds: number;
  current: string | null;
}

export interface IngestFailure {
  path: string;
  status: string;
  code: string;
  reason: string;
}

export interface IngestSummary {
  leak: string;
  /** Every document recorded from the dump, whatever its status. */
  documents: number;
  /** Documents whose text was extracted and fingerprinted. */
  extracted: number;
  failed: number;
  unsupported: number;
  empty: number;
  skipped: number;
  /** Documents already known (from this or another leak) and only linked. */
  reused: number;
  bytes: number;
  fingerprints: number;
  seconds: number;
  /** Groups of documents in this leak with identical normalised text. */
  duplicateGroups: number;
  failures: IngestFailure[];
  /** Set when the dump itself could not be used; the command then exits non-zero. */
  unusable: string | null;
}

export interface IngestRequest {
  leakId: number;
  leakSlug: string;
  source: string;
  limits: DumpLimits;
  onProgress?: (progress: IngestProgress) => void;
  /** Display name of the dump's top file (uploads are stored under their hash). */
  name?: string | undefined;
}

const MAX_LISTED_FAILURES = 1000;
const PROGRESS_EVERY_MS = 200;

/**
 * Ingests a dump (a folder, an archive or a single file) into a leak: every
 * file, archive entry, mailbox message and attachment becomes a document with
 * its metadata and fingerprints; every one that cannot be read is recorded
 * with the reason. Safe to repeat: documents are keyed by content and placed
 * by path, so a second run adds no rows.
 */
export async function ingestDump(db: Db, request: IngestRequest): Promise<IngestSummary> {
  const run = new IngestRun(db, request);
  return run.start();
}

class IngestRun {
  private readonly started = Date.now();
  private readonly budget: DumpBudget;
  private readonly extractors: Extractor[];
  private readonly writer: DocumentWriter;
  private readonly counts = { documents: 0, extracted: 0, failed: 0, unsupported: 0, empty: 0, skipped: 0, reused: 0, files: 0, bytes: 0, fingerprints: 0 };
  private readonly failures: IngestFailure[] = [];
  /** Paths placed so far under the current top-level file (see placePath). */
  private readonly placed = new Set<string>();
  private lastReport = 0;
  private current: string | null = null;

  constructor(
    private readonly db: Db,
    private readonly request: IngestRequest,
  ) {
    this.budget = new DumpBudget(request.limits);
    this.extractors = createExtractors(this.budget);
    this.writer = new DocumentWriter(db);
  }

  async start(): Promise<IngestSummary> {
    const source = resolve(this.request.source);
    const info = await stat(source).catch(() => null);
    if (!info) {
      throw new DomainError('dump_not_found', `No dump at ${source}: give a folder, a .zip/.tar/.tar.gz archive or a single document.`);
    }
    let unusable: string | null = null;
    try {
      if (info.isDirectory()) {
        for await (const child of walkDirectory(source)) await this.process(child, null, 0);
        if (this.counts.documents === 0) unusable = `the folder ${source} holds no files`;
      } else if (info.isFile()) {
        const name = this.request.name ?? basename(source);
        const top = await this.process({ name, blob: await fileBlob(source, name, info.size) }, null, 0);
        // nothing in it could be read: entries cut off or refused are recorded, but as failures too
        if (top.container && top.status === 'failed' && this.counts.failed === this.counts.documents) unusable = `the archive could not be read: ${top.reason}`;
      } else {
        throw new DomainError('dump_not_found', `${source} is neither a folder nor a file.`);
      }
    } finally {
      await this.writer.flush();
    }
    this.report(true);
    return this.summary(unusable);
  }

  private summary(unusable: string | null): IngestSummary {
    const { files: _files, ...counts } = this.counts;
    return {
      leak: this.request.leakSlug,
      ...counts,
      seconds: (Date.now() - this.started) / 1000,
      duplicateGroups: 0,
      failures: this.failures,
      unusable,
    };
  }

  /** Records one file or entry (and, recursively, what it contains). */
  private async process(child: Child, parentPath: string | null, depth: number): Promise<{ status: string; container: boolean; reason: string | null }> {
    if (depth === 0) this.placed.clear();
    const path = this.placePath(parentPath ? `${parentPath}/${child.name}` : child.name);
    this.current = path;
    this.counts.files++;
    if ('rejected' in child) {
      await this.record(path, parentPath, depth, rejectedDocument(child), null, null, null);
      return { status: child.rejected.status, container: false, reason: child.rejected.reason };
    }
    const blob = child.blob;
    this.counts.bytes += blob.size;
    this.report(false);
    const extractor = blob.size === 0 ? null : pickExtractor(this.extractors, blob);
    const streamsFromDisk = Boolean(extractor?.container && blob.filePath && extractor.format !== 'mbox');

    if (blob.size > this.request.limits.maxFileBytes && !streamsFromDisk) {
      const sha256 = blob.filePath ? await hashFile(blob.filePath) : sha256Sync(await blob.read());
      const reason = `the file is ${blob.size} bytes, over the ${this.request.limits.maxFileBytes}-byte limit (LEAKLINE_MAX_FILE_BYTES); only its hash was kept`;
      await this.record(path, parentPath, depth, failedDocument(sha256, blob, extractor, 'failed', 'too_large', reason), null, null, child.note);
      return { status: 'failed', container: false, reason };
    }
    const bytes = streamsFromDisk ? null : await blob.read();
    const sha256 = bytes ? sha256Sync(bytes) : await hashFile(blob.filePath!);

    if (blob.size === 0) {
      await this.record(path, parentPath, depth, failedDocument(sha256, blob, null, 'empty', 'empty', 'the file is empty (0 bytes)'), null, null, child.note);
      return { status: 'empty', container: false, reason: 'empty' };
    }
    if (!extractor) {
      const ext = extensionOf(blob.name);
      const reason = `no extractor reads ${ext ? `.${ext} files` : 'this kind of file'}; it is kept with its hash`;
      await this.record(path, parentPath, depth, failedDocument(sha256, blob, null, 'unsupported', 'unsupported_format', reason), null, null, child.note);
      return { status: 'unsupported', container: false, reason };
    }

    const existing = await this.known(sha256);
    const walksChildren = extractor.container || extractor.hasChildren;
    if (existing !== undefined && !walksChildren) {
      // known content: placed again and reported as it was recorded (a corrupt PDF stays a failure)
      await this.writer.place(sha256, { leakId: this.request.leakId, path, parentPath, depth, note: child.note ?? null });
      this.tally(path, existing, false, 0);
      return { status: existing.status, container: false, reason: existing.error };
    }
    if (extractor.container && depth >= this.request.limits.maxDepth) {
      const reason = `archives nested deeper than ${this.request.limits.maxDepth} levels (LEAKLINE_MAX_DEPTH) are not opened`;
      await this.record(path, parentPath, depth, failedDocument(sha256, blob, extractor, 'failed', 'too_deep', reason), null, null, child.note);
      return { status: 'failed', container: true, reason };
    }

    const memoryBlob: Blob = bytes ? { ...blob, read: async () => bytes } : blob;
    let extracted: Extracted;
    try {
      extracted = await extractor.extract(memoryBlob, { depth, maxFileBytes: this.request.limits.maxFileBytes });
    } catch (error) {
      const code = isDomainError(error) ? error.code : 'extract_failed';
      const reason = describeError(error);
      await this.record(path, parentPath, depth, failedDocument(sha256, blob, extractor, 'failed', code, reason), null, null, child.note);
      return { status: 'failed', container: Boolean(extractor.container), reason };
    }

    let partial: Rejection | undefined;
    try {
      for await (const grandchild of extracted.children ?? []) await this.process(grandchild, path, depth + 1);
      partial = extracted.partial;
    } catch (error) {
      // a busy or failing database is not a corrupt archive: fail the job so it is retried
      if (isDatabaseError(error)) throw error;
      partial = { status: 'failed', code: 'corrupt', reason: `reading stopped part-way: ${describeError(error)}` };
    }

    const text = extracted.text;
    const fingerprint = text !== null && text.trim() !== '' ? await fingerprintText(text, sha256Sync, await ingestFingerprintParts()) : null;
    const doc = extractedDocument(sha256, blob, extractor, extracted, fingerprint, partial);
    await this.record(path, parentPath, depth, doc, text, fingerprint, child.note);
    return { status: doc.status, container: Boolean(extractor.container), reason: doc.error };
  }

  /**
   * A leak holds one document per path, but two entries can fold to the same
   * path (`../a.txt` and `C:\\a.txt` are both made `a.txt`; a zip may name a
   * file twice): a later one gets `~2`, `~3`… so none replaces another. Only
   * paths under one top-level file can collide, so the set is kept per file.
   */
  private placePath(path: string): string {
    let placed = path;
    for (let n = 2; this.placed.has(placed); n++) placed = `${path}~${n}`;
    this.placed.add(placed);
    return placed;
  }

  /**
   * Queues a document (unless its content is known already) and its placement
   * at `path`; `note` holds facts about the placement itself, such as the
   * unsafe name an archive gave it.
   */
  private async record(path: string, parentPath: string | null, depth: number, doc: NewDocument, text: string | null, fingerprint: TextFingerprint | null, note: Record<string, unknown> | null | undefined): Promise<void> {
    const known = await this.known(doc.key);
    if (!known) await this.writer.addDocument(doc, text, fingerprint?.passages ?? null);
    await this.writer.place(doc.key, { leakId: this.request.leakId, path, parentPath, depth, note: note ?? null });
    this.tally(path, known ?? doc, !known, !known && fingerprint ? fingerprint.passages.count : 0);
  }

  /** The recorded outcome of content seen before: queued in this run, or stored. */
  private async known(key: string) {
    return this.writer.queuedOutcome(key) ?? (await findDocumentOutcome(this.db, key));
  }

  /** Counts one placed document by its outcome, and lists it when it was not extracted. */
  private tally(path: string, doc: Pick<NewDocument, 'status' | 'errorCode' | 'error'>, created: boolean, fingerprints: number): void {
    this.counts.documents++;
    if (!created) this.counts.reused++;
    this.counts.fingerprints += fingerprints;
    if (doc.status === 'ok') this.counts.extracted++;
    else if (doc.status === 'failed') this.counts.failed++;
    else if (doc.status === 'unsupported') this.counts.unsupported++;
    else if (doc.status === 'empty') this.counts.empty++;
    else if (doc.status === 'skipped') this.counts.skipped++;
    if (doc.status !== 'ok' && this.failures.length < MAX_LISTED_FAILURES) {
      this.failures.push({ path, status: doc.status, code: doc.errorCode ?? doc.status, reason: doc.error ?? '' });
    }
    this.report(false);
  }

  private report(force: boolean): void {
    const now = Date.now();
    if (!this.request.onProgress || (!force && now - this.lastReport < PROGRESS_EVERY_MS)) return;
    this.lastReport = now;
    const c = this.counts;
    this.request.onProgress({
      files: c.files,
      bytes: c.bytes,
      documents: c.documents,
      failed: c.failed,
      unsupported: c.unsupported,
      fingerprints: c.fingerprints,
      seconds: (now - this.started) / 1000,
      current: force ? null : this.current,
    });
  }
}

const formatOf = (name: string, extractor: Extractor | null) => extractor?.format ?? (extensionOf(name) || 'unknown');

function rejectedDocument(child: Extract<Child, { rejected: Rejection }>): NewDocument {
  return {
    key: child.key,
    sha256: child.sha256 ?? null,
    textSha256: null,
    simhash: null,
    format: extensionOf(child.name) || 'unknown',
    mime: null,
    bytes: child.size,
    status: child.rejected.status,
    errorCode: child.rejected.code,
    error: child.rejected.reason,
    metadata: {},
    words: 0,
  };
}

function failedDocument(sha256: string, blob: Blob, extractor: Extractor | null, status: NewDocument['status'], code: string, reason: string): NewDocument {
  return {
    key: sha256,
    sha256,
    textSha256: null,
    simhash: null,
    format: formatOf(blob.name, extractor),
    mime: extractor?.mime ?? null,
    bytes: blob.size,
    status,
    errorCode: code,
    error: reason,
    metadata: {},
    words: 0,
  };
}

function extractedDocument(sha256: string, blob: Blob, extractor: Extractor, extracted: Extracted, fingerprint: TextFingerprint | null, partial: Rejection | undefined): NewDocument {
  const noText = extracted.text !== null && !fingerprint;
  const status = partial?.status ?? (noText ? 'empty' : 'ok');
  const errorCode = partial?.code ?? (noText ? 'no_text' : null);
  const error = partial?.reason ?? (noText ? (extractor.format === 'pdf' ? 'no text layer: a scanned PDF needs OCR first' : 'no text in the document') : null);
  return {
    key: sha256,
    sha256,
    textSha256: fingerprint?.textSha256 ?? null,
    simhash: fingerprint?.simhash ?? null,
    format: extractor.format,
    mime: extractor.mime,
    bytes: blob.size,
    status,
    errorCode,
    error,
    metadata: dropUndefined(extracted.metadata),
    words: fingerprint?.words ?? 0,
  };
}

const dropUndefined = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

/** Counts the duplicate groups of a finished ingest (kept apart so the summary stays cheap to build). */
export async function withDuplicateGroups(db: Db, leakId: number, summary: IngestSummary): Promise<IngestSummary> {
  return { ...summary, duplicateGroups: (await duplicateGroups(db, leakId)).length };
}
