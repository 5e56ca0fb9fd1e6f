import { CatalogFileError } from '../errors.ts';
import { describeSize } from '../limits.ts';
import { walkXml } from './xml.ts';
import type { ZipPackage } from './zip.ts';

/**
 * The shared-strings table every `t="s"` cell points into. It has to be held in memory, so a part
 * larger than `maxBytes` is refused up front (the ZIP reader checks the declared size is honest).
 */
export async function readSharedStrings(
  file: string,
  zip: ZipPackage,
  path: string | null,
  maxBytes: number,
): Promise<string[]> {
  if (!path) return [];
  const size = zip.size(path);
  if (size > maxBytes) {
    throw new CatalogFileError(
      file,
      `the workbook's shared strings are ${describeSize(size)}, over the ${describeSize(maxBytes)} limit`,
    );
  }
  const strings: string[] = [];
  let current = '';
  let inText = false;
  let inPhonetic = false;
  await walkXml(zip.stream(path), {
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
      if (inText) current += t;
    },
  });
  return strings;
}
