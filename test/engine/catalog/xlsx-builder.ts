import { closeSync, openSync, writeSync } from 'node:fs';
import { Zip, ZipDeflate, strToU8, zipSync } from 'fflate';

/** Builds small XLSX packages the way Excel lays them out, for reader tests. */
export interface SheetSpec {
  name: string;
  /** The <sheetData> children, written by hand or with `rowsXml`. */
  rows: string;
  dimension?: string;
}

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const RNS = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** Style indexes in the generated styles.xml. */
export const STYLE = { general: 0, date: 1, dateTime: 2, money: 3, quotedD: 4 } as const;

const escape = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function colName(i: number): string {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** Rows of plain values as <row> elements: strings go to the shared table, numbers and booleans inline. */
export function rowsXml(
  rows: (string | number | boolean | null)[][],
  shared: string[],
  firstRow = 1,
): string {
  const index = new Map(shared.map((s, i) => [s, i]));
  return rows
    .map((cells, r) => {
      const n = firstRow + r;
      const xml = cells
        .map((v, c) => {
          const ref = `${colName(c)}${n}`;
          if (v === null) return '';
          if (typeof v === 'number') return `<c r="${ref}"><v>${v}</v></c>`;
          if (typeof v === 'boolean') return `<c r="${ref}" t="b"><v>${v ? 1 : 0}</v></c>`;
          let idx = index.get(v);
          if (idx === undefined) index.set(v, (idx = shared.push(v) - 1));
          return `<c r="${ref}" t="s"><v>${idx}</v></c>`;
        })
        .join('');
      return `<row r="${n}">${xml}</row>`;
    })
    .join('');
}

export function buildXlsx(
  sheets: SheetSpec[],
  shared: string[],
  opts: { date1904?: boolean; sharedXml?: string } = {},
): Uint8Array {
  const parts = xlsxParts(sheets, shared, opts);
  return zipSync(Object.fromEntries(Object.entries(parts).map(([path, xml]) => [path, strToU8(xml)])));
}

/**
 * Writes the workbook `buildXlsx` would build to `file`, streamed part by part through the deflater, with
 * every `fill.marker` in a part replaced by `fill.chars` copies of 'a': a workbook whose parts expand to
 * hundreds of megabytes is written (a few hundred kilobytes on disk) without any part ever being whole
 * in memory.
 */
export function writeFilledXlsx(
  file: string,
  sheets: SheetSpec[],
  shared: string[],
  fill: { marker: string; chars: number },
): void {
  const block = strToU8('a'.repeat(1024 * 1024));
  const fd = openSync(file, 'w');
  try {
    const zip = new Zip((err, chunk) => {
      if (err) throw err;
      writeSync(fd, chunk);
    });
    for (const [path, xml] of Object.entries(xlsxParts(sheets, shared))) {
      const part = new ZipDeflate(path, { level: 1 });
      zip.add(part);
      xml.split(fill.marker).forEach((piece, i) => {
        if (i > 0) {
          for (let left = fill.chars; left > 0; left -= block.length)
            part.push(left >= block.length ? block : block.subarray(0, left));
        }
        part.push(strToU8(piece));
      });
      part.push(new Uint8Array(0), true);
    }
    zip.end();
  } finally {
    closeSync(fd);
  }
}

/** Every part of a small workbook, by path: its sheets, shared strings, styles and relationships. */
function xlsxParts(
  sheets: SheetSpec[],
  shared: string[],
  opts: { date1904?: boolean; sharedXml?: string } = {},
): Record<string, string> {
  const files: Record<string, string> = {};
  const put = (path: string, xml: string) =>
    (files[path] = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${xml}`);
  put(
    '[Content_Types].xml',
    `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>`,
  );
  put(
    '_rels/.rels',
    `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  );
  put(
    'xl/workbook.xml',
    `<workbook ${NS} ${RNS}><workbookPr${opts.date1904 ? ' date1904="1"' : ''}/><sheets>${sheets
      .map((s, i) => `<sheet name="${escape(s.name)}" sheetId="${i + 1}" r:id="rId${i + 10}"/>`)
      .join('')}</sheets></workbook>`,
  );
  put(
    'xl/_rels/workbook.xml.rels',
    `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets
      .map(
        (_, i) =>
          `<Relationship Id="rId${i + 10}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
      )
      .join(
        '',
      )}<Relationship Id="rId1" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId2" Type="${REL}/styles" Target="/xl/styles.xml"/></Relationships>`,
  );
  put(
    'xl/sharedStrings.xml',
    opts.sharedXml ??
      `<sst ${NS} count="${shared.length}" uniqueCount="${shared.length}">${shared.map((s) => `<si><t xml:space="preserve">${escape(s)}</t></si>`).join('')}</sst>`,
  );
  put(
    'xl/styles.xml',
    `<styleSheet ${NS}><numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd\\ hh:mm"/><numFmt numFmtId="165" formatCode="&quot;Day&quot;\\ 0"/></numFmts>` +
      `<cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>` +
      `<cellXfs count="5"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="164" applyNumberFormat="1"/><xf numFmtId="4" applyNumberFormat="1"/><xf numFmtId="165" applyNumberFormat="1"/></cellXfs></styleSheet>`,
  );
  sheets.forEach((s, i) =>
    put(
      `xl/worksheets/sheet${i + 1}.xml`,
      `<worksheet ${NS} ${RNS}>${s.dimension ? `<dimension ref="${s.dimension}"/>` : ''}<sheetData>${s.rows}</sheetData></worksheet>`,
    ),
  );
  return files;
}
