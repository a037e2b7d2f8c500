import { unzipSync } from 'fflate';
import mammoth from 'mammoth';
import { NodeType, type HTMLElement, type Node } from 'node-html-parser';
import { DomainError } from '../errors.ts';
import { parseMarkup } from '../parse-markup.ts';
import { toIsoDate } from './dates.ts';
import { visibleText } from './html-text.ts';
import { extensionOf, startsWithBytes, type Extractor } from './types.ts';

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
/** Parts of a .docx read for metadata; each is small in any real file. */
const PROPERTY_PARTS = ['docProps/core.xml', 'docProps/app.xml'];

/** Word documents: the body text through mammoth, core and app properties as metadata. */
export const docxExtractor: Extractor = {
  format: 'docx',
  mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  fit(blob) {
    const ext = extensionOf(blob.name);
    const isDocx = ext === 'docx' || ext === 'docm' || ext === 'dotx';
    return isDocx ? (startsWithBytes(blob.head, ZIP_MAGIC) ? 3 : 1) : 0;
  },
  async extract(blob, context) {
    const bytes = await blob.read();
    if (!startsWithBytes(bytes, ZIP_MAGIC)) throw new DomainError('corrupt', 'Not a .docx: the file is not a zip package.');
    let parts: Record<string, Uint8Array>;
    let oversized: string | undefined;
    try {
      parts = unzipSync(bytes, {
        filter: (file) => {
          // refuse packages whose body would inflate past the file limit (a bomb disguised as a document)
          if (file.originalSize > context.maxFileBytes) oversized ??= file.name;
          return PROPERTY_PARTS.includes(file.name) && file.originalSize < 1 << 20;
        },
      });
    } catch (error) {
      throw new DomainError('corrupt', `The .docx package is damaged: ${(error as Error).message}`);
    }
    if (oversized) {
      throw new DomainError('too_large', `The .docx part ${oversized} inflates past the ${context.maxFileBytes}-byte file limit; it was not read.`);
    }
    let text: string;
    try {
      text = (await mammoth.extractRawText({ buffer: bytes as unknown as Buffer })).value;
    } catch (error) {
      throw new DomainError('corrupt', `The .docx body could not be read: ${(error as Error).message}`);
    }
    return { text: text.replace(/\n{3,}/g, '\n\n').trim(), metadata: docxProperties(parts) };
  },
};

const CORE_FIELDS: Record<string, string> = {
  'dc:title': 'title',
  'dc:subject': 'subject',
  'dc:creator': 'author',
  'cp:lastmodifiedby': 'lastModifiedBy',
  'cp:revision': 'revision',
  'dc:language': 'language',
  'cp:keywords': 'keywords',
  'dcterms:created': 'created',
  'dcterms:modified': 'modified',
  'cp:lastprinted': 'lastPrinted',
};
const APP_FIELDS: Record<string, string> = {
  application: 'creator',
  appversion: 'creatorVersion',
  company: 'company',
  template: 'template',
  totaltime: 'editingMinutes',
  pages: 'pages',
};

function docxProperties(parts: Record<string, Uint8Array>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const read = (name: string, fields: Record<string, string>) => {
    const xml = parts[name];
    if (!xml) return;
    // hostile nesting in a part must neither overflow the stack (querySelectorAll and .text recurse) nor take
    // minutes: the walk uses a stack, and only the first element of each field is read
    const root = parseMarkup(new TextDecoder().decode(xml));
    const stack: Node[] = [...root.childNodes].reverse();
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (node.nodeType !== NodeType.ELEMENT_NODE) continue;
      const el = node as HTMLElement;
      const key = fields[(el.rawTagName ?? '').toLowerCase()];
      if (key && !(key in out)) {
        const value = visibleText(el);
        if (value) out[key] = key === 'created' || key === 'modified' || key === 'lastPrinted' ? (toIsoDate(value) ?? value) : value.slice(0, 500);
      }
      for (let i = el.childNodes.length - 1; i >= 0; i--) stack.push(el.childNodes[i]!);
    }
  };
  read('docProps/core.xml', CORE_FIELDS);
  read('docProps/app.xml', APP_FIELDS);
  return out;
}
