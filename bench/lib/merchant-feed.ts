// A seeded Google Merchant Center feed in RSS 2.0 with the `g:` namespace, with the elements of
// e2e/fixtures/exports/google-merchant-rss.xml, written item by item until it reaches a size: a 1 GB
// feed is streamed to disk, never built in memory.
import type { GeneratedProduct, Pools } from './generate.ts';
import { generateProduct, optionColors, pickDistinct } from './generate.ts';
import { Random } from './random.ts';
import { writeStreamed } from './stream-file.ts';

const AVAILABILITY = [
  'in stock',
  'in stock',
  'in stock',
  'in stock',
  'out of stock',
  'preorder',
  'backorder',
];
const CONDITIONS = ['new', 'new', 'new', 'new', 'used', 'refurbished'];
const SIZES = ['XS', 'S', 'M', 'L', 'XL'];
const SHARE = { grouped: 0.3, onSale: 0.15, cdata: 0.2, expires: 0.1 };

export interface FeedCounts {
  items: number;
  /** Items without an item_group_id, plus one per group. */
  products: number;
  /** Items in a group (each a variant of its group's product). */
  variants: number;
}

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const element = (name: string, text: string) => `<g:${name}>${escapeXml(text)}</g:${name}>`;
/** Some feeds wrap free text in CDATA instead of escaping it, as the fixture's second item does. */
const textElement = (rng: Random, name: string, text: string) =>
  rng.chance(SHARE.cdata) && !text.includes(']]>')
    ? `<g:${name}><![CDATA[${text}]]></g:${name}>`
    : element(name, text);
const usd = (n: number) => `${n.toFixed(2)} USD`;

interface Variation {
  id: string;
  title: string;
  color: string | null;
  size: string | null;
}

function itemXml(rng: Random, p: GeneratedProduct, v: Variation, group: string | null): string {
  const slug = p.id.toLowerCase();
  const lines = [
    element('id', v.id),
    textElement(rng, 'title', v.title),
    textElement(rng, 'description', p.description || p.name),
    element('link', `https://www.example.com/products/${slug}${group ? `?variant=${v.id}` : ''}`),
    element('image_link', `https://images.example.com/${v.id}.jpg`),
  ];
  if (rng.chance(SHARE.expires))
    lines.push(element('expiration_date', `2027-0${rng.int(1, 9)}-1${rng.int(0, 9)}`));
  lines.push(
    element('condition', rng.pick(CONDITIONS)),
    element('availability', p.stock === 0 ? 'out of stock' : rng.pick(AVAILABILITY)),
    element('price', usd(p.price)),
    `<g:shipping>${element('country', 'US')}${element('service', 'Standard')}${element('price', usd(rng.pick([0, 4.95, 8.5])))}</g:shipping>`,
    element('gtin', `${rng.int(100_000, 999_999)}${rng.int(1_000_000, 9_999_999)}`),
    element('brand', p.brand),
    element('mpn', `${p.brand.slice(0, 3).toUpperCase()}-${rng.int(10_000, 99_999)}`),
    element('google_product_category', p.gender ? 'Apparel & Accessories > Clothing' : 'Electronics'),
    element('product_type', `${p.gender ? 'Fashion' : 'Electronics'} > ${p.category}`),
  );
  for (let i = rng.int(0, 2); i > 0; i--)
    lines.push(element('additional_image_link', `https://images.example.com/${v.id}_${i + 1}.jpg`));
  if (p.gender) lines.push(element('gender', p.gender), element('age_group', 'adult'));
  if (v.color) lines.push(element('color', v.color));
  if (v.size) lines.push(element('size', v.size));
  if (group) lines.push(element('item_group_id', group));
  if (rng.chance(SHARE.onSale)) {
    lines.push(
      element('sale_price', usd(Math.max(0.5, Math.round(p.price * 80) / 100))),
      element('sale_price_effective_date', '2026-11-27T00:00-08:00/2026-12-02T23:59-08:00'),
    );
  }
  return `<item>\n${lines.map((l) => `\t${l}\n`).join('')}</item>\n`;
}

/**
 * One generated product as feed items: a plain item, or (30 %) an item_group_id with 2–4 items that
 * differ by size, or by colour and size. Variant titles end with their options, as Google asks.
 */
export function productItems(
  rng: Random,
  pools: Pools,
  colors: readonly string[],
  index: number,
): { xml: string; items: number } {
  const p = generateProduct(rng, pools, index);
  if (!rng.chance(SHARE.grouped)) {
    return { xml: itemXml(rng, p, { id: p.id, title: p.name, color: null, size: null }, null), items: 1 };
  }
  const byColor = colors.length >= 2 && rng.chance(0.5);
  const sizeCount = byColor ? rng.int(1, 2) : rng.int(2, 4);
  const start = rng.int(0, SIZES.length - sizeCount);
  const sizes = SIZES.slice(start, start + sizeCount);
  const groupColors: (string | null)[] = byColor ? pickDistinct(rng, colors, 2) : [null];
  const variations: Variation[] = groupColors.flatMap((color) =>
    sizes.map((size) => ({
      id: '',
      title: `${p.name} - ${color ? `${color}, ` : ''}Size ${size}`,
      color,
      size,
    })),
  );
  variations.forEach((v, k) => (v.id = `${p.id}-${k + 1}`));
  const n = variations.length;
  return { xml: variations.map((v) => itemXml(rng, p, v, p.id)).join(''), items: n };
}

const HEADER = `<?xml version="1.0"?>
<rss xmlns:g="http://base.google.com/ns/1.0" version="2.0">
<channel>
\t<title>Shelfscope benchmark - Online Store</title>
\t<link>https://www.example.com</link>
\t<description>A generated product feed with the attributes of Google's example feed</description>
`;
const FOOTER = '</channel>\n</rss>\n';

function* feedParts(pools: Pools, targetBytes: number, seed: number, counts: FeedCounts): Generator<string> {
  const rng = new Random(seed);
  const colors = optionColors(pools);
  let bytes = Buffer.byteLength(HEADER) + Buffer.byteLength(FOOTER);
  yield HEADER;
  for (let i = 0; bytes < targetBytes; i++) {
    const { xml, items } = productItems(rng, pools, colors, i);
    counts.items += items;
    counts.products++;
    if (items > 1) counts.variants += items;
    bytes += Buffer.byteLength(xml);
    yield xml;
  }
  yield FOOTER;
}

/**
 * Streams a feed of at least `targetBytes` (it ends after the product that reaches the size); the same
 * seed gives the same items, so a smaller feed is the start of a larger one.
 */
export async function writeMerchantFeed(
  file: string,
  pools: Pools,
  targetBytes: number,
  seed: number,
): Promise<{ bytes: number; counts: FeedCounts }> {
  const counts: FeedCounts = { items: 0, products: 0, variants: 0 };
  const bytes = await writeStreamed(file, feedParts(pools, targetBytes, seed, counts));
  return { bytes, counts };
}
