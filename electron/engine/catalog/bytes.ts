import { createReadStream, type ReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { pipeline, type Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { CatalogFileError } from './errors.ts';
import { describeSize } from './limits.ts';
import { peek } from './peek.ts';

/** The raw content of a catalog file, transparently gunzipped, with its first bytes available for sniffing. */
export interface ByteInput {
  gzip: boolean;
  /** Size of the file on disk (compressed size for .gz). */
  totalBytes: number;
  /** The first bytes of the content (at least HEAD_BYTES unless the content is shorter). */
  head: Buffer;
  /** The whole content, head included, streamed. */
  chunks: AsyncGenerator<Buffer>;
  /** Bytes read from disk so far, comparable with totalBytes for progress. */
  bytesRead(): number;
  close(): Promise<void>;
}

const HEAD_BYTES = 64 * 1024;

function isGzip(head: Uint8Array): boolean {
  return head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
}

async function fileSize(file: string): Promise<number> {
  try {
    const s = await stat(file);
    if (!s.isFile()) throw new CatalogFileError(file, 'not a regular file');
    return s.size;
  } catch (err) {
    if (err instanceof CatalogFileError) throw err;
    throw new CatalogFileError(file, `cannot open the file (${(err as NodeJS.ErrnoException).code ?? err})`);
  }
}

async function readMagic(file: string): Promise<Buffer> {
  const fh = await open(file, 'r');
  try {
    const buf = Buffer.alloc(2);
    const { bytesRead } = await fh.read(buf, 0, 2, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

function streamError(file: string, err: unknown): Error {
  if (err instanceof CatalogFileError || (err as Error).name === 'AbortError') return err as Error;
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'Z_BUF_ERROR')
    return new CatalogFileError(file, 'the gzip data is truncated (unexpected end of file)');
  if (code === 'Z_DATA_ERROR')
    return new CatalogFileError(file, `the gzip data is corrupt (${(err as Error).message})`);
  return new CatalogFileError(file, `read failed (${code ?? (err as Error).message})`);
}

/**
 * Deflate cannot expand more than ~1,032×, and product files compress 5–50×: a stream still past
 * MAX_GZIP_RATIO after this much output is a bomb, refused at once instead of after gigabytes.
 */
const RATIO_CHECK_AFTER = 64 * 1024 * 1024;
const MAX_GZIP_RATIO = 600;

export async function openBytes(
  file: string,
  opts: { signal?: AbortSignal; maxDecompressedBytes: number },
): Promise<ByteInput> {
  const totalBytes = await fileSize(file);
  const gzip = isGzip(await readMagic(file));
  const fileStream: ReadStream = createReadStream(file, { highWaterMark: 64 * 1024 });
  // pipeline() tears the file stream down with the gunzip stream, whichever fails or is closed first.
  const source: Readable = gzip ? pipeline(fileStream, createGunzip(), () => {}) : fileStream;

  async function* content(): AsyncGenerator<Buffer> {
    let produced = 0;
    try {
      for await (const chunk of source) {
        opts.signal?.throwIfAborted();
        produced += chunk.length;
        if (gzip && produced > opts.maxDecompressedBytes) {
          throw new CatalogFileError(
            file,
            `the gzip data expands to more than ${describeSize(opts.maxDecompressedBytes)} (refused as a likely gzip bomb)`,
          );
        }
        if (gzip && produced > RATIO_CHECK_AFTER && produced > MAX_GZIP_RATIO * fileStream.bytesRead) {
          throw new CatalogFileError(
            file,
            `the gzip data expands more than ${MAX_GZIP_RATIO}× (${describeSize(produced)} from ${describeSize(fileStream.bytesRead)}; refused as a likely gzip bomb)`,
          );
        }
        yield chunk as Buffer;
      }
    } catch (err) {
      throw streamError(file, err);
    } finally {
      source.destroy();
      fileStream.destroy();
    }
  }

  let headBytes = 0;
  const { buffered, rest } = await peek(content(), (b) => {
    headBytes = b.reduce((n, c) => n + c.length, 0);
    return headBytes >= HEAD_BYTES;
  });
  return {
    gzip,
    totalBytes,
    head: Buffer.concat(buffered),
    chunks: rest,
    bytesRead: () => fileStream.bytesRead,
    close: async () => {
      await rest.return(undefined);
      source.destroy();
      fileStream.destroy();
    },
  };
}
