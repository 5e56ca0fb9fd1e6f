import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { skuOptions } from '../../../../electron/engine/catalog/profiles/bigcommerce.ts';
import { detectProfile } from '../../../../electron/engine/catalog/profiles/index.ts';
import { tempFiles } from '../helpers.ts';
import { EXPORTS, fileName, productById, readCsv, readExport, writeCsv } from './read-export.ts';

const FIXTURE = `${EXPORTS}bigcommerce-products.csv`;
const NAME = '[Sample] Daventry Meers, dark denim shirt';
const files = tempFiles();
let written = 0;

type Cells = Record<string, string>;

/**
 * The real file with its product row changed by `product` and rows made from it appended: each a copy
 * of the product row with every cell emptied except the ones given, as an export writes SKU and Rule rows.
 */
function edited(product: Cells, ...more: Cells[]): string {
  const [header, row] = readCsv(FIXTURE);
  const set = (target: string[], cells: Cells) => {
    for (const [name, value] of Object.entries(cells)) {
      const i = header.indexOf(name);
      if (i < 0) throw new Error(`no column ${name}`);
      target[i] = value;
    }
    return target;
  };
  const rows = [
    header,
    set([...row], product),
    ...more.map((cells) =>
      set(
        header.map(() => ''),
        cells,
      ),
    ),
  ];
  return files.write(`${++written}-bigcommerce-products.csv`, writeCsv(rows));
}

/** The product as a store exports it: an ID, a SKU, stock tracked by option. */
const SHIRT: Cells = {
  'Product ID': '77',
  'Product Code/SKU': 'DMS',
  'Brand Name': 'Daventry',
  'Sale Price': '0.00',
  'Track Inventory': 'by option',
  'Current Stock Level': '0',
  Category: 'Shop All/Shirts;Shirts/Denim',
};
const sku = (code: string, options: string, more: Cells = {}): Cells => ({
  'Item Type': '  SKU',
  'Product Name': options,
  'Product Code/SKU': code,
  ...more,
});
const RULE: Cells = { 'Item Type': '  Rule', 'Product Name': '[S]Size=Large', Price: '[ADD]2' };

describe('BigCommerce product CSV (BigCommerce bulk edit import example)', () => {
  it('is recognised from its header; other exports keep their platform', async () => {
    expect((await readExport(FIXTURE)).profile?.id).toBe('bigcommerce');
    for (const name of readdirSync(EXPORTS).filter(
      (n) => /\.(csv|tsv|xml)$/.test(n) && !n.startsWith('bigcommerce'),
    )) {
      expect((await readExport(`${EXPORTS}${name}`)).profile?.id, name).not.toBe('bigcommerce');
    }
    expect(detectProfile(['Product ID', 'Product Name', 'Price', 'Category'], null)).toBeNull();
  });

  it('reads the example product: named by its name while it has no ID, HTML description as text', async () => {
    const read = await readExport(FIXTURE);
    expect(read.rejected).toEqual([]);
    expect(read.products).toHaveLength(1);
    const shirt = read.products[0];
    expect(shirt).toMatchObject({
      id: NAME,
      name: NAME,
      category: 'Mens',
      price: 24.5,
      compareAtPrice: null,
      variants: [],
    });
    expect(shirt.description).toMatch(/^How to write product descriptions that sell\nOne of the best things/);
    expect(shirt.description).not.toMatch(/[<>]/);
    expect(shirt.attributes).toMatchObject({ 'Product Weight': '1', 'Sort Order': '0' });
    expect(shirt.attributes).not.toHaveProperty('Item Type');
  });

  it('makes the SKU rows under a product its variants, with options from their names; skips Rule rows', async () => {
    const file = edited(
      SHIRT,
      sku('DMS-S-RED', '[S]Size=Small,[RB]Color=Red', {
        'Current Stock Level': '3',
        'Product UPC/EAN': '0123',
      }),
      sku('DMS-L-RED', '[S]Size=Large,[RB]Color=Red', { 'Current Stock Level': '0', Price: '26.50' }),
      RULE,
    );
    const read = await readExport(file);
    expect(read.rejected).toEqual([]);
    expect(read.skipped).toEqual({ 'BigCommerce rule row (a price or weight adjustment by option)': 1 });
    const shirt = productById(read, '77');
    expect(shirt.variants).toEqual([
      {
        id: 'DMS-S-RED',
        options: { Size: 'Small', Color: 'Red' },
        price: 24.5,
        compareAtPrice: null,
        stock: 3,
        stockState: 'in stock',
        barcode: '0123',
      },
      {
        id: 'DMS-L-RED',
        options: { Size: 'Large', Color: 'Red' },
        price: 26.5,
        compareAtPrice: null,
        stock: 0,
        stockState: 'out of stock',
        barcode: null,
      },
    ]);
    expect(shirt).toMatchObject({
      name: NAME,
      brand: 'Daventry',
      category: 'Shirts > Denim',
      price: 24.5,
      priceMax: 26.5,
      stock: 3,
      stockState: 'in stock',
    });
  });

  it('pays the sale price while it is set, else the price; 0.00 is no sale price', async () => {
    const onSale = productById(await readExport(edited({ ...SHIRT, 'Sale Price': '19.99' })), '77');
    expect(onSale).toMatchObject({ price: 19.99, compareAtPrice: 24.5 });
    const notOnSale = productById(await readExport(edited(SHIRT)), '77');
    expect(notOnSale).toMatchObject({ price: 24.5, compareAtPrice: null });
  });

  it('reads untracked stock as in stock and a product tracked as a whole without SKU counts', async () => {
    const untracked = productById(await readExport(edited({ ...SHIRT, 'Track Inventory': 'none' })), '77');
    expect(untracked).toMatchObject({ stock: null, stockState: 'in stock' });
    const tracked = productById(
      await readExport(
        edited(
          { ...SHIRT, 'Track Inventory': 'by product', 'Current Stock Level': '5' },
          sku('DMS-S', '[S]Size=Small'),
        ),
      ),
      '77',
    );
    expect(tracked.variants.map((v) => [v.id, v.stock])).toEqual([['DMS-S', null]]);
  });

  it('reads a category name holding an escaped slash as one level', async () => {
    const file = edited({ ...SHIRT, Category: 'Shop All/Sweaters\\/Hoodies' });
    expect(productById(await readExport(file), '77').category).toBe('Sweaters/Hoodies');
  });

  it('rejects a SKU row before any Product row, naming file, row and Item Type', async () => {
    const file = edited(
      { ...SHIRT, ...sku('DMS-S', '[S]Size=Small') },
      { ...SHIRT, 'Item Type': 'Product', 'Product Name': NAME },
    );
    const read = await readExport(file);
    expect(read.rejected).toEqual([
      {
        file: fileName(file),
        row: 2,
        field: 'Item Type',
        reason: 'the SKU row comes before any Product row',
      },
    ]);
    expect(read.products.map((p) => p.id)).toEqual(['77']);
  });

  it('rejects prices that do not parse, an unknown item type, and a repeated product with its SKUs', async () => {
    const file = edited(
      { ...SHIRT, Price: 'twenty' },
      sku('DMS-S', '[S]Size=Small', { 'Sale Price': 'cheap' }),
      { ...SHIRT, 'Item Type': 'Product', 'Product ID': '78', 'Product Name': 'Other shirt' },
      { 'Item Type': 'Image', 'Product Name': 'x' },
      { ...SHIRT, 'Item Type': 'Product', 'Product Name': 'Same ID' },
      sku('DMS-M', '[S]Size=Medium'),
    );
    const read = await readExport(file);
    const name = fileName(file);
    expect(read.rejected).toEqual([
      { file: name, row: 2, field: 'Price', reason: 'regular price "twenty" is not a number' },
      { file: name, row: 3, field: 'Sale Price', reason: 'price "cheap" is not a number' },
      { file: name, row: 5, field: 'Item Type', reason: 'item type "Image" is not Product, SKU or Rule' },
      {
        file: name,
        row: 6,
        field: 'Product ID',
        reason: 'duplicate product "77" (first seen earlier in the file)',
      },
      {
        file: name,
        row: 7,
        field: 'Item Type',
        reason: 'the SKU row belongs to a product row that was rejected',
      },
    ]);
    expect(read.products.map((p) => p.id)).toEqual(['78']);
  });
});

describe('skuOptions', () => {
  it('reads [type]name=value pairs, a value may hold a comma', () => {
    expect(skuOptions('[S]Size=Small,[RB]Color=Red')).toEqual({ Size: 'Small', Color: 'Red' });
    expect(skuOptions('[S]Size= US 8,[RB]Width= Narrow, B')).toEqual({ Size: 'US 8', Width: 'Narrow, B' });
    expect(skuOptions('Daventry Meers')).toEqual({});
    expect(skuOptions(null)).toEqual({});
  });
});
