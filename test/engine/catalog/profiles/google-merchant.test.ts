import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { productName } from '../../../../electron/engine/catalog/profiles/google-merchant.ts';
import { detectProfile } from '../../../../electron/engine/catalog/profiles/index.ts';
import { tempFiles } from '../helpers.ts';
import { editedExport, EXPORTS, fileName, productById, readExport, type RowsEdit } from './read-export.ts';

const TSV = `${EXPORTS}google-merchant.tsv`;
const RSS = `${EXPORTS}google-merchant-rss.xml`;
const ATOM = `${EXPORTS}google-merchant-atom.xml`;
const files = tempFiles();
let written = 0;

const editedTsv = (edit: RowsEdit) => editedExport(files, TSV, edit, '\t');

/** Index of the row whose id cell is `id`. */
const rowOf = (rows: string[][], id: string) => rows.findIndex((r) => r[0] === id);

const ITEM = /<item>[\s\S]*?<\/item>/g;

/** The real RSS feed with the items `edit` changes (by g:id), as a temp file. */
function editedRss(edit: Record<string, (item: string) => string>): string {
  const text = readFileSync(RSS, 'utf8').replace(ITEM, (item) => {
    const id = /<g:id>([^<]*)<\/g:id>/.exec(item)?.[1] ?? '';
    return edit[id] ? edit[id](item) : item;
  });
  return files.write(`${++written}-google-merchant-rss.xml`, text);
}

describe('Google Merchant Center TSV feed (gmc-learning-site feed.tsv)', () => {
  it('is recognised from its header and from the Google XML dialects; other exports keep their platform', async () => {
    expect((await readExport(TSV)).profile?.id).toBe('google-merchant');
    expect((await readExport(RSS)).profile?.id).toBe('google-merchant');
    expect((await readExport(ATOM)).profile?.id).toBe('google-merchant');
    expect((await readExport(`${EXPORTS}shopify-products.csv`)).profile?.id).toBe('shopify');
    expect((await readExport(`${EXPORTS}woocommerce-products.csv`)).profile?.id).toBe('woocommerce');
    expect((await readExport(`${EXPORTS}woocommerce-wxr.xml`)).profile?.id).toBe('wxr');
    for (const name of readdirSync(EXPORTS).filter(
      (n) => /\.(csv|xml)$/.test(n) && !n.startsWith('google'),
    )) {
      expect((await readExport(`${EXPORTS}${name}`)).profile?.id, name).not.toBe('google-merchant');
    }
    expect(detectProfile(['id', 'title', 'description', 'price', 'brand'], null)).toBeNull();
    expect(detectProfile(['id', 'title', 'price', 'availability', 'link'], null)?.id).toBe('google-merchant');
  });

  it('makes 6 products of 22 items, the items of each item_group_id the variants of one product', async () => {
    const read = await readExport(TSV);
    expect(read.rejected).toEqual([]);
    expect(read.products.map((p) => [p.id, p.variants.length])).toEqual([
      ['glacier-pro-mens', 6],
      ['aurora-pro-womens', 6],
      ['frost-snow-pants', 3],
      ['tundra-merino-crew', 2],
      ['polar-glove', 4],
      ['aurora-beanie', 1],
    ]);
  });

  it('names a group by its first title without the option words, and reads options, prices and barcodes', async () => {
    const jacket = productById(await readExport(TSV), 'glacier-pro-mens');
    expect(jacket).toMatchObject({
      name: "Glacier Pro Men's Ski Jacket",
      brand: 'Northridge',
      category: 'Apparel > Outerwear > Ski & Snowboard Jackets',
      price: 349,
      priceMax: null,
      currency: 'EUR',
      stockState: 'in stock',
    });
    expect(jacket.description).toMatch(/^Three-layer waterproof shell/);
    expect(jacket.variants[0]).toEqual({
      id: 'glacier-pro-mens-black-m',
      options: { Color: 'Black', Size: 'M', Material: 'recycled polyester' },
      price: 349,
      compareAtPrice: null,
      stock: null,
      stockState: 'in stock',
      barcode: '8123456700019',
    });
    expect(jacket.variants.map((v) => `${v.options.Color}/${v.options.Size}`)).toEqual([
      'Black/M',
      'Black/L',
      'Black/XL',
      'Crimson/M',
      'Crimson/L',
      'Crimson/XL',
    ]);
    // What the group shares stays with the product; what tells its items apart is in the variants.
    expect(jacket.attributes).toMatchObject({ gender: 'male', age_group: 'adult', condition: 'new' });
    for (const key of ['color', 'size', 'material', 'item_group_id', 'id', 'title', 'price']) {
      expect(jacket.attributes).not.toHaveProperty(key);
    }
    expect(productById(await readExport(TSV), 'aurora-beanie').name).toBe('Aurora Knit Beanie');
  });

  it('reads an item without item_group_id as a product of its own, keeping its color and size', async () => {
    const file = editedTsv((rows, col) => {
      rows[rowOf(rows, 'aurora-beanie-charcoal-one-size')][col('item_group_id')] = '';
    });
    const beanie = productById(await readExport(file), 'aurora-beanie-charcoal-one-size');
    expect(beanie).toMatchObject({
      name: 'Aurora Knit Beanie — Charcoal, Size One Size',
      price: 29,
      variants: [],
    });
    expect(beanie.attributes).toMatchObject({ color: 'Charcoal', size: 'One Size', gtin: '8123456700224' });
  });

  it('reads sale prices, availability words, Home-rooted product types and HTML descriptions', async () => {
    const file = editedTsv((rows, col) => {
      const pants = ['frost-snow-pants-slate-s', 'frost-snow-pants-slate-m', 'frost-snow-pants-slate-l'];
      rows[0].push('sale_price');
      for (const r of rows.slice(1)) r.push('');
      rows[rowOf(rows, pants[0])][col('sale_price')] = '149.00 EUR';
      rows[rowOf(rows, pants[0])][col('availability')] = 'out_of_stock';
      rows[rowOf(rows, pants[1])][col('availability')] = 'preorder';
      rows[rowOf(rows, pants[2])][col('availability')] = 'backorder';
      const crew = rows[rowOf(rows, 'tundra-merino-crew-charcoal-s')];
      crew[col('product_type')] = 'Home > Men > Base Layers';
      crew[col('description')] = '<p>Merino <b>wool</b>&nbsp;crew.</p>';
    });
    const read = await readExport(file);
    expect(read.rejected).toEqual([]);
    const pants = productById(read, 'frost-snow-pants');
    expect(pants.variants.map((v) => [v.price, v.compareAtPrice, v.stockState])).toEqual([
      [149, 199, 'out of stock'],
      [199, null, 'preorder'],
      [199, null, 'backorder'],
    ]);
    expect(pants).toMatchObject({ price: 149, priceMax: 199, compareAtPrice: 199, stockState: 'preorder' });
    expect(productById(read, 'tundra-merino-crew')).toMatchObject({
      category: 'Men > Base Layers',
      description: 'Merino wool crew.',
    });
  });

  it('rejects a price or availability that does not parse, an item without id and a repeated id', async () => {
    const file = editedTsv((rows, col) => {
      rows[rowOf(rows, 'polar-glove-navy-m')][col('price')] = 'fifty-nine EUR';
      rows[rowOf(rows, 'frost-snow-pants-slate-m')][col('availability')] = 'ask us';
      rows[rowOf(rows, 'tundra-merino-crew-charcoal-l')][col('id')] = '';
      const beanie = rows[rowOf(rows, 'aurora-beanie-charcoal-one-size')];
      beanie[col('item_group_id')] = '';
      rows.push([...beanie]);
    });
    const read = await readExport(file);
    const name = fileName(file);
    expect(read.rejected).toEqual([
      { file: name, row: 15, field: 'availability', reason: 'availability "ask us" is not a stock state' },
      { file: name, row: 18, field: 'id', reason: 'the item has no id' },
      { file: name, row: 21, field: 'price', reason: 'regular price "fifty-nine EUR" is not a number' },
      {
        file: name,
        row: 24,
        field: 'id',
        reason: 'duplicate id "aurora-beanie-charcoal-one-size" (first seen earlier in the file)',
      },
    ]);
    expect(productById(read, 'polar-glove').variants).toHaveLength(3);
    expect(read.products).toHaveLength(6);
  });
});

describe('Google Merchant Center RSS feed (Google example_feed_xml_rss.xml)', () => {
  it('makes 5 products of 6 items: the two jeans items share an item_group_id', async () => {
    const read = await readExport(RSS);
    expect(read.rejected).toEqual([]);
    expect(read.products.map((p) => [p.id, p.variants.length])).toEqual([
      ['TV_123456', 0],
      ['DVD-0564738', 0],
      ['PFM654321', 0],
      ['CLO-29473856', 2],
      ['CLO-1029384', 0],
    ]);
    const jeans = productById(read, 'CLO-29473856');
    expect(jeans).toMatchObject({
      name: 'Roma Cotton Rich Bootcut Jeans',
      brand: 'M&S',
      category: "Women's Clothing > Jeans > Bootcut Jeans",
      price: 29.5,
      currency: 'USD',
      stockState: 'in stock',
    });
    expect(jeans.variants.map((v) => [v.id, v.options, v.stockState])).toEqual([
      ['CLO-29473856-1', { Color: 'Navy', Size: '8 Standard' }, 'out of stock'],
      ['CLO-29473856-2', { Color: 'Navy', Size: '8 Tall' }, 'in stock'],
    ]);
    expect(jeans.attributes).toMatchObject({ gender: 'Female', mpn: 'B003J5F5EY' });
  });

  it('reads g: keys under their plain names, the sale price, and falls back to google_product_category', async () => {
    const read = await readExport(RSS);
    const tv = productById(read, 'TV_123456');
    expect(tv).toMatchObject({
      name: 'LG 22LB4510 - 22" LED TV - 1080p (FullHD)',
      category: 'Consumer Electronics > TVs > Flat Panel TVs',
      price: 159,
      compareAtPrice: null,
      currency: 'USD',
      stockState: 'in stock',
    });
    expect(tv.attributes).toMatchObject({
      condition: 'used',
      gtin: '71919219405200',
      shipping: 'US:Standard:14.95 USD',
      google_product_category: 'Electronics > Video > Televisions > Flat Panel Televisions',
    });
    expect(Object.keys(tv.attributes).filter((k) => k.startsWith('g:'))).toEqual([]);
    // The jersey has no product_type; its Google category files it.
    expect(productById(read, 'CLO-1029384')).toMatchObject({
      price: 25.49,
      compareAtPrice: 33.99,
      category: 'Apparel & Accessories > Clothing > Activewear > Bicycle Activewear > Bicycle Jerseys',
    });
    expect(productById(read, 'CLO-1029384').attributes).toMatchObject({
      color: 'Black/Red/White',
      size: 'M',
    });
  });

  it('rejects an item without g:id and a price that does not parse, naming the item number', async () => {
    const file = editedRss({
      PFM654321: (item) => item.replace('<g:id>PFM654321</g:id>', ''),
      'DVD-0564738': (item) => item.replace('<g:price>11.99 USD</g:price>', '<g:price>eleven USD</g:price>'),
    });
    const read = await readExport(file);
    const name = fileName(file);
    expect(read.rejected).toEqual([
      { file: name, row: 2, field: 'g:price', reason: 'regular price "eleven USD" is not a number' },
      { file: name, row: 3, field: 'g:id', reason: 'the item has no id' },
    ]);
    expect(read.products.map((p) => p.id)).toEqual(['TV_123456', 'CLO-29473856', 'CLO-1029384']);
  });
});

describe('Google Base Atom feed (Google Base products-atom.xml)', () => {
  it('identifies entries by their Atom id, and rejects the second entry, which repeats it', async () => {
    const read = await readExport(ATOM);
    expect(read.rejected).toEqual([
      {
        file: 'google-merchant-atom.xml',
        row: 2,
        field: 'id',
        reason: 'duplicate id "tag:providers-website-item1.com,2003:3.2397" (first seen earlier in the file)',
      },
    ]);
    expect(read.products).toHaveLength(1);
    expect(read.products[0]).toMatchObject({
      id: 'tag:providers-website-item1.com,2003:3.2397',
      name: 'Google Mini',
      brand: 'Google',
      category: 'ship',
      price: 2995,
      currency: 'USD',
      stock: 300,
      stockState: 'in stock',
    });
    expect(read.products[0].description).toMatch(/^Now the same reliable results/);
    expect(read.products[0].attributes).toMatchObject({ label: 'Web Search, Appliance', upc: '12348573' });
  });
});

describe('productName', () => {
  it('drops the trailing option words a variant title adds, and nothing else', () => {
    expect(productName("Glacier Pro Men's Ski Jacket — Black, Size M", { Color: 'Black', Size: 'M' })).toBe(
      "Glacier Pro Men's Ski Jacket",
    );
    expect(productName('Roma Cotton Rich Bootcut Jeans - Size 8 Standard', { Size: '8 Standard' })).toBe(
      'Roma Cotton Rich Bootcut Jeans',
    );
    expect(productName('Floral Tank (White, XS)', { Color: 'White', Size: 'XS' })).toBe('Floral Tank');
    expect(productName('Lake Erie Floral Tank', { Color: 'White', Size: 'XS' })).toBe(
      'Lake Erie Floral Tank',
    );
    expect(productName('Black', { Color: 'Black' })).toBe('Black');
    expect(productName('Tank - Size', { Size: 'XS' })).toBe('Tank - Size');
  });
});
