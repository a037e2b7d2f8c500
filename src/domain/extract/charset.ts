/**
 * Decoding of text whose encoding nobody declared: a BOM (UTF-8, UTF-16 LE/BE),
 * BOM-less UTF-16 recognised by its zero bytes, strict UTF-8, and otherwise
 * Windows-1252 (a superset of Latin-1's printable range, and what most legacy
 * Western "ANSI" files are). Pure code, so it runs on Workers too.
 */
export interface DecodedText {
  text: string;
  charset: 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252' | string;
  /** True when the bytes were not valid in the charset first tried (UTF-8). */
  fallback: boolean;
}

const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8d, 0x017d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x9d, 0x017e, 0x0178,
];

export function decodeWindows1252(bytes: Uint8Array): string {
  const chunks: string[] = [];
  const CHUNK = 8192;
  for (let i = 0; i < bytes.length; i += CHUNK) {
    const end = Math.min(bytes.length, i + CHUNK);
    const codes = new Uint16Array(end - i);
    for (let j = i; j < end; j++) {
      const b = bytes[j]!;
      codes[j - i] = b >= 0x80 && b < 0xa0 ? CP1252_HIGH[b - 0x80]! : b;
    }
    chunks.push(String.fromCharCode(...codes));
  }
  return chunks.join('');
}

function decodeUtf16(bytes: Uint8Array, littleEndian: boolean, offset: number): string {
  const chunks: string[] = [];
  const CHUNK = 8192;
  const usable = bytes.length - ((bytes.length - offset) % 2);
  for (let i = offset; i < usable; i += CHUNK * 2) {
    const end = Math.min(usable, i + CHUNK * 2);
    const codes = new Uint16Array((end - i) / 2);
    for (let j = i, k = 0; j < end; j += 2, k++) {
      codes[k] = littleEndian ? bytes[j]! | (bytes[j + 1]! << 8) : (bytes[j]! << 8) | bytes[j + 1]!;
    }
    chunks.push(String.fromCharCode(...codes));
  }
  return chunks.join('');
}

/**
 * Share of zero bytes at even and odd positions in the first 4 KiB, counting
 * only pairs whose other byte is printable: BOM-less UTF-16 of Latin-script
 * text is zero every other byte with printable ASCII between.
 */
function zeroShares(bytes: Uint8Array): [number, number] {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 16) return [0, 0];
  let even = 0;
  let odd = 0;
  const printable = (b: number) => (b >= 32 && b < 127) || b === 9 || b === 10 || b === 13;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0 && printable(bytes[i + 1]!)) even++;
    if (bytes[i + 1] === 0 && printable(bytes[i]!)) odd++;
  }
  return [even / (n / 2), odd / (n / 2)];
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const utf8Lenient = new TextDecoder('utf-8', { ignoreBOM: true });

/**
 * Decodes bytes of unknown encoding, preferring a charset declared by the
 * format (an HTML meta tag, a MIME header) when the runtime knows it.
 *
 * @example
 * decodeText(new Uint8Array([0x63, 0x61, 0x66, 0xe9])); // { text: 'café', charset: 'windows-1252', fallback: true }
 */
export function decodeText(bytes: Uint8Array, declared?: string | null): DecodedText {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: utf8Lenient.decode(bytes.subarray(3)), charset: 'utf-8', fallback: false };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: decodeUtf16(bytes, true, 2), charset: 'utf-16le', fallback: false };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: decodeUtf16(bytes, false, 2), charset: 'utf-16be', fallback: false };
  const [even, odd] = zeroShares(bytes);
  if (odd > 0.3 && even < 0.05) return { text: decodeUtf16(bytes, true, 0), charset: 'utf-16le', fallback: false };
  if (even > 0.3 && odd < 0.05) return { text: decodeUtf16(bytes, false, 0), charset: 'utf-16be', fallback: false };

  const label = declared?.trim().toLowerCase();
  if (label && label !== 'utf-8' && label !== 'utf8') {
    if (label === 'iso-8859-1' || label === 'latin1' || label === 'us-ascii' || label === 'ascii' || label === 'windows-1252') {
      // WHATWG maps all three to windows-1252; so do browsers
      return { text: decodeWindows1252(bytes), charset: 'windows-1252', fallback: false };
    }
    try {
      return { text: new TextDecoder(label).decode(bytes), charset: label, fallback: false };
    } catch {
      // unknown label: fall through to detection
    }
  }
  try {
    return { text: utf8.decode(bytes), charset: 'utf-8', fallback: false };
  } catch {
    return { text: decodeWindows1252(bytes), charset: 'windows-1252', fallback: true };
  }
}

/**
 * True when bytes look like binary data rather than text: zero bytes (outside
 * UTF-16) or many control characters in the first 4 KiB.
 */
export function looksBinary(head: Uint8Array): boolean {
  const n = Math.min(head.length, 4096);
  if (n === 0) return false;
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) return false;
  const [even, odd] = zeroShares(head);
  if ((odd > 0.3 && even < 0.05) || (even > 0.3 && odd < 0.05)) return false;
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = head[i]!;
    if (b === 0) return true;
    if (b < 9 || (b > 13 && b < 32 && b !== 27)) control++;
  }
  return control / n > 0.1;
}
