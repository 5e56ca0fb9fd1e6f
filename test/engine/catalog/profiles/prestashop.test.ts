import { describe, expect, it } from 'vitest';
import { detectProfile } from '../../../../electron/engine/catalog/profiles/index.ts';
import { tempFiles } from '../helpers.ts';
import {
  editedExport,
  EXPORTS,
  fileName,
  productById,
  readCsv,
  readExport,
  type RowsEdit,
} from './read-export.ts';

const FIXTURE = `${EXPORTS}prestashop-products.csv`;
const files = tempFiles();

/** The real file changed by `edit`; PrestaShop's files are `;`-separated. */
const edited = (edit: RowsEdit) => editedExport(files, FIXTURE, edit, ';');

const rowOf = (rows: string[][], id: string) => rows.findIndex((r) => r[0] === id);

describe('PrestaShop product CSV (PrestaShop docs/csv_import/products_import.csv)', () => {
  it('is recognised from its `;`-separated header, while the other exports keep their own platform', async () => {
    const read = await readExport(FIXTURE);
    expect(read.profile?.id).toBe('prestashop');
    expect(detectProfile(readCsv(`${EXPORTS}magento2-products.csv`)[0], null)?.id).toBe('magento2');
    expect(detectProfile(readCsv(`${EXPORTS}shopify-products.csv`)[0], null)?.id).toBe('shopify');
    expect(detectProfile(readCsv(`${EXPORTS}woocommerce-products.csv`)[0], null)?.id).toBe('woocommerce');
    expect(detectProfile(['ID', 'Name', 'Categories', 'Price', 'Quantity'], null)).toBeNull();
  });

  it('makes one product of each of the 7 rows', async () => {
    const read = await readExport(FIXTURE);
    expect(read.rejected).toEqual([]);
    expect(read.skipped).toEqual({});
    expect(read.products.map((p) => [p.id, p.name, p.price, p.stock])).toEqual([
      ['1', 'iPod Nano', 100, 160],
      ['2', 'iPod shuffle', 60, 120],
      ['3', 'MacBook Air', 1500, 400],
      ['4', 'MacBook', 1150, 75],
      ['5', 'iPod touch', 240, 120],
      ['6', 'Belkin Leather Folio for iPod nano - Black / Chocolate', 25, 25],
      ['7', 'Shure SE210 Sound-Isolating Earphones for iPod and iPhone', 125, 15],
    ]);
    expect(read.products.every((p) => p.variants.length === 0)).toBe(true);
  });

  it('reads the tax-excluded price, manufacturer, category and HTML text; the expired discount stays an attribute', async () => {
    const nano = productById(await readExport(FIXTURE), '1');
    expect(nano).toMatchObject({
      name: 'iPod Nano',
      price: 100,
      compareAtPrice: null,
      currency: null,
      stock: 160,
      stockState: 'in stock',
      category: 'iPods',
      brand: 'Apple',
      description: 'New design.',
    });
    expect(nano.attributes).toMatchObject({
      'Active (0/1)': '1',
      'Reference #': 'RP-demo_1',
      EAN13: '1234567890123',
      Summary: 'New design.',
      'Wholesale price': '80',
      'On sale (0/1)': '1',
      'Discount percent': '5.5',
      'Discount to (yyyy-mm-dd)': '2018-12-31',
    });
  });

  it('reads the category list as levels of a path without Home and Root', async () => {
    const file = edited((rows, col) => {
      rows[rowOf(rows, '1')][col('Categories (x,y,z...)')] = 'Home,Clothes,Men';
      rows[rowOf(rows, '2')][col('Categories (x,y,z...)')] = 'Root,Home';
      rows[rowOf(rows, '3')][col('Categories (x,y,z...)')] = '';
    });
    const read = await readExport(file);
    expect(productById(read, '1').category).toBe('Clothes > Men');
    expect(productById(read, '2').category).toBe('Home');
    expect(productById(read, '3').category).toBeNull();
  });

  it('expands Feature(Name:Value:Position) into attributes', async () => {
    const file = edited((rows, col) => {
      rows[rowOf(rows, '1')][col('Feature(Name:Value:Position)')] =
        'Compositions:Cotton:1,Styles:Casual:2,Compositions:Polyester:3,Property:Short sleeve:4:1';
    });
    const nano = productById(await readExport(file), '1');
    expect(nano.attributes).toMatchObject({
      Compositions: 'Cotton, Polyester',
      Styles: 'Casual',
      Property: 'Short sleeve',
    });
    expect('Feature(Name:Value:Position)' in nano.attributes).toBe(false);
  });

  it('reads the header names of PrestaShop’s older templates (ID, Short description, tax-included price)', async () => {
    const file = edited((rows, col) => {
      const header = rows[0];
      header[col('Product ID')] = 'ID';
      header[col('Summary')] = 'Short description';
      header[col('Price tax excluded')] = 'Price tax included';
    });
    const read = await readExport(file);
    expect(read.profile?.id).toBe('prestashop');
    expect(productById(read, '3')).toMatchObject({ name: 'MacBook Air', price: 1500 });
    expect(productById(read, '3').attributes['Short description']).toBe('New design.');
  });

  it('rejects a price that does not parse, naming file, row and column; the rest imports', async () => {
    const file = edited((rows, col) => {
      rows[rowOf(rows, '4')][col('Price tax excluded')] = 'eleven fifty';
    });
    const read = await readExport(file);
    expect(read.rejected).toEqual([
      {
        file: fileName(file),
        row: 5,
        field: 'Price tax excluded',
        reason: 'price "eleven fifty" is not a number',
      },
    ]);
    expect(read.products.map((p) => p.id)).toEqual(['1', '2', '3', '5', '6', '7']);
  });

  it('keys a product without an ID by its reference, and rejects one with neither and a repeated ID', async () => {
    const file = edited((rows, col) => {
      rows[rowOf(rows, '2')][col('Product ID')] = '';
      const macbook = rows[rowOf(rows, '4')];
      macbook[col('Product ID')] = '';
      macbook[col('Reference #')] = '';
      rows[rowOf(rows, '6')][col('Product ID')] = '1';
    });
    const read = await readExport(file);
    expect(read.rejected.map((r) => [r.row, r.field, r.reason])).toEqual([
      [5, 'Product ID', 'the product has neither an ID nor a reference'],
      [7, 'Product ID', 'duplicate product "1" (first seen earlier in the file)'],
    ]);
    expect(productById(read, 'RP-demo_2').name).toBe('iPod shuffle');
    expect(productById(read, '1').name).toBe('iPod Nano');
  });

  it('reads a quantity of 0 as out of stock', async () => {
    const file = edited((rows, col) => {
      rows[rowOf(rows, '7')][col('Quantity')] = '0';
    });
    expect(productById(await readExport(file), '7')).toMatchObject({ stock: 0, stockState: 'out of stock' });
  });
});
