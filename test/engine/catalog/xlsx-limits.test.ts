import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CatalogService } from '../../../electron/engine/catalog-service.ts';
import { DEFAULT_LIMITS } from '../../../electron/engine/catalog/limits.ts';
import type { SourceRecord } from '../../../electron/engine/catalog/record.ts';
import { CatalogFileError, openSource } from '../../../electron/engine/catalog/source.ts';
import { countingModels, importInto } from '../helpers.ts';
import { readAll, tempFiles } from './helpers.ts';
import { buildXlsx, rowsXml, writeFilledXlsx } from './xlsx-builder.ts';

const tmp = tempFiles();
const FILL = '@@FILL@@';
const MiB = 1024 * 1024;

/** Rows of `id, name` where the name of row 2 is written as `cell` (an inline string, a shared one…). */
function productRows(shared: string[], cell: string): string {
  const rows = rowsXml(
    [
      ['id', 'name'],
      [1, 'placeholder'],
      [2, 'Rain jacket'],
    ],
    shared,
  );
  return rows.replace(/<c r="B2" t="s"><v>\d+<\/v><\/c>/, cell);
}

const inline = (text: string) => `<c r="B2" t="inlineStr"><is><t>${text}</t></is></c>`;

describe('XLSX values over the field limit', () => {
  it('streams a 300 MB workbook of two huge cells through the limit: rows rejected, memory flat', async () => {
    // 150 MB inline in B2, and a 150 MB shared string that B3 uses: 300 MB of XML, ~300 KB on disk.
    const shared = ['id', 'name', FILL];
    const rows =
      productRows(shared, inline(FILL)) +
      '<row r="4"><c r="A4"><v>3</v></c><c r="B4" t="s"><v>2</v></c></row>';
    const file = path.join(tmp.dir, 'huge-cells.xlsx');
    writeFilledXlsx(file, [{ name: 'Products', rows }], shared, { marker: FILL, chars: 150 * MiB });
    expect(fs.statSync(file).size).toBeLessThan(2 * MiB);

    const before = process.memoryUsage().rss;
    let peak = before;
    const sample = () => (peak = Math.max(peak, process.memoryUsage().rss));
    const timer = setInterval(sample, 5);
    const records: SourceRecord[] = [];
    try {
      const source = await openSource(file);
      for await (const record of source.records()) {
        records.push(record);
        sample();
      }
    } finally {
      clearInterval(timer);
    }
    sample();

    const limit = `the ${DEFAULT_LIMITS.maxFieldChars.toLocaleString('en')}-character limit`;
    expect(records).toEqual([
      {
        row: 2,
        values: { id: 1, name: null },
        problem: `cell B2 of sheet "Products" is larger than ${limit}`,
        problemField: 'name',
      },
      { row: 3, values: { id: 2, name: 'Rain jacket' } },
      {
        row: 4,
        values: { id: 3, name: null },
        problem: `cell B4 of sheet "Products" holds shared string 2, which is larger than ${limit}`,
        problemField: 'name',
      },
    ]);
    // Before the fix each cell was held whole (and a 1 GiB one failed with "Invalid string length").
    expect((peak - before) / MiB).toBeLessThan(64);
  }, 60_000);

  it.each([
    ['an inline string', (text: string) => ({ cell: inline(text), shared: [] as string[] })],
    ['a shared string', (text: string) => ({ cell: '<c r="B2" t="s"><v>2</v></c>', shared: [text] })],
  ])('imports %s exactly at the limit and rejects one a character over it', async (_kind, make) => {
    const limits = { maxFieldChars: 1000 };
    for (const [length, ok] of [
      [1000, true],
      [1001, false],
    ] as const) {
      const { cell, shared } = make('x'.repeat(length));
      const strings = ['id', 'name', ...shared];
      const file = tmp.write(
        `limit-${_kind.replace(/ /g, '-')}-${length}.xlsx`,
        buildXlsx([{ name: 'Sheet 1', rows: productRows(strings, cell) }], strings),
      );
      const [row2] = (await readAll(file, { limits })).records;
      if (ok) expect(row2).toEqual({ row: 2, values: { id: 1, name: 'x'.repeat(1000) } });
      else
        expect(row2).toMatchObject({
          row: 2,
          problemField: 'name',
          problem: expect.stringMatching(
            /^cell B2 of sheet "Sheet 1" .*larger than the 1,000-character limit$/,
          ),
        });
    }
  });

  it('counts every run of a rich-text shared string against the limit', async () => {
    const runs = Array.from({ length: 3 }, () => `<r><t>${'y'.repeat(400)}</t></r>`).join('');
    // rowsXml numbers id, name, placeholder, Rain jacket 0–3; the rich string takes placeholder's place.
    const strings = ['<t>id</t>', '<t>name</t>', runs, '<t>Rain jacket</t>'].map((s) => `<si>${s}</si>`);
    const sharedXml = `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${strings.join('')}</sst>`;
    const file = tmp.write(
      'rich.xlsx',
      buildXlsx([{ name: 'S', rows: productRows([], '<c r="B2" t="s"><v>2</v></c>') }], [], { sharedXml }),
    );
    const [row2, row3] = (await readAll(file, { limits: { maxFieldChars: 1000 } })).records;
    expect(row2.problem).toBe(
      'cell B2 of sheet "S" holds shared string 2, which is larger than the 1,000-character limit',
    );
    expect(row3).toEqual({ row: 3, values: { id: 2, name: 'Rain jacket' } });
    expect((await readAll(file, { limits: { maxFieldChars: 1200 } })).records[0].values.name).toBe(
      'y'.repeat(1200),
    );
  });

  it('names the file, row, sheet, cell and limit in the import report', async () => {
    const shared: string[] = [];
    const tooLong = 'z'.repeat(DEFAULT_LIMITS.maxFieldChars + 1);
    const file = tmp.write(
      'catalog.xlsx',
      buildXlsx([{ name: 'Products', rows: productRows(shared, inline(tooLong)) }], shared),
    );
    const catalog = CatalogService.open(path.join(tmp.dir, 'catalog'), countingModels().models, {
      create: true,
    });
    try {
      const result = await importInto(catalog, file, { index: false });
      expect(result.rejectedRows).toEqual([
        {
          file: 'catalog.xlsx',
          row: 2,
          field: 'name',
          reason: 'cell B2 of sheet "Products" is larger than the 1,048,576-character limit',
        },
      ]);
    } finally {
      catalog.close();
    }
  });
});

describe('XLSX markup over the limits', () => {
  it('refuses a tag or attribute larger than the record limit while it streams', async () => {
    const cell = `<c r="B2" t="inlineStr" x-note="${'n'.repeat(300_000)}"><is><t>x</t></is></c>`;
    const shared: string[] = [];
    const file = tmp.write(
      'fat-tag.xlsx',
      buildXlsx([{ name: 'S', rows: productRows(shared, cell) }], shared),
    );
    const err = await readAll(file, { limits: { maxRecordChars: 100_000 } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CatalogFileError);
    expect((err as Error).message).toBe(
      'fat-tag.xlsx: sheet "S": a tag or attribute is larger than the 100,000-character limit',
    );
  });

  it('refuses elements nested deeper than a workbook needs', async () => {
    const deep = '<x>'.repeat(1000) + '</x>'.repeat(1000);
    const shared: string[] = [];
    const file = tmp.write('deep.xlsx', buildXlsx([{ name: 'S', rows: productRows(shared, deep) }], shared));
    await expect(openSource(file)).rejects.toThrow(
      'deep.xlsx: sheet "S": elements nest more than 256 levels deep',
    );
  });
});
