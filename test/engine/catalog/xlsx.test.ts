import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { isDateFormat, serialToIso } from '../../../electron/engine/catalog/xlsx/dates.ts';
import { CatalogFileError, openSource } from '../../../electron/engine/catalog/source.ts';
import { readAll, tempFiles } from './helpers.ts';
import { buildXlsx, rowsXml, STYLE } from './xlsx-builder.ts';

const tmp = tempFiles();

function catalogXlsx(): Uint8Array {
  const shared: string[] = [];
  const products = rowsXml(
    [
      ['sku', 'name', 'price', 'in stock'],
      ['A-1', 'Rain jacket', 59.9, true],
      ['A-2', 'Boots', 80, false],
    ],
    shared,
  );
  const notes = rowsXml([['note'], ['second sheet']], shared);
  return buildXlsx(
    [
      { name: 'Products', rows: products, dimension: 'A1:D3' },
      { name: 'Notes & more', rows: notes },
    ],
    shared,
  );
}

describe('XLSX reading', () => {
  it('reads the first sheet by default and lists all sheets', async () => {
    const { sheets, columns, records, format } = await readAll(tmp.write('cat.xlsx', catalogXlsx()));
    expect(format).toBe('xlsx');
    expect(sheets).toEqual(['Products', 'Notes & more']);
    expect(columns).toEqual(['sku', 'name', 'price', 'in stock']);
    expect(records).toEqual([
      { row: 2, values: { sku: 'A-1', name: 'Rain jacket', price: 59.9, 'in stock': true } },
      { row: 3, values: { sku: 'A-2', name: 'Boots', price: 80, 'in stock': false } },
    ]);
  });

  it('reads a named sheet, and names the sheets when the name is wrong', async () => {
    const file = tmp.write('cat2.xlsx', catalogXlsx());
    const { records } = await readAll(file, { sheet: 'Notes & more' });
    expect(records).toEqual([{ row: 2, values: { note: 'second sheet' } }]);
    await expect(openSource(file, { sheet: 'Nope' })).rejects.toThrow(
      'cat2.xlsx: there is no sheet named "Nope" (sheets: Products, Notes & more)',
    );
  });

  it('converts date-formatted numbers, keeps formulas’ cached values, inline strings, errors and sparse cells', async () => {
    const rows =
      `<row r="1"><c r="A1" t="inlineStr"><is><t>id</t></is></c><c r="B1" t="inlineStr"><is><t>name</t></is></c><c r="C1" t="inlineStr"><is><t>released</t></is></c>` +
      `<c r="D1" t="inlineStr"><is><t>updated</t></is></c><c r="E1" t="inlineStr"><is><t>total</t></is></c><c r="F1" t="inlineStr"><is><t>label</t></is></c>` +
      `<c r="G1" t="inlineStr"><is><t>day</t></is></c><c r="H1" t="inlineStr"><is><t>check</t></is></c></row>` +
      `<row r="2"><c r="A2"><v>1</v></c><c r="B2" t="inlineStr"><is><r><t>Rich </t></r><r><rPr><b/></rPr><t>text</t></r><rPh><t>ignored</t></rPh></is></c>` +
      `<c r="C2" s="${STYLE.date}"><v>45352</v></c><c r="D2" s="${STYLE.dateTime}"><v>45352.5625</v></c>` +
      `<c r="E2" s="${STYLE.money}"><f>SUM(A2:A3)</f><v>1234.5</v></c><c r="F2" t="str"><f>"x"&amp;"y"</f><v>xy</v></c>` +
      `<c r="G2" s="${STYLE.quotedD}"><v>7</v></c><c r="H2" t="e"><f>1/0</f><v>#DIV/0!</v></c></row>` +
      // row 3 is missing entirely; row 4 is sparse: only A and F; row 5 only has formatting
      `<row r="4"><c r="A4"><v>2</v></c><c r="F4" t="inlineStr"><is><t>only F</t></is></c><c r="E4"><f>A4*2</f></c></row>` +
      `<row r="5"><c r="A5" s="1"/><c r="B5" s="1"/></row>` +
      `<row r="6"><c r="A6"><v>3</v></c><c r="K6" t="inlineStr"><is><t>stray</t></is></c></row>`;
    const { records } = await readAll(tmp.write('types.xlsx', buildXlsx([{ name: 'S', rows }], [])));
    expect(records).toEqual([
      {
        row: 2,
        values: {
          id: 1,
          name: 'Rich text',
          released: '2024-03-01',
          updated: '2024-03-01T13:30:00',
          total: 1234.5,
          label: 'xy',
          day: 7,
          check: '#DIV/0!',
        },
      },
      {
        row: 4,
        values: {
          id: 2,
          name: null,
          released: null,
          updated: null,
          total: null,
          label: 'only F',
          day: null,
          check: null,
        },
      },
      {
        row: 6,
        values: {
          id: 3,
          name: null,
          released: null,
          updated: null,
          total: null,
          label: null,
          day: null,
          check: null,
          column_11: 'stray',
        },
      },
    ]);
  });

  it('honours the 1904 date system', async () => {
    const rows = `<row r="1"><c r="A1" t="inlineStr"><is><t>d</t></is></c></row><row r="2"><c r="A2" s="${STYLE.date}"><v>0</v></c></row>`;
    const { records } = await readAll(
      tmp.write('1904.xlsx', buildXlsx([{ name: 'S', rows }], [], { date1904: true })),
    );
    expect(records[0].values.d).toBe('1904-01-01');
  });

  it('makes empty and duplicate header cells unique and skips leading empty rows', async () => {
    const shared: string[] = [];
    const rows =
      '<row r="1"/><row r="2"><c r="B2" t="inlineStr"><is><t> </t></is></c></row>' +
      rowsXml(
        [
          ['a', null, 'a'],
          [1, 2, 3],
        ],
        shared,
        3,
      );
    const { columns, records } = await readAll(
      tmp.write('hdr.xlsx', buildXlsx([{ name: 'S', rows }], shared)),
    );
    expect(columns).toEqual(['a', 'column_2', 'a_2']);
    expect(records).toEqual([{ row: 4, values: { a: 1, column_2: 2, a_2: 3 } }]);
  });

  it('gives zero records for a header-only sheet and an error for an empty one', async () => {
    const shared: string[] = [];
    const header = rowsXml([['id', 'name']], shared);
    expect(
      (await readAll(tmp.write('ho.xlsx', buildXlsx([{ name: 'S', rows: header }], shared)))).records,
    ).toEqual([]);
    await expect(
      openSource(tmp.write('e.xlsx', buildXlsx([{ name: 'Blank', rows: '' }], []))),
    ).rejects.toThrow('e.xlsx: sheet "Blank" is empty');
  });

  it('rejects only the row whose cell is over the size limit', async () => {
    const shared: string[] = [];
    const rows = rowsXml(
      [
        ['id', 'notes'],
        [1, 'x'.repeat(5000)],
        [2, 'ok'],
      ],
      shared,
    );
    const rowsInline = rows.replace(
      /<c r="B2" t="s"><v>\d+<\/v><\/c>/,
      `<c r="B2" t="inlineStr"><is><t>${'y'.repeat(5000)}</t></is></c>`,
    );
    const { records } = await readAll(
      tmp.write('big.xlsx', buildXlsx([{ name: 'S', rows: rowsInline }], shared)),
      { limits: { maxFieldChars: 1000 } },
    );
    expect(records[0]).toMatchObject({
      row: 2,
      problem: 'cell B2 of sheet "S" is larger than the 1,000-character limit',
      problemField: 'notes',
    });
    expect(records[1]).toEqual({ row: 3, values: { id: 2, notes: 'ok' } });
  });

  it.each([
    ['A1:XFD1048576', /more than 10,000 columns/],
    ['A1:ZZZ99999999', /beyond what a worksheet can hold/],
  ])('refuses the declared dimension %s', async (dimension, message) => {
    const shared: string[] = [];
    const file = tmp.write(
      `dim-${dimension.replace(':', '-')}.xlsx`,
      buildXlsx([{ name: 'S', rows: rowsXml([['id'], [1]], shared), dimension }], shared),
    );
    const err = await openSource(file).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CatalogFileError);
    expect((err as Error).message).toMatch(message);
  });

  it('refuses a sheet that is not well-formed XML, naming the file and the sheet', async () => {
    const broken = '<row r="1"><c r="A1"><v>1</v></row>';
    await expect(
      openSource(tmp.write('broken.xlsx', buildXlsx([{ name: 'Products', rows: broken }], []))),
    ).rejects.toThrow('broken.xlsx: sheet "Products" is not well-formed XML (unexpected close tag)');
  });

  it('refuses a cell far beyond the last column and a huge shared-strings part', async () => {
    const far = '<row r="1"><c r="AAAA1" t="inlineStr"><is><t>x</t></is></c></row>';
    await expect(
      openSource(tmp.write('far.xlsx', buildXlsx([{ name: 'S', rows: far }], []))),
    ).rejects.toThrow(/cell reference "AAAA1" is invalid/);
    const shared = Array.from({ length: 5000 }, (_, i) => `string number ${i}`);
    const file = tmp.write('sst.xlsx', buildXlsx([{ name: 'S', rows: rowsXml([['id'], [1]], []) }], shared));
    await expect(openSource(file, { limits: { maxSharedStringsBytes: 10_000 } })).rejects.toThrow(
      /sst\.xlsx: the workbook's shared strings are [\d.]+ KiB, over the 9\.8 KiB limit/,
    );
  });

  it('reads a gzipped workbook and refuses files that are not workbooks', async () => {
    const { records } = await readAll(tmp.write('cat.xlsx.gz', gzipSync(catalogXlsx())));
    expect(records).toHaveLength(2);
    await expect(openSource(tmp.write('fake.xlsx', 'id,name\n1,a\n'))).rejects.toThrow(
      /fake\.xlsx: not a valid XLSX file/,
    );
    const zipNoBook = buildXlsx([{ name: 'S', rows: '' }], []);
    const broken = Buffer.from(zipNoBook);
    broken.write('xl/workbooX', broken.indexOf('xl/workbook.xml'), 'latin1');
    broken.write('xl/workbooX', broken.lastIndexOf('xl/workbook.xml'), 'latin1');
    await expect(openSource(tmp.write('nobook.xlsx', broken))).rejects.toThrow(
      /nobook\.xlsx: not an XLSX workbook/,
    );
  });

  it('reports progress through the sheet up to the file size', async () => {
    const shared: string[] = [];
    const rows = rowsXml([['id', 'name'], ...Array.from({ length: 2000 }, (_, i) => [i, `p${i}`])], shared);
    const source = await openSource(tmp.write('progress.xlsx', buildXlsx([{ name: 'S', rows }], shared)));
    let n = 0;
    for await (const _ of source.records()) n++;
    expect(n).toBe(2000);
    expect(source.bytesRead()).toBe(source.totalBytes);
  });
});

describe('dates', () => {
  it('recognises date formats', () => {
    expect(isDateFormat(14, undefined)).toBe(true);
    expect(isDateFormat(4, '#,##0.00')).toBe(false);
    expect(isDateFormat(164, 'yyyy\\-mm\\-dd')).toBe(true);
    expect(isDateFormat(165, '"Day" 0')).toBe(false);
    expect(isDateFormat(166, '[Red]#,##0')).toBe(false);
    expect(isDateFormat(167, '[h]:mm:ss')).toBe(true);
    expect(isDateFormat(168, '[$-409]mmm d, yyyy')).toBe(true);
  });

  it('converts serials, including around Excel’s phantom 1900-02-29', () => {
    expect(serialToIso(1, false)).toBe('1900-01-01');
    expect(serialToIso(59, false)).toBe('1900-02-28');
    expect(serialToIso(61, false)).toBe('1900-03-01');
    expect(serialToIso(45352, false)).toBe('2024-03-01');
    expect(serialToIso(0.75, false)).toBe('18:00:00');
    expect(serialToIso(1462, true)).toBe('1908-01-02');
  });
});
