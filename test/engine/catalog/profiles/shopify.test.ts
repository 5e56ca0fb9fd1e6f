import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { tempFiles } from '../helpers.ts';
import { EXPORTS, productById, readCsv, readExport, writeCsv } from './read-export.ts';

const FIXTURE = `${EXPORTS}shopify-products.csv`;
const files = tempFiles();

describe("Shopify product CSV (Shopify's product_template.csv)", () => {
  it('is read as written: CRLF line ends, no newline at the end', () => {
    const text = readFileSync(FIXTURE, 'utf8');
    expect(text.split('\r\n')).toHaveLength(18);
    expect(text.endsWith('archived')).toBe(true);
  });

  it('makes 3 products of 17 rows: 12 colour × size variants, 3 sizes plus an image row, one plain product', async () => {
    const read = await readExport(FIXTURE);
    expect(read.profile?.id).toBe('shopify');
    expect(read.rejected).toEqual([]);
    expect(read.products.map((p) => [p.id, p.variants.length])).toEqual([
      ['example-shirt', 12],
      ['example-pants', 3],
      ['example-hat', 0],
    ]);
  });

  it('reads the variants of a product: options, SKU, barcode, stock', async () => {
    const shirt = productById(await readExport(FIXTURE), 'example-shirt');
    expect(shirt).toMatchObject({
      name: 'Example T-Shirt',
      brand: 'Acme',
      price: 25,
      priceMax: null,
      compareAtPrice: null,
    });
    expect(shirt.description).toMatch(/^This t-shirt is as simple as it gets\. .* you can print on\.$/);
    expect(shirt.variants[0]).toEqual({
      id: 'SRT_COT_111',
      options: { Color: 'Green', Size: 'S' },
      price: 25,
      compareAtPrice: null,
      // The shirt is made to order: its inventory is not tracked, so the 0 in its quantity means nothing.
      stock: null,
      stockState: 'in stock',
      barcode: '3.65275E+11',
    });
    expect(new Set(shirt.variants.map((v) => `${v.options.Color}/${v.options.Size}`)).size).toBe(12);
    expect(Object.keys(shirt.attributes).filter((k) => /^(Variant |Option\d )/.test(k))).toEqual([]);
    expect(shirt.attributes).toMatchObject({ Status: 'active', Tags: 'Made to Order, Shirt Tag' });
  });

  it('sums stock over variants; a compare-at price below the price is no sale', async () => {
    const jeans = productById(await readExport(FIXTURE), 'example-pants');
    expect(jeans).toMatchObject({ price: 95, compareAtPrice: null, stock: 45, stockState: 'in stock' });
    expect(jeans.variants.map((v) => [v.options, v.stock])).toEqual([
      [{ Size: '28' }, 20],
      [{ Size: '30' }, 15],
      [{ Size: '40' }, 10],
    ]);
  });

  it('reads a product whose only variant is "Default Title" as a plain product on sale', async () => {
    const hat = productById(await readExport(FIXTURE), 'example-hat');
    expect(hat).toMatchObject({
      price: 17.99,
      compareAtPrice: 22.99,
      stock: 50,
      stockState: 'in stock',
      variants: [],
    });
    expect(hat.attributes.SKU).toBe('HAT_GRY_275');
  });

  it('rejects an unparsable variant price, naming Variant Price; the other variants stand', async () => {
    const rows = readCsv(FIXTURE);
    rows[3][rows[0].indexOf('Variant Price')] = '25 dollars-ish';
    const file = files.write('shopify-products.csv', writeCsv(rows));
    const read = await readExport(file);
    expect(read.rejected).toEqual([
      {
        file: 'shopify-products.csv',
        row: 4,
        field: 'Variant Price',
        reason: 'price "25 dollars-ish" is not a number',
      },
    ]);
    expect(productById(read, 'example-shirt').variants).toHaveLength(11);
  });

  it("rejects a handle's rows when its first row (the product) is missing", async () => {
    const rows = readCsv(FIXTURE);
    rows.splice(13, 1);
    const file = files.write('no-pants.csv', writeCsv(rows));
    const read = await readExport(file);
    expect(read.products.map((p) => p.id)).toEqual(['example-shirt', 'example-hat']);
    expect(read.rejected.map((r) => [r.row, r.field])).toEqual([
      [14, 'Handle'],
      [15, 'Handle'],
      [16, 'Handle'],
    ]);
    expect(read.rejected[0].reason).toBe(
      'no product row for "example-pants" in the file (this row only adds a variant to it)',
    );
  });

  it('reads a tracked variant sold past zero (policy "continue") as a backorder, one denied as out of stock', async () => {
    const rows = readCsv(FIXTURE);
    const col = (name: string) => rows[0].indexOf(name);
    rows[13][col('Variant Inventory Qty')] = '0';
    rows[13][col('Variant Inventory Policy')] = 'continue';
    rows[14][col('Variant Inventory Qty')] = '-2';
    const read = await readExport(files.write('oversold.csv', writeCsv(rows)));
    const jeans = productById(read, 'example-pants');
    expect(jeans.variants.map((v) => [v.id, v.stock, v.stockState])).toEqual([
      ['PNT_DEN_285', 0, 'backorder'],
      ['PNT_DEN_305', -2, 'out of stock'],
      ['PNT_DEN_405', 10, 'in stock'],
    ]);
    expect(jeans).toMatchObject({ stock: 10, stockState: 'in stock' });
  });
});

describe('Shopify product CSV, the current template (URL handle, SKU, Price, Compare-at price)', () => {
  const CURRENT = `${EXPORTS}shopify-current-template.csv`;

  it('is recognised and read with the same rules as the classic export', async () => {
    const read = await readExport(CURRENT);
    expect(read.profile?.id).toBe('shopify');
    expect(read.products).toHaveLength(52);
    const rice = productById(read, 'jasmine-rice-5kg');
    expect(rice).toMatchObject({
      name: 'Jasmine Rice 5kg',
      brand: 'PinoyPantry',
      category: 'Rice & Grains',
      price: 12.99,
      compareAtPrice: 14.99,
      stock: 100,
      stockState: 'in stock',
      variants: [],
    });
    expect(rice.attributes).toMatchObject({ SKU: 'RICE-JAS-5KG', Status: 'active' });
    expect(Object.keys(rice.attributes)).not.toContain('Inventory quantity');
    // No compare-at price: no sale.
    expect(productById(read, 'century-tuna-flakes-180g')).toMatchObject({
      price: 2.99,
      compareAtPrice: null,
    });
  });

  it('reports the two lines where the published file lost a line break, and imports the rest', async () => {
    const read = await readExport(CURRENT);
    expect(read.rejected).toEqual([
      {
        file: 'shopify-current-template.csv',
        row: 11,
        field: '(row)',
        reason: 'the row has 51 fields but the header has 26',
      },
      {
        file: 'shopify-current-template.csv',
        row: 30,
        field: '(row)',
        reason: 'the row has 51 fields but the header has 26',
      },
    ]);
  });
});
