import { strToU8, zipSync, type Zippable } from 'fflate';
import { gzipSync } from 'node:zlib';

export const utf8 = (s: string) => new TextEncoder().encode(s);

/** A .docx with a body of paragraphs and core/app properties. */
export function makeDocx(paragraphs: string[], core: { creator?: string; lastModifiedBy?: string; created?: string; modified?: string; title?: string } = {}, app = 'Microsoft Office Word'): Uint8Array {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const body = paragraphs.map((p) => `<w:p><w:r><w:t xml:space="preserve">${esc(p)}</w:t></w:r></w:p>`).join('');
  const files: Zippable = {
    '[Content_Types].xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>',
    ),
    '_rels/.rels': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/></Relationships>',
    ),
    'word/document.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`,
    ),
    'docProps/core.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
        (core.title ? `<dc:title>${esc(core.title)}</dc:title>` : '') +
        (core.creator ? `<dc:creator>${esc(core.creator)}</dc:creator>` : '') +
        (core.lastModifiedBy ? `<cp:lastModifiedBy>${esc(core.lastModifiedBy)}</cp:lastModifiedBy>` : '') +
        (core.created ? `<dcterms:created xsi:type="dcterms:W3CDTF">${core.created}</dcterms:created>` : '') +
        (core.modified ? `<dcterms:modified xsi:type="dcterms:W3CDTF">${core.modified}</dcterms:modified>` : '') +
        '</cp:coreProperties>',
    ),
    'docProps/app.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>${esc(app)}</Application></Properties>`,
    ),
  };
  return zipSync(files);
}

/** A zip of the given files (names are used exactly as given, `../` included). */
export function makeZip(files: Record<string, Uint8Array | string>, level: 0 | 6 | 9 = 6): Uint8Array {
  const entries: Zippable = {};
  for (const [name, content] of Object.entries(files)) entries[name] = [typeof content === 'string' ? utf8(content) : content, { level }];
  return zipSync(entries);
}

interface TarFile {
  name: string;
  content?: Uint8Array | string;
  type?: 'file' | 'symlink' | 'hardlink' | 'dir';
  linkname?: string;
}

const TAR_TYPE_FLAGS = { file: '0', hardlink: '1', symlink: '2', dir: '5' } as const;

/** A ustar archive (optionally gzip-compressed) with files, folders and links. */
export function makeTar(files: TarFile[], gzip = false): Uint8Array {
  const blocks: Uint8Array[] = [];
  for (const file of files) {
    const content = typeof file.content === 'string' ? utf8(file.content) : (file.content ?? new Uint8Array(0));
    const header = new Uint8Array(512);
    const put = (text: string, at: number, length: number) => header.set(utf8(text).subarray(0, length), at);
    const octal = (n: number, length: number) => n.toString(8).padStart(length - 1, '0');
    put(file.name, 0, 100);
    put(octal(file.type === 'dir' ? 0o755 : 0o644, 8), 100, 8);
    put(octal(0, 8), 108, 8);
    put(octal(0, 8), 116, 8);
    put(octal(file.type === 'file' || !file.type ? content.length : 0, 12), 124, 12);
    put(octal(1_500_000_000, 12), 136, 12);
    put('        ', 148, 8);
    header[156] = TAR_TYPE_FLAGS[file.type ?? 'file'].charCodeAt(0);
    if (file.linkname) put(file.linkname, 157, 100);
    put('ustar\u000000', 257, 8);
    let sum = 0;
    for (const b of header) sum += b;
    put(`${sum.toString(8).padStart(6, '0')}\u0000 `, 148, 8);
    blocks.push(header);
    if (!file.type || file.type === 'file') {
      const padded = new Uint8Array(Math.ceil(content.length / 512) * 512);
      padded.set(content);
      blocks.push(padded);
    }
  }
  blocks.push(new Uint8Array(1024));
  const total = blocks.reduce((n, b) => n + b.length, 0);
  const out = new Uint8Array(total);
  let at = 0;
  for (const b of blocks) {
    out.set(b, at);
    at += b.length;
  }
  return gzip ? new Uint8Array(gzipSync(out)) : out;
}

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;

/**
 * Rewrites fields of the local and central headers of the named entries (all
 * entries when `names` is not given), as a hostile or unusual archiver would
 * have written them. `patch` gets a view of the header and which kind it is.
 */
export function patchZipHeaders(zip: Uint8Array, names: readonly string[] | null, patch: (header: DataView, kind: 'local' | 'central') => void): Uint8Array {
  const out = new Uint8Array(zip);
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
  const nameAt = (at: number, length: number) => new TextDecoder().decode(out.subarray(at, at + length));
  for (let i = 0; i + 46 <= out.length; i++) {
    const signature = view.getUint32(i, true);
    if (signature === LOCAL_HEADER) {
      if (!names || names.includes(nameAt(i + 30, view.getUint16(i + 26, true)))) patch(new DataView(out.buffer, out.byteOffset + i), 'local');
    } else if (signature === CENTRAL_HEADER) {
      if (!names || names.includes(nameAt(i + 46, view.getUint16(i + 28, true)))) patch(new DataView(out.buffer, out.byteOffset + i), 'central');
    }
  }
  return out;
}

/** Sets the "encrypted" flag on the named entries of a zip (every entry by default), as an encrypting archiver would. */
export function markZipEncrypted(zip: Uint8Array, names: readonly string[] | null = null): Uint8Array {
  return patchZipHeaders(zip, names, (header, kind) => {
    const at = kind === 'local' ? 6 : 8;
    header.setUint16(at, header.getUint16(at, true) | 1, true);
  });
}

/** Makes the named entry declare an uncompressed size it does not have (a bomb that lies about its size). */
export function setZipDeclaredSize(zip: Uint8Array, name: string, declared: number): Uint8Array {
  return patchZipHeaders(zip, [name], (header, kind) => header.setUint32(kind === 'local' ? 22 : 24, declared, true));
}

/** Marks one entry of a zip as a Unix symbolic link (its content is the target). */
export function makeZipWithSymlink(name: string, target: string, others: Record<string, string>): Uint8Array {
  const entries: Zippable = {};
  for (const [n, c] of Object.entries(others)) entries[n] = utf8(c);
  entries[name] = [utf8(target), { level: 0, os: 3, attrs: (0o120777 << 16) >>> 0 }];
  return zipSync(entries);
}
