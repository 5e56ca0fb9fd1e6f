import { CatalogFileError } from '../errors.ts';
import { describeSize, type ReadLimits } from '../limits.ts';
import { walkXml } from './xml.ts';
import type { ZipPackage } from './zip.ts';

/** A shared string, or `null` for one longer than the field limit (the cells using it are rejected). */
export type SharedString = string | null;

/**
 * The shared-strings table every `t="s"` cell points into. It has to be held in memory, so a part
 * larger than `maxSharedStringsBytes` is refused up front (the ZIP reader checks the declared size is
 * honest), and a string is dropped as soon as it grows past `maxFieldChars`: only its place is kept.
 */
export async function readSharedStrings(
  file: string,
  zip: ZipPackage,
  path: string | null,
  limits: ReadLimits,
): Promise<SharedString[]> {
  if (!path) return [];
  const size = zip.size(path);
  if (size > limits.maxSharedStringsBytes) {
    throw new CatalogFileError(
      file,
      `the workbook's shared strings are ${describeSize(size)}, over the ${describeSize(limits.maxSharedStringsBytes)} limit`,
    );
  }
  const strings: SharedString[] = [];
  let current: SharedString = '';
  let inText = false;
  let inPhonetic = false;
  const where = { file, part: 'the shared strings', limits };
  await walkXml(where, zip.stream(path), {
    open(name) {
      if (name === 'si') current = '';
      else if (name === 'rPh') inPhonetic = true;
      else if (name === 't' && !inPhonetic) inText = true;
    },
    close(name) {
      if (name === 'si') strings.push(current);
      else if (name === 'rPh') inPhonetic = false;
      else if (name === 't') inText = false;
    },
    text(t) {
      if (!inText || current === null) return;
      current = current.length + t.length > limits.maxFieldChars ? null : current + t;
    },
  });
  return strings;
}
