import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { openBytes, type ByteInput } from './bytes.ts';
import { openDelimited } from './csv.ts';
import { decodeText, detectEncoding, type TextEncoding } from './encoding.ts';
import { CatalogFileError } from './errors.ts';
import { openJson, openJsonl } from './json.ts';
import { formatFromContent, formatFromExtension } from './format.ts';
import { DEFAULT_LIMITS, type ReadLimits } from './limits.ts';
import type { Format, SourceRecord, TableReader } from './record.ts';
import { openXlsx } from './xlsx.ts';
import { openXmlFeed, type XmlDialect } from './xml-feed.ts';

export { CatalogFileError } from './errors.ts';
export type { Format, SourceRecord } from './record.ts';
export type { ReadLimits } from './limits.ts';

export interface CatalogSource {
  file: string;
  format: Format;
  /** Sheet names of a workbook (empty for other formats). */
  sheets: string[];
  columns: string[];
  /** The records, streamed; can be iterated once. Breaking out of the loop closes the file. */
  records(): AsyncIterable<SourceRecord>;
  /** Bytes consumed from disk so far (compressed bytes for .gz), for progress against totalBytes. */
  bytesRead(): number;
  totalBytes: number;
  /** How text was decoded (null for XLSX). */
  encoding: TextEncoding | null;
  /** The field delimiter of CSV/TSV (null for other formats). */
  delimiter: string | null;
  /** Which kind of XML feed the file is (null for other formats). */
  xmlDialect: XmlDialect | null;
  /** Releases the file when records() is not read to the end. */
  close(): Promise<void>;
}

export interface OpenSourceOptions {
  format?: Format;
  sheet?: string;
  signal?: AbortSignal;
  limits?: Partial<ReadLimits>;
}

async function openText(
  file: string,
  format: Format,
  input: ByteInput,
  limits: ReadLimits,
): Promise<
  TableReader & { encoding: TextEncoding; delimiter: string | null; xmlDialect: XmlDialect | null }
> {
  const guess = detectEncoding(file, input.head);
  const text = decodeText(input.chunks, guess);
  switch (format) {
    case 'csv':
    case 'tsv': {
      const reader = await openDelimited(file, text, {
        delimiter: format === 'tsv' ? '\t' : undefined,
        limits,
      });
      return { ...reader, encoding: guess.encoding, xmlDialect: null };
    }
    case 'json':
      return {
        ...(await openJson(file, text, limits)),
        encoding: guess.encoding,
        delimiter: null,
        xmlDialect: null,
      };
    case 'jsonl':
      return {
        ...(await openJsonl(file, text, limits)),
        encoding: guess.encoding,
        delimiter: null,
        xmlDialect: null,
      };
    case 'xml': {
      const { dialect, ...reader } = await openXmlFeed(file, text, limits);
      return { ...reader, encoding: guess.encoding, delimiter: null, xmlDialect: dialect };
    }
    default:
      throw new CatalogFileError(file, `${format} is not a text format`);
  }
}

/** A gzipped workbook is unpacked to a temp file first: a ZIP's directory sits at its end. */
async function spool(chunks: AsyncIterable<Buffer>): Promise<{ path: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'shelfscope-xlsx-'));
  const remove = () => rm(dir, { recursive: true, force: true });
  const path = join(dir, 'workbook.xlsx');
  try {
    await pipeline(Readable.from(chunks), createWriteStream(path));
  } catch (err) {
    await remove();
    throw err;
  }
  return { path, remove };
}

async function openWorkbook(
  file: string,
  input: ByteInput,
  opts: OpenSourceOptions,
  limits: ReadLimits,
): Promise<CatalogSource> {
  let path = file;
  let removeSpool = async () => {};
  if (input.gzip) ({ path, remove: removeSpool } = await spool(input.chunks));
  else await input.close();
  try {
    const reader = await openXlsx(file, path, { sheet: opts.sheet, limits, totalBytes: input.totalBytes });
    const close = async () => {
      await reader.close();
      await removeSpool();
    };
    return {
      file,
      format: 'xlsx',
      sheets: reader.sheets,
      columns: reader.columns,
      records: singleUse(file, reader.records, opts.signal, close),
      bytesRead: reader.bytesRead,
      totalBytes: input.totalBytes,
      encoding: null,
      delimiter: null,
      xmlDialect: null,
      close,
    };
  } catch (err) {
    await removeSpool();
    throw err;
  }
}

function singleUse(
  file: string,
  records: AsyncGenerator<SourceRecord>,
  signal: AbortSignal | undefined,
  close: () => Promise<void>,
): () => AsyncIterable<SourceRecord> {
  let used = false;
  return () => {
    if (used) throw new Error(`${file}: records() can be read only once; open the source again`);
    used = true;
    return (async function* () {
      try {
        for await (const record of records) {
          signal?.throwIfAborted();
          yield record;
        }
      } finally {
        await close();
      }
    })();
  };
}

/**
 * Opens a catalog file of any supported format (optionally gzipped) and reads its header. The
 * format comes from `opts.format`, else the extension, else the content. Fails with a
 * CatalogFileError when the file cannot be read at all.
 */
export async function openSource(file: string, opts: OpenSourceOptions = {}): Promise<CatalogSource> {
  opts.signal?.throwIfAborted();
  const limits = { ...DEFAULT_LIMITS, ...opts.limits };
  const input = await openBytes(file, {
    signal: opts.signal,
    maxDecompressedBytes: limits.maxDecompressedBytes,
  });
  try {
    if (input.head.length === 0) throw new CatalogFileError(file, 'file is empty');
    const format = opts.format ?? formatFromExtension(file) ?? formatFromContent(input.head);
    if (format === 'xlsx') return await openWorkbook(file, input, opts, limits);
    const reader = await openText(file, format, input, limits);
    return {
      file,
      format,
      sheets: [],
      columns: reader.columns,
      records: singleUse(file, reader.records, opts.signal, input.close),
      bytesRead: input.bytesRead,
      totalBytes: input.totalBytes,
      encoding: reader.encoding,
      delimiter: reader.delimiter,
      xmlDialect: reader.xmlDialect,
      close: input.close,
    };
  } catch (err) {
    await input.close();
    throw err;
  }
}
