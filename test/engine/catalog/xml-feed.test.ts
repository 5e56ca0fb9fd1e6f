import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import {
  CatalogFileError,
  openSource,
  type OpenSourceOptions,
} from '../../../electron/engine/catalog/source.ts';
import type { SourceRecord } from '../../../electron/engine/catalog/record.ts';
import { tempFiles } from './helpers.ts';

const EXPORTS = new URL('../../../e2e/fixtures/exports/', import.meta.url).pathname;
const G = 'xmlns:g="http://base.google.com/ns/1.0"';
const tmp = tempFiles();

async function readFeed(file: string, opts?: OpenSourceOptions) {
  const source = await openSource(file, opts);
  const records: SourceRecord[] = [];
  for await (const r of source.records()) records.push(r);
  return { source, columns: source.columns, dialect: source.xmlDialect, records };
}

const byValue = (records: SourceRecord[], key: string, value: string) =>
  records.find((r) => r.values[key] === value)!;

describe('Google Merchant Center RSS (Google example feed)', () => {
  it('reads one record per <item> with g: keys, nested shipping and repeated images', async () => {
    const { source, columns, dialect, records } = await readFeed(`${EXPORTS}google-merchant-rss.xml`);
    expect(source.format).toBe('xml');
    expect(dialect).toBe('google-rss');
    expect(records.map((r) => r.row)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(records.every((r) => !r.problem)).toBe(true);
    expect(columns.slice(0, 3)).toEqual(['g:id', 'g:title', 'g:description']);
    expect(columns).toEqual(
      expect.arrayContaining(['g:id', 'g:price', 'g:availability', 'g:item_group_id', 'g:shipping']),
    );
    expect(records[0].values).toMatchObject({
      'g:id': 'TV_123456',
      'g:price': '159.00 USD',
      'g:availability': 'in stock',
      'g:shipping': 'US:Standard:14.95 USD',
      'g:product_type': 'Consumer Electronics > TVs > Flat Panel TVs',
      'g:additional_image_link':
        'http://images.example.com/TV_123456_2.jpg, http://images.example.com/TV_123456_3.jpg',
    });
    expect(records[0].values['g:title']).toBe('LG 22LB4510 - 22" LED TV - 1080p (FullHD)');
    // CDATA sections read like text.
    expect(records[1].values).toMatchObject({
      'g:title': 'Merlin: Series 3 - Volume 2 - 3 DVD Box set',
      'g:link': 'http://www.example.com/media/dvd/?sku=384616&src=gshopping&lang=en',
    });
    expect(records[2].values['g:shipping']).toBe('US:Standard Rate:4.95 USD, US:Next Day:8.50 USD');
    expect(records[3].values).toMatchObject({
      'g:id': 'CLO-29473856-1',
      'g:item_group_id': 'CLO-29473856',
      'g:availability': 'out of stock',
      'g:brand': 'M&S',
    });
    expect(records[4].values['g:item_group_id']).toBe('CLO-29473856');
    expect(records[5].values['g:item_group_id']).toBeUndefined();
    expect(source.bytesRead()).toBe(source.totalBytes);
  });

  it('reads the same feed gzipped', async () => {
    const gz = tmp.write('merchant.xml.gz', gzipSync(readFileSync(`${EXPORTS}google-merchant-rss.xml`)));
    const { source, dialect, records } = await readFeed(gz);
    expect(source.format).toBe('xml');
    expect(dialect).toBe('google-rss');
    expect(records).toHaveLength(6);
    expect(records[3].values['g:item_group_id']).toBe('CLO-29473856');
  });
});

describe('Google Atom feed (Google Base example, Atom 0.3)', () => {
  it('reads one record per <entry>, the link from its href', async () => {
    const { columns, dialect, records } = await readFeed(`${EXPORTS}google-merchant-atom.xml`);
    expect(dialect).toBe('google-atom');
    expect(records.map((r) => r.row)).toEqual([1, 2]);
    expect(columns.slice(0, 4)).toEqual(['title', 'summary', 'link', 'id']);
    expect(records[0].values).toMatchObject({
      title: 'Google Mini',
      link: 'http://provider-website.com/item1-info-page.html',
      id: 'tag:providers-website-item1.com,2003:3.2397',
      'g:price': '2995',
      'g:label': 'Web Search, Appliance',
      'g:shipping': 'US:Standard:5000',
    });
    expect(records[1].values).toMatchObject({ summary: 'Acme 2000 series laptop', 'g:quantity': '20' });
  });
});

describe('WooCommerce WXR export (WooCommerce sample data)', () => {
  it('reads every item with wp:, meta: and category: keys', async () => {
    const { columns, dialect, records } = await readFeed(`${EXPORTS}woocommerce-wxr.xml`);
    expect(dialect).toBe('wxr');
    expect(records).toHaveLength(47);
    expect(records.map((r) => r.row)).toEqual(records.map((_, i) => i + 1));
    expect(records.every((r) => !r.problem)).toBe(true);
    expect(columns).toEqual(
      expect.arrayContaining([
        'wp:post_type',
        'wp:post_id',
        'wp:post_parent',
        'meta:_sku',
        'meta:_regular_price',
        'category:product_cat',
        'content',
        'excerpt',
      ]),
    );
    const types = records.map((r) => r.values['wp:post_type']);
    expect(types.filter((t) => t === 'product')).toHaveLength(18);
    expect(types.filter((t) => t === 'product_variation')).toHaveLength(7);
    expect(types.filter((t) => t === 'attachment')).toHaveLength(22);

    expect(records[0].values).toMatchObject({
      title: 'V-Neck T-Shirt',
      'wp:post_id': '6',
      'wp:post_parent': '0',
      'wp:post_type': 'product',
      'meta:_sku': 'woo-vneck-tee',
      'meta:_weight': '0.5', // its meta_key is a CDATA section
      'meta:_price': '15, 20',
      'meta:_regular_price': '',
      'category:product_cat': 'Tshirts',
      'category:pa_color': 'Blue, Green, Red',
      'category:product_type': 'variable',
      excerpt: 'This is a variable product.',
      description: '',
    });
    expect(records[0].values.content).toMatch(/^Pellentesque habitant morbi/);

    const green = byValue(records, 'meta:_sku', 'woo-vneck-tee-green');
    expect(green.values).toMatchObject({
      'wp:post_type': 'product_variation',
      'wp:post_parent': '6',
      'meta:_regular_price': '20',
      'meta:attribute_pa_color': 'green',
    });
    expect(byValue(records, 'meta:_sku', 'woo-sunglasses').values).toMatchObject({
      'meta:_regular_price': '90',
      'category:product_cat': 'Accessories',
    });
  });
});

describe('XML feed keys and dialects', () => {
  it('names Google keys g: whatever prefix the file binds, and reads Atom 1.0 links by rel', async () => {
    const file = tmp.write(
      'atom1.xml',
      `<?xml version="1.0"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:gm="http://base.google.com/ns/1.0">
  <title>Shop</title><link rel="self" href="https://shop.example/feed"/>
  <entry>
    <id>urn:1</id><title type="text">Mug</title>
    <link href="https://shop.example/mug"/><link rel="enclosure" href="https://shop.example/mug.jpg"/>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Steel <b>camp</b> mug</p></div></content>
    <gm:id>MUG-1</gm:id><gm:price> 12.00 GBP </gm:price>
    <gm:product_detail><gm:attribute_name>Material</gm:attribute_name><gm:attribute_value>Steel</gm:attribute_value></gm:product_detail>
    <gm:product_detail><gm:attribute_name>Volume</gm:attribute_name><gm:attribute_value>0.4 l</gm:attribute_value></gm:product_detail>
  </entry>
</feed>`,
    );
    const { dialect, records } = await readFeed(file);
    expect(dialect).toBe('google-atom');
    expect(records).toEqual([
      {
        row: 1,
        values: {
          id: 'urn:1',
          title: 'Mug',
          link: 'https://shop.example/mug',
          'link:enclosure': 'https://shop.example/mug.jpg',
          content: 'Steel camp mug',
          'g:id': 'MUG-1',
          'g:price': '12.00 GBP',
          'g:product_detail': 'Material:Steel, Volume:0.4 l',
        },
      },
    ]);
  });

  it('tells plain RSS and Atom from Google ones, and reads categories, enclosures and other namespaces', async () => {
    const rss = tmp.write(
      'plain.rss',
      `<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Blog</title>
<item><title>A &amp; B</title><guid isPermaLink="false">p-1</guid><category>News</category><category>Tips</category>
<category domain="brand">Acme</category><dc:creator>Ann</dc:creator><enclosure url="https://x.example/a.jpg" type="image/jpeg"/></item>
</channel></rss>`,
    );
    const plain = await readFeed(rss);
    expect(plain.source.format).toBe('xml');
    expect(plain.dialect).toBe('rss');
    expect(plain.records[0].values).toEqual({
      title: 'A & B',
      guid: 'p-1',
      category: 'News, Tips',
      'category:brand': 'Acme',
      'dc:creator': 'Ann',
      enclosure: 'https://x.example/a.jpg',
    });
    const atom = tmp.write(
      'plain.atom',
      '<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>1</id><updated>2024-01-01T00:00:00Z</updated></entry></feed>',
    );
    expect((await readFeed(atom)).dialect).toBe('atom');
  });

  it('reads a Google feed whose namespace is declared on the channel, or not at all', async () => {
    const onChannel = tmp.write(
      'channel-ns.xml',
      `<rss version="2.0"><channel ${G}><item><g:id>1</g:id></item></channel></rss>`,
    );
    expect((await readFeed(onChannel)).dialect).toBe('google-rss');
    const undeclared = tmp.write(
      'undeclared.xml',
      '<rss version="2.0"><channel><item><g:id>7</g:id><g:price>1 EUR</g:price></item></channel></rss>',
    );
    const { dialect, records } = await readFeed(undeclared);
    expect(dialect).toBe('google-rss');
    expect(records[0].values).toEqual({ 'g:id': '7', 'g:price': '1 EUR' });
  });

  it('recognises WXR 1.1 exports', async () => {
    const file = tmp.write(
      'wxr11.xml',
      `<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><item><title>Cap</title><content:encoded><![CDATA[<p>Blue</p>]]></content:encoded><wp:post_type>product</wp:post_type>
<wp:postmeta><wp:meta_key>_sku</wp:meta_key><wp:meta_value><![CDATA[CAP-1]]></wp:meta_value></wp:postmeta></item></channel></rss>`,
    );
    const { dialect, records } = await readFeed(file);
    expect(dialect).toBe('wxr');
    expect(records[0].values).toEqual({
      title: 'Cap',
      content: '<p>Blue</p>',
      'wp:post_type': 'product',
      'meta:_sku': 'CAP-1',
    });
  });

  it('takes the columns from the first 1000 items and still passes on later keys', async () => {
    const items = Array.from({ length: 1200 }, (_, i) =>
      i === 1100 ? `<item><g:id>${i}</g:id><g:late>yes</g:late></item>` : `<item><g:id>${i}</g:id></item>`,
    );
    const file = tmp.write('many.xml', `<rss ${G}><channel>${items.join('\n')}</channel></rss>`);
    const { columns, records } = await readFeed(file);
    expect(columns).toEqual(['g:id']);
    expect(records).toHaveLength(1200);
    expect(records[1100]).toEqual({ row: 1101, values: { 'g:id': '1100', 'g:late': 'yes' } });
  });

  it('stops when the signal is aborted', async () => {
    const items = Array.from({ length: 3000 }, (_, i) => `<item><g:id>${i}</g:id></item>`);
    const file = tmp.write('abort.xml', `<rss ${G}><channel>${items.join('\n')}</channel></rss>`);
    const controller = new AbortController();
    const source = await openSource(file, { signal: controller.signal });
    let n = 0;
    const run = async () => {
      for await (const _ of source.records()) if (++n === 5) controller.abort();
    };
    await expect(run()).rejects.toThrow(/abort/i);
    expect(n).toBe(5);
  });
});

describe('XML feed limits and errors', () => {
  it('flags a text node over the field limit without keeping it, across chunks and in CDATA', async () => {
    const big = 'x'.repeat(300 * 1024);
    const file = tmp.write(
      'oversized.xml',
      `<rss ${G}><channel><item><g:id>1</g:id><g:description>${big}</g:description><title>T</title></item>` +
        `<item><g:id>2</g:id><description><![CDATA[${big}]]></description></item>` +
        `<item><g:id>3</g:id></item></channel></rss>`,
    );
    const { records } = await readFeed(file, { limits: { maxFieldChars: 1000 } });
    expect(records[0]).toEqual({
      row: 1,
      values: { 'g:id': '1', title: 'T' },
      problem: 'the <g:description> value is larger than the 1,000-character limit',
      problemField: 'g:description',
    });
    expect(records[1]).toMatchObject({ values: { 'g:id': '2' }, problemField: 'description' });
    expect(records[2]).toEqual({ row: 3, values: { 'g:id': '3' } });
  });

  it('flags an item over the record limit', async () => {
    const parts = Array.from({ length: 20 }, () => `<g:note>${'y'.repeat(900)}</g:note>`).join('');
    const file = tmp.write(
      'fat.xml',
      `<rss ${G}><channel><item><g:id>1</g:id>${parts}</item></channel></rss>`,
    );
    const { records } = await readFeed(file, { limits: { maxFieldChars: 1000, maxRecordChars: 10_000 } });
    expect(records[0]).toEqual({
      row: 1,
      values: {},
      problem: 'the item is larger than the 10,000-character limit',
    });
  });

  it('refuses malformed XML, naming the file, line and column', async () => {
    const file = tmp.write(
      'broken.xml',
      `<?xml version="1.0"?>\n<rss ${G}><channel>\n  <item><g:id>1</g:id></item>\n  <item><g:id>2</g:price></item>\n</channel></rss>`,
    );
    const err = await openSource(file).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CatalogFileError);
    expect((err as Error).message).toMatch(
      /^broken\.xml: malformed XML at line 4, column \d+: unexpected close tag/,
    );
  });

  it('refuses XML that ends in the middle of the feed', async () => {
    const file = tmp.write('cut.xml', `<rss ${G}><channel><item><g:id>1</g:id></item><item><g:id>2`);
    await expect(readFeed(file)).rejects.toThrow(
      /cut\.xml: malformed XML at line 1, column \d+: unclosed tag/,
    );
  });

  it('refuses XML that is not a product feed', async () => {
    const sitemap = tmp.write(
      'sitemap.xml',
      '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://x.example/</loc></url></urlset>',
    );
    await expect(openSource(sitemap)).rejects.toThrow(
      'sitemap.xml: the file is XML but not a product feed: root <urlset> (expected <rss> or <feed>)',
    );
    const empty = tmp.write(
      'empty-feed.xml',
      `<rss ${G}><channel><title>Nothing yet</title></channel></rss>`,
    );
    await expect(openSource(empty)).rejects.toThrow(
      'empty-feed.xml: the file is XML but not a product feed: <rss> holds no <item> elements',
    );
  });

  it('relies on saxes 6 buffering pending text in `text` in states 13 (text) and 20 (CDATA)', () => {
    // The reader drains that buffer between chunks to keep huge text nodes out of memory; if a saxes
    // upgrade changes it, the drain silently stops working and this test is the one to notice.
    const parser = new SaxesParser({ xmlns: true });
    const seen: string[] = [];
    parser.on('text', (t) => seen.push(t));
    parser.on('cdata', (t) => seen.push(t));
    const internals = parser as unknown as { state: number; text: string };
    parser.write('<a>some text');
    expect([internals.state, internals.text, seen]).toEqual([13, 'some text', []]);
    parser.write('<![CDATA[more');
    expect([internals.state, internals.text, seen]).toEqual([20, 'more', ['some text']]);
  });
});
