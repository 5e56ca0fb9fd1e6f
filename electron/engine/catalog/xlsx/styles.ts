import type { ReadLimits } from '../limits.ts';
import { isDateFormat } from './dates.ts';
import { walkXml } from './xml.ts';
import type { ZipPackage } from './zip.ts';

const MAX_STYLES_BYTES = 32 * 1024 * 1024;

/** For each cell style index (`s` attribute), whether it formats numbers as dates. */
export async function readDateStyles(
  file: string,
  zip: ZipPackage,
  path: string | null,
  limits: ReadLimits,
): Promise<boolean[]> {
  if (!path) return [];
  const codes = new Map<number, string>();
  const xfFormats: number[] = [];
  let inCellXfs = false;
  const where = { file, part: 'the styles', limits };
  await walkXml(where, [await zip.text(path, MAX_STYLES_BYTES)], {
    open(name, a) {
      if (name === 'numFmt') codes.set(Number(a.numFmtId), a.formatCode ?? '');
      else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs) xfFormats.push(Number(a.numFmtId ?? 0));
    },
    close(name) {
      if (name === 'cellXfs') inCellXfs = false;
    },
    text() {},
  });
  return xfFormats.map((id) => isDateFormat(id, codes.get(id)));
}
