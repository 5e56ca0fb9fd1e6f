import fs from 'node:fs';
import path from 'node:path';
import { SaxesParser } from 'saxes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPools } from '../../../bench/lib/generate.ts';
import type { FeedCounts } from '../../../bench/lib/merchant-feed.ts';
import { writeMerchantFeed } from '../../../bench/lib/merchant-feed.ts';
import { tempDir } from '../../engine/helpers.ts';
import { expectImportedAsGenerated } from './import-check.ts';
import { SOURCES } from './sample-sources.ts';

const FIXTURE = path.resolve(import.meta.dirname, '../../../e2e/fixtures/exports/google-merchant-rss.xml');
const GOOGLE_NS = 'http://base.google.com/ns/1.0';
const pools = buildPools(SOURCES);

/** The feed's items as maps of their `g:` elements (nested ones under their own name too). */
function readItems(xml: string): Map<string, string>[] {
  const parser = new SaxesParser({ xmlns: true });
  const items: Map<string, string>[] = [];
  let item: Map<string, string> | null = null;
  let element: string | null = null;
  parser.on('opentag', (t) => {
    if (t.local === 'item') item = new Map();
    else if (item && t.uri === GOOGLE_NS) element = t.local;
  });
  const text = (s: string) => {
    if (item && element && s.trim()) item.set(element, (item.get(element) ?? '') + s);
  };
  parser.on('text', text);
  parser.on('cdata', text);
  parser.on('closetag', (t) => {
    if (t.local === 'item' && item) items.push(item);
    if (t.local === 'item') item = null;
    element = null;
  });
  parser.write(xml).close();
  return items;
}

describe('the generated Google Merchant feed', () => {
  const dir = tempDir('bench-feed-');
  const file = path.join(dir, 'feed.xml');
  const target = 256 * 1024;
  let counts: FeedCounts;
  let bytes: number;
  let items: Map<string, string>[];

  beforeAll(async () => {
    ({ counts, bytes } = await writeMerchantFeed(file, pools, target, 3));
    items = readItems(fs.readFileSync(file, 'utf8'));
  });

  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('is well-formed RSS whose items hold only elements of the real example feed', () => {
    const known = new Set(readItems(fs.readFileSync(FIXTURE, 'utf8')).flatMap((i) => [...i.keys()]));
    expect(items).toHaveLength(counts.items);
    const used = new Set(items.flatMap((i) => [...i.keys()]));
    expect([...used].filter((k) => !known.has(k))).toEqual([]);
    for (const k of ['id', 'title', 'price', 'availability', 'item_group_id', 'sale_price', 'color', 'size'])
      expect(used).toContain(k);
    expect(fs.readFileSync(file, 'utf8')).toContain('<![CDATA[');
  });

  it('groups items by item_group_id into the products and variants it counted', () => {
    const groups = new Set(items.flatMap((i) => (i.has('item_group_id') ? [i.get('item_group_id')] : [])));
    const grouped = items.filter((i) => i.has('item_group_id'));
    expect(grouped).toHaveLength(counts.variants);
    expect(items.length - grouped.length + groups.size).toBe(counts.products);
    expect(new Set(items.map((i) => i.get('id'))).size).toBe(items.length);
  });

  it('reaches the size asked for, and a smaller feed of the same seed is its start', async () => {
    expect(bytes).toBeGreaterThanOrEqual(target);
    expect(bytes).toBeLessThan(target + 20_000);
    const small = path.join(dir, 'small.xml');
    await writeMerchantFeed(small, pools, target / 4, 3);
    const head = fs.readFileSync(small, 'utf8').replace('</channel>\n</rss>\n', '');
    expect(fs.readFileSync(file, 'utf8').startsWith(head)).toBe(true);
  });

  it('imports into a catalog as exactly the items, products and variants it was generated with', async () => {
    await expectImportedAsGenerated(file, dir, 'google-merchant', {
      rows: counts.items,
      products: counts.products,
      variants: counts.variants,
    });
  });
});
