import yauzl from 'yauzl';
import { CatalogFileError } from '../errors.ts';
import { describeSize } from '../limits.ts';

const MAX_ENTRIES = 10_000;

/** The entries of an XLSX (ZIP) package by name, read on demand. */
export interface ZipPackage {
  has(name: string): boolean;
  size(name: string): number;
  /** A whole (small) part as text; refuses parts larger than `maxBytes`. */
  text(name: string, maxBytes: number): Promise<string>;
  /** A part streamed as text; `onBytes` reports the uncompressed bytes read. */
  stream(name: string, onBytes?: (n: number) => void): AsyncGenerator<string>;
  close(): void;
}

export async function openZip(file: string): Promise<ZipPackage> {
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.openPromise(file, { lazyEntries: true, autoClose: false });
  } catch (err) {
    throw new CatalogFileError(file, `not a valid XLSX file (${(err as Error).message})`);
  }
  const entries = new Map<string, yauzl.Entry>();
  try {
    for await (const entry of zip.eachEntry()) {
      if (entries.size >= MAX_ENTRIES)
        throw new CatalogFileError(file, `the XLSX package has more than ${MAX_ENTRIES} parts`);
      entries.set(entry.fileName, entry);
    }
  } catch (err) {
    zip.close();
    if (err instanceof CatalogFileError) throw err;
    throw new CatalogFileError(file, `not a valid XLSX file (${(err as Error).message})`);
  }

  const entry = (name: string) => {
    const e = entries.get(name);
    if (!e) throw new CatalogFileError(file, `not a valid XLSX file (the part ${name} is missing)`);
    return e;
  };

  async function* stream(name: string, onBytes?: (n: number) => void): AsyncGenerator<string> {
    const decoder = new TextDecoder('utf-8');
    let readable;
    try {
      readable = await zip.openReadStreamPromise(entry(name));
    } catch (err) {
      throw new CatalogFileError(file, `cannot read ${name} in the XLSX package (${(err as Error).message})`);
    }
    try {
      for await (const chunk of readable) {
        onBytes?.(chunk.length);
        const text = decoder.decode(chunk as Buffer, { stream: true });
        if (text) yield text;
      }
    } catch (err) {
      if (err instanceof CatalogFileError) throw err;
      throw new CatalogFileError(file, `cannot read ${name} in the XLSX package (${(err as Error).message})`);
    } finally {
      readable.destroy();
    }
    const tail = decoder.decode();
    if (tail) yield tail;
  }

  return {
    has: (name) => entries.has(name),
    size: (name) => entry(name).uncompressedSize,
    async text(name, maxBytes) {
      if (entry(name).uncompressedSize > maxBytes) {
        throw new CatalogFileError(
          file,
          `${name} is larger than ${describeSize(maxBytes)}; refusing to load it`,
        );
      }
      let out = '';
      for await (const t of stream(name)) out += t;
      return out;
    },
    stream,
    close: () => zip.close(),
  };
}
