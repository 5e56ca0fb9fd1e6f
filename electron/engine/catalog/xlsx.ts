import { CatalogFileError } from './errors.ts';
import { uniqueHeaders } from './headers.ts';
import type { ReadLimits } from './limits.ts';
import type { SourceRecord, TableReader } from './record.ts';
import { readSharedStrings } from './xlsx/shared-strings.ts';
import { sheetRows, type CellValue, type SheetRow } from './xlsx/sheet.ts';
import { readDateStyles } from './xlsx/styles.ts';
import { readWorkbook } from './xlsx/workbook.ts';
import { openZip } from './xlsx/zip.ts';

export interface XlsxReader extends TableReader {
  sheets: string[];
  /** Progress through the chosen sheet, scaled to the file size. */
  bytesRead(): number;
  close(): Promise<void>;
}

const isEmpty = (v: CellValue) => v === null || (typeof v === 'string' && v.trim() === '');

/**
 * Reads one worksheet of an XLSX workbook: the named sheet, or the first. The first non-empty row is
 * the header; every later non-empty row is a record whose `row` is the sheet's own row number.
 */
export async function openXlsx(
  file: string,
  path: string,
  opts: { sheet?: string; limits: ReadLimits; totalBytes: number },
): Promise<XlsxReader> {
  const zip = await openZip(path);
  try {
    const workbook = await readWorkbook(file, zip, opts.limits);
    const names = workbook.sheets.map((s) => s.name);
    if (!workbook.sheets.length) throw new CatalogFileError(file, 'the workbook has no sheets');
    const sheet =
      opts.sheet === undefined ? workbook.sheets[0] : workbook.sheets.find((s) => s.name === opts.sheet);
    if (!sheet)
      throw new CatalogFileError(
        file,
        `there is no sheet named "${opts.sheet}" (sheets: ${names.join(', ')})`,
      );
    if (!zip.has(sheet.path))
      throw new CatalogFileError(file, `the part of sheet "${sheet.name}" (${sheet.path}) is missing`);
    const strings = await readSharedStrings(file, zip, workbook.sharedStringsPath, opts.limits);
    const dateStyles = await readDateStyles(file, zip, workbook.stylesPath, opts.limits);

    const sheetBytes = Math.max(zip.size(sheet.path), 1);
    let consumed = 0;
    const rows = sheetRows(
      zip.stream(sheet.path, (n) => (consumed += n)),
      { file, sheet: sheet.name, strings, dateStyles, date1904: workbook.date1904, limits: opts.limits },
    );
    const nonEmpty = async function* (): AsyncGenerator<SheetRow> {
      for await (const row of rows) if (row.problem || row.cells.some(([, v]) => !isEmpty(v))) yield row;
    };
    const body = nonEmpty();
    const first = await body.next();
    if (first.done) throw new CatalogFileError(file, `sheet "${sheet.name}" is empty`);
    const header = first.value;
    if (header.problem)
      throw new CatalogFileError(file, `the header row is unusable (${header.problem})`, { row: header.row });
    const width = Math.max(...header.cells.map(([c]) => c)) + 1;
    const raw: string[] = Array.from({ length: width }, () => '');
    for (const [c, v] of header.cells) raw[c] = v === null ? '' : String(v);
    const columns = uniqueHeaders(raw);

    const toRecord = (row: SheetRow): SourceRecord => {
      const values: Record<string, unknown> = Object.fromEntries(columns.map((c) => [c, null]));
      for (const [c, v] of row.cells) values[columns[c] ?? `column_${c + 1}`] = v;
      const record: SourceRecord = { row: row.row, values };
      if (row.problem) {
        record.problem = row.problem;
        if (row.problemColumn !== undefined)
          record.problemField = columns[row.problemColumn] ?? `column_${row.problemColumn + 1}`;
      }
      return record;
    };
    const records = async function* (): AsyncGenerator<SourceRecord> {
      for await (const row of body) yield toRecord(row);
    };
    return {
      sheets: names,
      columns,
      records: records(),
      bytesRead: () => Math.min(opts.totalBytes, Math.round((consumed / sheetBytes) * opts.totalBytes)),
      close: async () => zip.close(),
    };
  } catch (err) {
    zip.close();
    throw err;
  }
}
