import { describe, expect, it } from 'vitest';
import { detectProfile } from '../../../../electron/engine/catalog/profiles/index.ts';
import { tempFiles } from '../helpers.ts';
import { editedExport, EXPORTS, productById, readCsv, readExport, type RowsEdit } from './read-export.ts';

const FIXTURE = `${EXPORTS}woocommerce-products.csv`;
const files = tempFiles();

const edited = (edit: RowsEdit) => editedExport(files, FIXTURE, edit);

/** Index of the row whose ID cell is `id`. */
const rowOf = (rows: string[][], id: string) => rows.findIndex((r) => r[0] === id);

describe('WooCommerce product CSV (woocommerce sample_products.csv)', () => {
  it('is recognised from its header, ahead of the generic detection', async () => {
    const read = await readExport(FIXTURE);
    expect(read.profile?.id).toBe('woocommerce');
    const shopifyHeader = readCsv(`${EXPORTS}shopify-products.csv`)[0];
    expect(detectProfile(shopifyHeader, null)?.id).toBe('shopify');
    expect(detectProfile(['id', 'name', 'price', 'type'], null)).toBeNull();
  });

  it('makes 18 products of 25 rows, the 7 variation rows variants of their 2 variable products', async () => {
    const read = await readExport(FIXTURE);
    expect(read.rejected).toEqual([]);
    expect(read.skipped).toEqual({});
    expect(read.products).toHaveLength(18);
    expect(read.products.reduce((n, p) => n + p.variants.length, 0)).toBe(7);
    expect(read.products.filter((p) => p.variants.length > 0).map((p) => p.id)).toEqual(['44', '45']);
  });

  it('reads a variable product: options from the variation rows, prices rolled up, its attribute lists kept', async () => {
    const hoodie = productById(await readExport(FIXTURE), '45');
    expect(hoodie).toMatchObject({
      name: 'Hoodie',
      category: 'Clothing > Hoodies',
      price: 42,
      priceMax: 45,
      compareAtPrice: 45,
      stockState: 'in stock',
    });
    expect(hoodie.variants.map((v) => [v.id, v.options, v.price, v.compareAtPrice])).toEqual([
      ['woo-hoodie-red', { Color: 'Red', Logo: 'No' }, 42, 45],
      ['woo-hoodie-green', { Color: 'Green', Logo: 'No' }, 45, null],
      ['woo-hoodie-blue', { Color: 'Blue', Logo: 'No' }, 45, null],
      ['woo-hoodie-blue-logo', { Color: 'Blue', Logo: 'Yes' }, 45, null],
    ]);
    expect(hoodie.attributes).toMatchObject({
      SKU: 'woo-hoodie',
      Type: 'variable',
      Published: '1',
      'Visibility in catalog': 'visible',
      Color: 'Blue, Green, Red',
      Logo: 'Yes, No',
    });
    const columns = Object.keys(hoodie.attributes);
    expect(
      columns.filter((c) => c.startsWith('Attribute ') || c === 'Parent' || c.startsWith('Meta: _')),
    ).toEqual([]);
  });

  it('leaves out an option a variation leaves open ("any size")', async () => {
    const tee = productById(await readExport(FIXTURE), '44');
    expect(tee.variants.map((v) => v.options)).toEqual([
      { Color: 'Red' },
      { Color: 'Green' },
      { Color: 'Blue' },
    ]);
    expect(tee.attributes.Size).toBe('Large, Medium, Small');
  });

  it('reads simple, downloadable, grouped and external products as products', async () => {
    const read = await readExport(FIXTURE);
    expect(productById(read, '48')).toMatchObject({
      name: 'Beanie',
      price: 18,
      compareAtPrice: 20,
      variants: [],
    });
    expect(productById(read, '62')).toMatchObject({ price: 90, compareAtPrice: null });
    expect(productById(read, '64').attributes['Visibility in catalog']).toBe('hidden');
    expect(productById(read, '73')).toMatchObject({ name: 'Album', category: 'Music', price: 15 });
    expect(productById(read, '73').attributes.Type).toBe('simple, downloadable, virtual');
    expect(productById(read, '87')).toMatchObject({ name: 'Logo Collection', price: null });
    expect(productById(read, '89')).toMatchObject({
      name: 'WordPress Pennant',
      price: 11.05,
      category: 'Decor',
    });
  });

  it('joins variations to a parent that comes after them, by SKU or by id:N', async () => {
    const bySku = edited((rows) => {
      const [parent] = rows.splice(rowOf(rows, '45'), 1);
      rows.push(parent);
    });
    const read = await readExport(bySku);
    expect(read.rejected).toEqual([]);
    expect(productById(read, '45').variants).toHaveLength(4);

    // WooCommerce writes `id:N` for a parent without a SKU.
    const byId = edited((rows, col) => {
      rows[rowOf(rows, '45')][col('SKU')] = '';
      for (const r of rows) if (r[col('Parent')] === 'woo-hoodie') r[col('Parent')] = 'id:45';
      const [parent] = rows.splice(rowOf(rows, '45'), 1);
      rows.push(parent);
    });
    const again = await readExport(byId);
    expect(again.rejected).toEqual([]);
    expect(productById(again, '45').variants.map((v) => v.options.Color)).toEqual([
      'Red',
      'Green',
      'Blue',
      'Blue',
    ]);
  });

  it('rejects the variations of a parent the file lacks, naming file, row and Parent', async () => {
    const file = edited((rows) => {
      rows.splice(rowOf(rows, '44'), 1);
    });
    const read = await readExport(file);
    expect(read.products).toHaveLength(17);
    // The V-neck variations are CSV rows 16–18; without their parent's row, 15–17.
    expect(read.rejected).toEqual(
      [15, 16, 17].map((row) => ({
        file: file.slice(file.lastIndexOf('/') + 1),
        row,
        field: 'Parent',
        reason: 'no product row for "woo-vneck-tee" in the file (this row only adds a variant to it)',
      })),
    );
  });

  it('rejects a variation naming no parent, a product without ID or SKU, and a repeated SKU', async () => {
    const file = edited((rows, col) => {
      rows[rowOf(rows, '90')][col('Parent')] = '';
      const belt = rows[rowOf(rows, '58')];
      belt[col('ID')] = '';
      belt[col('SKU')] = '';
      rows[rowOf(rows, '60')][col('SKU')] = 'woo-beanie';
    });
    const read = await readExport(file);
    expect(read.rejected.map((r) => [r.row, r.field, r.reason])).toEqual([
      [7, 'ID', 'the product has neither an ID nor a SKU'],
      [8, 'SKU', 'duplicate SKU "woo-beanie" (first seen earlier in the file)'],
      [26, 'Parent', 'the variation names no parent product'],
    ]);
    expect(productById(read, '45').variants).toHaveLength(3);
  });

  it('rejects an unparsable price, naming Regular price', async () => {
    const file = edited((rows, col) => {
      rows[rowOf(rows, '58')][col('Regular price')] = 'sixty-five';
    });
    const read = await readExport(file);
    expect(read.rejected).toEqual([
      {
        file: file.slice(file.lastIndexOf('/') + 1),
        row: 7,
        field: 'Regular price',
        reason: 'regular price "sixty-five" is not a number',
      },
    ]);
    expect(read.products).toHaveLength(17);
  });

  it('reads stock, In stock? (1, 0, backorder), several category paths and HTML descriptions', async () => {
    const file = edited((rows, col) => {
      const beanie = rows[rowOf(rows, '48')];
      beanie[col('In stock?')] = '0';
      beanie[col('Stock')] = '0';
      rows[rowOf(rows, '60')][col('In stock?')] = 'backorder';
      const belt = rows[rowOf(rows, '58')];
      belt[col('Stock')] = '12';
      belt[col('Categories')] = 'Clothing, Clothing > Accessories > Belts, Accessories';
      belt[col('Description')] = '<p>Genuine <strong>leather</strong>&nbsp;belt.</p>';
      belt[col('Short description')] = '<em>A belt.</em>';
      rows[rowOf(rows, '81')][col('Stock')] = '3';
      rows[rowOf(rows, '81')][col('In stock?')] = '1';
    });
    const read = await readExport(file);
    expect(read.rejected).toEqual([]);
    expect(productById(read, '48')).toMatchObject({ stock: 0, stockState: 'out of stock' });
    expect(productById(read, '60').stockState).toBe('backorder');
    const belt = productById(read, '58');
    expect(belt).toMatchObject({
      stock: 12,
      stockState: 'in stock',
      category: 'Clothing > Accessories > Belts',
      description: 'Genuine leather belt.',
    });
    expect(belt.attributes['Short description']).toBe('A belt.');
    expect(productById(read, '45').variants.find((v) => v.id === 'woo-hoodie-blue')?.stock).toBe(3);
  });
});
