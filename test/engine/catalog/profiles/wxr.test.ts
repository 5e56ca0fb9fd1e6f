import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { tempFiles } from '../helpers.ts';
import { EXPORTS, productById, readExport } from './read-export.ts';

const FIXTURE = `${EXPORTS}woocommerce-wxr.xml`;
const files = tempFiles();
let written = 0;

const ITEM = /<item>[\s\S]*?<\/item>/g;
const postId = (item: string) => /<wp:post_id>(\d+)<\/wp:post_id>/.exec(item)?.[1];

/** The real export with the items `edit` changes (by post id; null drops the item), as a temp file. */
function edited(edit: Record<string, (item: string) => string | null>): string {
  const text = readFileSync(FIXTURE, 'utf8').replace(ITEM, (item) => {
    const change = edit[postId(item) ?? ''];
    return change ? (change(item) ?? '') : item;
  });
  return files.write(`${++written}-woocommerce-wxr.xml`, text);
}

/** Sets a post meta value: `<wp:meta_key>key</wp:meta_key>` followed by its value. */
function meta(item: string, key: string, value: string): string {
  const pair = new RegExp(
    `(<wp:meta_key>(?:<!\\[CDATA\\[)?${key}(?:\\]\\]>)?</wp:meta_key>\\s*<wp:meta_value>)[\\s\\S]*?(</wp:meta_value>)`,
  );
  if (!pair.test(item)) throw new Error(`no meta ${key}`);
  return item.replace(pair, `$1<![CDATA[${value}]]>$2`);
}

const element = (item: string, tag: string, value: string) =>
  item.replace(new RegExp(`<${tag}>[\\s\\S]*?</${tag}>`), `<${tag}>${value}</${tag}>`);

describe('WooCommerce WXR export (woocommerce sample_products.xml)', () => {
  it('makes 18 products and 7 variants of 47 items, skipping the 22 attachments', async () => {
    const read = await readExport(FIXTURE);
    expect(read.profile?.id).toBe('wxr');
    expect(read.rejected).toEqual([]);
    expect(read.skipped).toEqual({ 'WordPress attachment (not a product)': 22 });
    expect(read.products).toHaveLength(18);
    expect(read.products.reduce((n, p) => n + p.variants.length, 0)).toBe(7);
    expect(read.products.filter((p) => p.variants.length > 0).map((p) => p.id)).toEqual(['6', '7']);
  });

  it('reads a variable product: options from attribute meta, prices rolled up, its attributes by name', async () => {
    const hoodie = productById(await readExport(FIXTURE), '7');
    expect(hoodie).toMatchObject({
      name: 'Hoodie',
      category: 'Hoodies',
      price: 42,
      priceMax: 45,
      compareAtPrice: 45,
      stockState: 'in stock',
    });
    expect(hoodie.variants.map((v) => [v.id, v.options, v.price])).toEqual([
      ['woo-hoodie-red', { Color: 'red', Logo: 'No' }, 42],
      ['woo-hoodie-green', { Color: 'green', Logo: 'No' }, 45],
      ['woo-hoodie-blue', { Color: 'blue', Logo: 'No' }, 45],
      ['woo-hoodie-blue-logo', { Color: 'blue', Logo: 'Yes' }, 45],
    ]);
    expect(hoodie.attributes).toMatchObject({
      SKU: 'woo-hoodie',
      Type: 'variable',
      Status: 'publish',
      Color: 'Blue, Green, Red',
      Logo: 'Yes, No',
      excerpt: 'This is a variable product.',
    });
    const noise = Object.keys(hoodie.attributes).filter((k) =>
      /^(meta:_|meta:attribute_|category:|wp:(status|post_type|post_parent|menu_order)$|guid$)/.test(k),
    );
    expect(noise).toEqual([]);
  });

  it('leaves out an option a variation leaves open', async () => {
    const tee = productById(await readExport(FIXTURE), '6');
    expect(tee.variants.map((v) => v.options)).toEqual([
      { Color: 'red' },
      { Color: 'green' },
      { Color: 'blue' },
    ]);
    expect(tee.attributes).toMatchObject({ Size: 'Large, Medium, Small', Visibility: 'featured' });
  });

  it('reads simple, grouped and external products, sale prices and the catalog visibility terms', async () => {
    const read = await readExport(FIXTURE);
    expect(productById(read, '10')).toMatchObject({
      name: 'Beanie',
      price: 18,
      compareAtPrice: 20,
      variants: [],
    });
    expect(productById(read, '13')).toMatchObject({ name: 'Sunglasses', price: 90, compareAtPrice: null });
    expect(productById(read, '14').attributes.Visibility).toBe(
      'exclude-from-catalog, exclude-from-search, featured',
    );
    expect(productById(read, '28')).toMatchObject({ name: 'Logo Collection', price: null });
    expect(productById(read, '29')).toMatchObject({
      name: 'WordPress Pennant',
      price: 11.05,
      category: 'Decor',
    });
  });

  it('reads stock meta, stock status words, status, HTML content and a variation without SKU', async () => {
    const file = edited({
      '10': (item) => meta(meta(item, '_stock_status', 'outofstock'), '_stock', '0'),
      '11': (item) =>
        element(
          meta(meta(item, '_stock', '7'), '_stock_status', 'instock'),
          'content:encoded',
          '<![CDATA[<p>Genuine <strong>leather</strong>&nbsp;belt.</p>]]>',
        ),
      '12': (item) => element(meta(item, '_stock_status', 'onbackorder'), 'wp:status', 'draft'),
      '24': (item) => meta(item, '_sku', ''),
    });
    const read = await readExport(file);
    expect(read.rejected).toEqual([]);
    expect(productById(read, '10')).toMatchObject({ stock: 0, stockState: 'out of stock' });
    expect(productById(read, '11')).toMatchObject({
      stock: 7,
      stockState: 'in stock',
      description: 'Genuine leather belt.',
    });
    expect(productById(read, '12')).toMatchObject({
      stockState: 'backorder',
      attributes: { Status: 'draft' },
    });
    expect(productById(read, '7').variants[1]).toMatchObject({
      id: '7-24',
      options: { Color: 'green', Logo: 'No' },
    });
  });

  it('skips a product in the trash with its variations', async () => {
    const file = edited({ '6': (item) => element(item, 'wp:status', 'trash') });
    const read = await readExport(file);
    expect(read.rejected).toEqual([]);
    expect(read.skipped['WooCommerce product in the trash']).toBe(4);
    expect(read.products.map((p) => p.id)).not.toContain('6');
  });

  it('rejects the variations of a product the file lacks, naming file, item and wp:post_parent', async () => {
    const file = edited({ '7': () => null });
    const read = await readExport(file);
    expect(read.products).toHaveLength(17);
    const name = file.slice(file.lastIndexOf('/') + 1);
    // Items are counted from 1; without the Hoodie the variations are items 17–19 and 24.
    expect(read.rejected).toEqual(
      [17, 18, 19, 24].map((row) => ({
        file: name,
        row,
        field: 'wp:post_parent',
        reason: 'no product row for "7" in the file (this row only adds a variant to it)',
      })),
    );
  });

  it('rejects an unparsable price naming its meta, and a variation naming no parent', async () => {
    const file = edited({
      '11': (item) => meta(item, '_regular_price', '65,-- EUR'),
      '20': (item) => element(item, 'wp:post_parent', '0'),
    });
    const read = await readExport(file);
    const name = file.slice(file.lastIndexOf('/') + 1);
    expect(read.rejected).toEqual([
      {
        file: name,
        row: 6,
        field: 'meta:_regular_price',
        reason: 'regular price "65,-- EUR" is not a number',
      },
      { file: name, row: 15, field: 'wp:post_parent', reason: 'the variation names no parent product' },
    ]);
    expect(productById(read, '6').variants).toHaveLength(2);
  });
});
