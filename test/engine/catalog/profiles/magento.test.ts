import { describe, expect, it } from 'vitest';
import { magentoPairs } from '../../../../electron/engine/catalog/profiles/magento.ts';
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

const FIXTURE = `${EXPORTS}magento2-products.csv`;
const STORE_VIEW =
  'Magento store-view row (a translation or override of a product read from its default row)';
const files = tempFiles();

const edited = (edit: RowsEdit) => editedExport(files, FIXTURE, edit);

/** Index of the default-scope row whose sku is `sku` (store-view rows repeat the sku). */
const rowOf = (rows: string[][], sku: string) => rows.findIndex((r) => r[0] === sku && r[1] === '');

describe('Magento 2 product CSV (Luma sample catalog export)', () => {
  it('is recognised from its header, while the other exports keep their own platform', async () => {
    const read = await readExport(FIXTURE);
    expect(read.profile?.id).toBe('magento2');
    expect(detectProfile(readCsv(`${EXPORTS}shopify-products.csv`)[0], null)?.id).toBe('shopify');
    expect(detectProfile(readCsv(`${EXPORTS}woocommerce-products.csv`)[0], null)?.id).toBe('woocommerce');
    expect((await readExport(`${EXPORTS}prestashop-products.csv`)).profile?.id).toBe('prestashop');
    expect(detectProfile(['sku', 'name', 'price', 'qty', 'categories'], null)).toBeNull();
  });

  it('makes 7 products of 35 rows: 2 configurables take their 21 simples, 7 store-view rows skipped', async () => {
    const read = await readExport(FIXTURE);
    expect(read.rejected).toEqual([]);
    expect(read.skipped).toEqual({ [STORE_VIEW]: 7 });
    expect(read.products.map((p) => [p.id, p.variants.length])).toEqual([
      ['24-MB01', 0],
      ['24-MB04', 0],
      ['24-MB03', 0],
      ['24-WB05', 0],
      ['WP12', 6],
      ['24-WG080', 0],
      ['MH01', 15],
    ]);
  });

  it('reads a configurable: fields from its own row, its simples as variants with full options', async () => {
    const hoodie = productById(await readExport(FIXTURE), 'MH01');
    expect(hoodie).toMatchObject({
      name: 'Chaz Kangeroo Hoodie',
      category: 'Men > Tops > Hoodies & Sweatshirts',
      price: 52,
      priceMax: null,
      compareAtPrice: null,
      currency: null,
      stock: 1500,
      stockState: 'in stock',
    });
    expect(hoodie.description).toMatch(/^Ideal for cold-weather training/);
    expect(hoodie.description).toContain('• Two-tone gray heather hoodie.');
    expect(hoodie.description).not.toMatch(/<|&bull;/);
    // The export lists only `size` in configurable_variations (magento/magento2#6938); the simples'
    // own additional_attributes give the colour.
    expect(hoodie.variants.slice(0, 4).map((v) => [v.id, v.options, v.price, v.stock])).toEqual([
      ['MH01-XS-Black', { color: 'Black', size: 'XS' }, 52, 100],
      ['MH01-XS-Gray', { color: 'Gray', size: 'XS' }, 52, 100],
      ['MH01-XS-Orange', { color: 'Orange', size: 'XS' }, 52, 100],
      ['MH01-S-Black', { color: 'Black', size: 'S' }, 52, 100],
    ]);
    expect(new Set(hoodie.variants.map((v) => `${v.options.color}/${v.options.size}`)).size).toBe(15);
  });

  it('expands additional_attributes and keeps product_online and visibility, not the packed columns', async () => {
    const read = await readExport(FIXTURE);
    const hoodie = productById(read, 'MH01');
    expect(hoodie.attributes).toMatchObject({
      climate: 'All-Weather, Cool, Indoor, Spring, Windy',
      eco_collection: 'Yes',
      material: 'Wool',
      product_online: '1',
      visibility: 'Catalog, Search',
      attribute_set_code: 'Top',
      product_type: 'configurable',
    });
    const columns = Object.keys(hoodie.attributes);
    expect(
      columns.filter(
        (c) =>
          c === 'additional_attributes' ||
          c === 'store_view_code' ||
          c.startsWith('configurable_variation') ||
          c.startsWith('use_config_'),
      ),
    ).toEqual([]);
    expect(productById(read, '24-MB01').attributes.short_description).toBeNull();
  });

  it('pays special_price when there is one, the regular price struck through only when it is higher', async () => {
    const read = await readExport(FIXTURE);
    expect(productById(read, '24-MB01')).toMatchObject({
      price: 33,
      compareAtPrice: 36,
      category: 'Gear > Bags',
    });
    expect(productById(read, '24-MB04')).toMatchObject({ price: 32, compareAtPrice: null });
    expect(productById(read, '24-WB05')).toMatchObject({ price: 24, compareAtPrice: 32 });
    expect(productById(read, '24-MB03')).toMatchObject({ price: 38, compareAtPrice: null });
    // A dynamic bundle has no price of its own.
    expect(productById(read, '24-WG080')).toMatchObject({
      price: null,
      category: 'Gear > Fitness Equipment',
    });
  });

  it('skips store-view rows instead of letting them rename or duplicate a product', async () => {
    const read = await readExport(FIXTURE);
    const capri = productById(read, 'WP12');
    expect(capri.name).toBe('Deirdre Relaxed-Fit Capri');
    expect(capri.category).toBe('Women > Bottoms > Pants');
    expect(capri.variants.map((v) => v.id)).toEqual([
      'WP12-28-Blue',
      'WP12-28-Gray',
      'WP12-28-Green',
      'WP12-29-Blue',
      'WP12-29-Gray',
      'WP12-29-Green',
    ]);
    expect(read.products.filter((p) => p.id === 'WP12')).toHaveLength(1);
  });

  it('leaves simples nobody claims as products', async () => {
    const file = edited((rows) => {
      rows.splice(rowOf(rows, 'MH01'), 1);
    });
    const read = await readExport(file);
    expect(read.rejected).toEqual([]);
    expect(read.products).toHaveLength(21);
    expect(productById(read, 'MH01-XS-Black')).toMatchObject({
      name: 'Chaz Kangeroo Hoodie-XS-Black',
      price: 52,
      stock: 100,
      variants: [],
    });
    expect(productById(read, 'MH01-XS-Black').attributes).toMatchObject({ color: 'Black', size: 'XS' });
  });

  it('uses the listed options as they are when they tell the simples apart', async () => {
    const file = edited((rows, col) => {
      const capri = rows[rowOf(rows, 'WP12')];
      capri[col('configurable_variations')] = 'sku=WP12-28-Blue,color=Blue|sku=WP12-29-Blue,color=Navy';
    });
    const capri = productById(await readExport(file), 'WP12');
    expect(capri.variants.map((v) => [v.id, v.options])).toEqual([
      ['WP12-28-Blue', { color: 'Blue' }],
      ['WP12-29-Blue', { color: 'Navy' }],
    ]);
  });

  it('joins simples that come after their configurable, with only the options the configurable lists', async () => {
    const file = edited((rows) => {
      const [configurable] = rows.splice(rowOf(rows, 'MH01'), 1);
      rows.splice(1, 0, configurable);
    });
    const hoodie = productById(await readExport(file), 'MH01');
    expect(hoodie.variants).toHaveLength(15);
    expect(hoodie.variants[0].options).toEqual({ size: 'XS' });
  });

  it('is harmless when a configurable claims a sku the file lacks', async () => {
    const file = edited((rows, col) => {
      const hoodie = rows[rowOf(rows, 'MH01')];
      hoodie[col('configurable_variations')] += '|sku=MH01-XXL-Black,size=XXL';
      rows[rowOf(rows, 'WP12')][col('configurable_variations')] = 'sku=WP12-30-Blue,size=30';
    });
    const read = await readExport(file);
    expect(read.rejected).toEqual([]);
    expect(productById(read, 'MH01').variants).toHaveLength(15);
    // Its real simples stay products; the configurable stands alone with its own row's price.
    expect(productById(read, 'WP12')).toMatchObject({ price: 63, variants: [] });
    expect(productById(read, 'WP12-28-Blue').variants).toEqual([]);
    expect(read.products).toHaveLength(13);
  });

  it('rejects a price that does not parse, naming file, row and column; the rest imports', async () => {
    const file = edited((rows, col) => {
      rows[rowOf(rows, '24-MB03')][col('price')] = 'thirty-eight';
      rows[rowOf(rows, '24-MB01')][col('special_price')] = '33,00,0';
      rows[rowOf(rows, 'MH01-XS-Black')][col('price')] = 'fifty-two';
    });
    const read = await readExport(file);
    expect(read.rejected).toEqual([
      { file: fileName(file), row: 2, field: 'special_price', reason: 'price "33,00,0" is not a number' },
      {
        file: fileName(file),
        row: 4,
        field: 'price',
        reason: 'regular price "thirty-eight" is not a number',
      },
      { file: fileName(file), row: 6, field: 'price', reason: 'regular price "fifty-two" is not a number' },
    ]);
    expect(read.products.map((p) => p.id)).toEqual(['24-MB04', '24-WB05', 'WP12', '24-WG080', 'MH01']);
    expect(productById(read, 'MH01').variants).toHaveLength(14);
  });

  it('rejects an empty and a repeated sku', async () => {
    const file = edited((rows, col) => {
      rows[rowOf(rows, '24-MB04')][col('sku')] = '';
      rows[rowOf(rows, '24-MB03')][col('sku')] = '24-MB01';
    });
    const read = await readExport(file);
    expect(read.rejected.map((r) => [r.row, r.field, r.reason])).toEqual([
      [3, 'sku', 'the sku is empty'],
      [4, 'sku', 'duplicate sku "24-MB01" (first seen earlier in the file)'],
    ]);
    expect(productById(read, '24-MB01').name).toBe('Joust Duffle Bag(s)');
  });

  it('reads is_in_stock and qty into the stock state', async () => {
    const file = edited((rows, col) => {
      const bag = rows[rowOf(rows, '24-MB04')];
      bag[col('qty')] = '0';
      bag[col('is_in_stock')] = '0';
      for (const sku of ['MH01-XS-Black', 'MH01-XS-Gray']) {
        rows[rowOf(rows, sku)][col('is_in_stock')] = '0';
        rows[rowOf(rows, sku)][col('qty')] = '0';
      }
    });
    const read = await readExport(file);
    expect(productById(read, '24-MB04')).toMatchObject({ stock: 0, stockState: 'out of stock' });
    const hoodie = productById(read, 'MH01');
    expect(hoodie).toMatchObject({ stock: 1300, stockState: 'in stock' });
    expect(hoodie.variants[0]).toMatchObject({ stock: 0, stockState: 'out of stock' });
  });
});

describe('magentoPairs', () => {
  it('reads the quoted values of Magento 2.3+ exports', () => {
    // From the configurable sample of techdivision/import-cli-simple (a Magento 2.3 export).
    expect(magentoPairs('color="Black",size="55 cm",gift_wrapping_available="Use config"')).toEqual([
      ['color', 'Black'],
      ['size', '55 cm'],
      ['gift_wrapping_available', 'Use config'],
    ]);
    expect(magentoPairs('material="Cotton, Polyester",new=No')).toEqual([
      ['material', 'Cotton, Polyester'],
      ['new', 'No'],
    ]);
  });

  it('keeps an unquoted comma inside the value before it, as older exports write it', () => {
    expect(magentoPairs('category_gear=Fitness, Yoga,gender=Women')).toEqual([
      ['category_gear', 'Fitness, Yoga'],
      ['gender', 'Women'],
    ]);
  });
});
