import { CatalogFileError } from './errors.ts';

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface EncodingGuess {
  encoding: TextEncoding;
  /** Bytes of byte-order mark to skip. */
  bom: number;
}

/** Length of the longest prefix of `bytes` that does not end inside a UTF-8 multi-byte sequence. */
function completeUtf8Length(bytes: Uint8Array): number {
  const n = bytes.length;
  for (let back = 1; back <= Math.min(4, n); back++) {
    const b = bytes[n - back];
    if ((b & 0xc0) === 0x80) continue; // continuation byte: keep looking for the lead
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return need > back ? n - back : n;
  }
  return n;
}

/** Offset of the first byte that breaks UTF-8 (overlongs and surrogates are left to TextDecoder). */
function firstInvalidUtf8(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i];
    const need =
      b < 0x80 ? 0 : b >= 0xc2 && b < 0xe0 ? 1 : b >= 0xe0 && b < 0xf0 ? 2 : b >= 0xf0 && b < 0xf5 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) if ((bytes[i + k] & 0xc0) !== 0x80) return i;
    i += need + 1;
  }
  return bytes.length;
}

const utf8Fatal = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    utf8Fatal.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** UTF-16 without a BOM still betrays itself: in Latin text every other byte is zero. */
function utf16WithoutBom(head: Uint8Array): TextEncoding | null {
  const n = Math.min(head.length, 4096) & ~1;
  if (n < 8) return null;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (head[i] === 0) evenZero++;
    if (head[i + 1] === 0) oddZero++;
  }
  const pairs = n / 2;
  if (oddZero > pairs * 0.4 && evenZero < pairs * 0.05) return 'utf-16le';
  if (evenZero > pairs * 0.4 && oddZero < pairs * 0.05) return 'utf-16be';
  return null;
}

// Bytes that windows-1252 leaves undefined; real single-byte text does not contain them.
const CP1252_UNDEFINED = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);

function isControl(b: number): boolean {
  return b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1a;
}

/**
 * Decides how to decode a text file from its first bytes, and refuses content that is not text at
 * all (binary data named .csv, say) rather than letting it turn into garbage rows.
 */
export function detectEncoding(file: string, head: Uint8Array): EncodingGuess {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', bom: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', bom: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', bom: 2 };
  const utf16 = utf16WithoutBom(head);
  if (utf16) return { encoding: utf16, bom: 0 };

  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) {
    throw new CatalogFileError(
      file,
      'not a text file (it is a ZIP archive; an XLSX workbook needs --format xlsx)',
    );
  }
  let controls = 0;
  let high = 0;
  let undefinedCp1252 = 0;
  for (const b of head) {
    if (b === 0) throw new CatalogFileError(file, 'not a text file (it contains NUL bytes)');
    if (isControl(b)) controls++;
    else if (b >= 0x80) {
      high++;
      if (CP1252_UNDEFINED.has(b)) undefinedCp1252++;
    }
  }
  if (controls > head.length * 0.01) {
    throw new CatalogFileError(file, 'not a text file (it contains binary control bytes)');
  }
  if (isValidUtf8(head.subarray(0, completeUtf8Length(head)))) return { encoding: 'utf-8', bom: 0 };
  if (undefinedCp1252 > 0 || high > head.length * 0.3) {
    throw new CatalogFileError(file, 'not a text file (the bytes are neither UTF-8 nor single-byte text)');
  }
  return { encoding: 'windows-1252', bom: 0 };
}

/**
 * Decodes a byte stream to text chunks without ever splitting a character. UTF-8 that turns out to
 * be invalid further into the file switches to windows-1252 from that chunk on: mixed files exist
 * (a UTF-8 export with pasted Latin-1 rows) and losing the rest of the catalog would be worse.
 */
export async function* decodeText(
  chunks: AsyncIterable<Buffer>,
  guess: EncodingGuess,
): AsyncGenerator<string> {
  let skip = guess.bom;
  const strip = (chunk: Buffer): Buffer => {
    if (skip === 0) return chunk;
    const cut = Math.min(skip, chunk.length);
    skip -= cut;
    return chunk.subarray(cut);
  };

  if (guess.encoding !== 'utf-8') {
    const decoder = new TextDecoder(guess.encoding, { ignoreBOM: true });
    for await (const chunk of chunks) {
      const text = decoder.decode(strip(chunk), { stream: true });
      if (text) yield text;
    }
    const tail = decoder.decode();
    if (tail) yield tail;
    return;
  }

  const cp1252 = new TextDecoder('windows-1252');
  let fallback = false;
  let pending: Buffer = Buffer.alloc(0);
  for await (const raw of chunks) {
    const chunk = strip(raw);
    const bytes = pending.length ? Buffer.concat([pending, chunk]) : chunk;
    if (fallback) {
      yield cp1252.decode(bytes);
      pending = Buffer.alloc(0);
      continue;
    }
    const cut = completeUtf8Length(bytes);
    try {
      const text = utf8Fatal.decode(bytes.subarray(0, cut));
      pending = bytes.subarray(cut);
      if (text) yield text;
    } catch {
      fallback = true;
      pending = Buffer.alloc(0);
      const valid = firstInvalidUtf8(bytes);
      yield (
        new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes.subarray(0, valid)) +
        cp1252.decode(bytes.subarray(valid))
      );
    }
  }
  if (pending.length) yield isValidUtf8(pending) ? utf8Fatal.decode(pending) : cp1252.decode(pending);
}
