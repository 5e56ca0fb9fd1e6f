import { posix } from 'node:path';
import { CatalogFileError } from '../errors.ts';
import type { ReadLimits } from '../limits.ts';
import { walkXml } from './xml.ts';
import type { ZipPackage } from './zip.ts';

const MAX_PART_BYTES = 16 * 1024 * 1024;

export interface Workbook {
  sheets: { name: string; path: string }[];
  sharedStringsPath: string | null;
  stylesPath: string | null;
  /** Dates count from 1904-01-01 instead of 1900 (old Mac workbooks). */
  date1904: boolean;
}

function resolveTarget(target: string): string {
  return target.startsWith('/') ? target.slice(1) : posix.normalize(`xl/${target}`);
}

/** Sheet names in workbook order and where each part lives, from workbook.xml and its relationships. */
export async function readWorkbook(file: string, zip: ZipPackage, limits: ReadLimits): Promise<Workbook> {
  if (!zip.has('xl/workbook.xml'))
    throw new CatalogFileError(file, 'not an XLSX workbook (xl/workbook.xml is missing)');
  const rels = new Map<string, { target: string; type: string }>();
  if (zip.has('xl/_rels/workbook.xml.rels')) {
    const where = { file, part: 'the workbook relationships', limits };
    await walkXml(where, zip.stream('xl/_rels/workbook.xml.rels'), {
      open(name, a) {
        if (name === 'Relationship' && a.Id && a.Target)
          rels.set(a.Id, { target: a.Target, type: a.Type ?? '' });
      },
      close() {},
      text() {},
    });
  }
  const sheetRefs: { name: string; rid: string; sheetId: string }[] = [];
  let date1904 = false;
  const text = await zip.text('xl/workbook.xml', MAX_PART_BYTES);
  await walkXml({ file, part: 'the workbook part', limits }, [text], {
    open(name, a) {
      if (name === 'workbookPr') date1904 = a.date1904 === '1' || a.date1904 === 'true';
      if (name === 'sheet') {
        const rid = Object.entries(a).find(([k]) => k.endsWith(':id'))?.[1] ?? '';
        sheetRefs.push({ name: a.name ?? '', rid, sheetId: a.sheetId ?? '' });
      }
    },
    close() {},
    text() {},
  });
  const byType = (suffix: string) => {
    for (const r of rels.values()) if (r.type.endsWith(suffix)) return resolveTarget(r.target);
    return null;
  };
  const sheets = sheetRefs.map((s) => {
    const rel = rels.get(s.rid);
    return { name: s.name, path: rel ? resolveTarget(rel.target) : `xl/worksheets/sheet${s.sheetId}.xml` };
  });
  const existing = (path: string | null, fallback: string) =>
    path && zip.has(path) ? path : zip.has(fallback) ? fallback : null;
  return {
    sheets,
    sharedStringsPath: existing(byType('/sharedStrings'), 'xl/sharedStrings.xml'),
    stylesPath: existing(byType('/styles'), 'xl/styles.xml'),
    date1904,
  };
}
