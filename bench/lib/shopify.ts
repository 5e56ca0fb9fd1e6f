// A seeded Shopify product CSV in the classic export layout (the header of
// e2e/fixtures/exports/shopify-products.csv): the products of the generated catalogs, each with 1–6
// variants (Size, Color or Color × Size), HTML bodies, sales, untracked inventory and image-only rows.
import type { GeneratedProduct, Pools } from './generate.ts';
import { csvField, generateProduct, optionColors, pickDistinct } from './generate.ts';
import { Random } from './random.ts';
import { writeStreamed } from './stream-file.ts';

/** The classic export's 48 columns, in its order (a test holds them to the real fixture's header). */
export const SHOPIFY_COLUMNS = [
  'Handle',
  'Title',
  'Body (HTML)',
  'Vendor',
  'Product Category',
  'Type',
  'Tags',
  'Published',
  'Option1 Name',
  'Option1 Value',
  'Option2 Name',
  'Option2 Value',
  'Option3 Name',
  'Option3 Value',
  'Variant SKU',
  'Variant Grams',
  'Variant Inventory Tracker',
  'Variant Inventory Qty',
  'Variant Inventory Policy',
  'Variant Fulfillment Service',
  'Variant Price',
  'Variant Compare At Price',
  'Variant Requires Shipping',
  'Variant Taxable',
  'Variant Barcode',
  'Image Src',
  'Image Position',
  'Image Alt Text',
  'Gift Card',
  'SEO Title',
  'SEO Description',
  'Google Shopping / Google Product Category',
  'Google Shopping / Gender',
  'Google Shopping / Age Group',
  'Google Shopping / MPN',
  'Google Shopping / Condition',
  'Google Shopping / Custom Product',
  'Variant Image',
  'Variant Weight Unit',
  'Variant Tax Code',
  'Cost per item',
  'Included / United States',
  'Price / United States',
  'Compare At Price / United States',
  'Included / International',
  'Price / International',
  'Compare At Price / International',
  'Status',
] as const;

export type ShopifyColumn = (typeof SHOPIFY_COLUMNS)[number];
export type ShopifyRow = Partial<Record<ShopifyColumn, string>>;

/** Chance of 1, 2, … 6 variants: 3.02 on average, so 100k products make ≈ 300k variant rows. */
const VARIANT_COUNT_WEIGHTS = [0.22, 0.22, 0.2, 0.14, 0.12, 0.1];
const SIZES = ['XS', 'S', 'M', 'L', 'XL', 'XXL'];
const SHARE = { onSale: 0.2, untracked: 0.1, oversells: 0.05, noSku: 0.02, draft: 0.05, soldOut: 0.15 };
const CDN = 'https://cdn.shopify.com/s/files/1/0000/0001/products';

export interface ShopifyProduct {
  handle: string;
  rows: ShopifyRow[];
  variantRows: number;
  /** Variants the import keeps: none for a lone `Title: Default Title` variant (a plain product). */
  variants: number;
  imageRows: number;
  onSale: boolean;
  untracked: boolean;
}

export interface ShopifyCounts {
  products: number;
  /** Data rows (variant rows and image-only rows). */
  rows: number;
  variantRows: number;
  variants: number;
  imageRows: number;
  onSale: number;
  untracked: number;
}

function weightedIndex(rng: Random, weights: readonly number[]): number {
  let r = rng.next() * weights.reduce((a, b) => a + b, 0);
  for (let i = 0; i < weights.length; i++) {
    r -= weights[i];
    if (r < 0) return i;
  }
  return weights.length - 1;
}

function handleOf(name: string, index: number): string {
  const slug = name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return `${slug || 'product'}-${index + 1}`;
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The description as a shop writes it: a paragraph, the specification as a list, a line break or two. */
export function htmlBody(p: GeneratedProduct): string {
  const parts = [`<p>${escapeHtml(p.description).replace(/\. /, '.<br>\n')}</p>`];
  const spec = p.spec ? p.spec.split('; ') : [];
  if (spec.length) parts.push(`<ul>\n${spec.map((s) => `<li>${escapeHtml(s)}</li>`).join('\n')}\n</ul>`);
  return parts.join('\n');
}

/** Distinct option values for `n` variants: consecutive sizes, distinct colours, or 2 colours × n/2 sizes. */
function optionGrid(
  rng: Random,
  colors: readonly string[],
  n: number,
): { names: string[]; values: string[][] } {
  if (n === 1) return { names: ['Title'], values: [['Default Title']] };
  const pickColors = (k: number) => pickDistinct(rng, colors, k);
  const sizesFrom = (k: number) => {
    const start = rng.int(0, SIZES.length - k);
    return SIZES.slice(start, start + k);
  };
  if (n % 2 === 0 && n >= 4 && colors.length >= 2 && rng.chance(0.5)) {
    const sizes = sizesFrom(n / 2);
    return { names: ['Color', 'Size'], values: pickColors(2).flatMap((c) => sizes.map((s) => [c, s])) };
  }
  if (colors.length >= n && rng.chance(0.4))
    return { names: ['Color'], values: pickColors(n).map((c) => [c]) };
  return { names: ['Size'], values: sizesFrom(n).map((s) => [s]) };
}

const money = (n: number) => n.toFixed(2);

export function generateShopifyProduct(
  rng: Random,
  pools: Pools,
  colors: readonly string[],
  index: number,
): ShopifyProduct {
  const p = generateProduct(rng, pools, index);
  const handle = handleOf(p.name, index);
  const n = weightedIndex(rng, VARIANT_COUNT_WEIGHTS) + 1;
  const grid = optionGrid(rng, colors, n);
  const onSale = rng.chance(SHARE.onSale);
  const untracked = rng.chance(SHARE.untracked);
  const oversells = rng.chance(SHARE.oversells);
  const withSku = !rng.chance(SHARE.noSku);
  const images = rng.int(1, 3);
  const apparel = p.gender !== '';
  const rows: ShopifyRow[] = grid.values.map((values, k) => {
    const size = grid.names.indexOf('Size');
    const price = p.price + (size >= 0 && SIZES.indexOf(values[size]) >= 4 ? 2 : 0);
    const row: ShopifyRow = {
      Handle: handle,
      'Variant SKU': withSku ? (n === 1 ? p.id : `${p.id}-${k + 1}`) : '',
      'Variant Grams': String(rng.int(50, 2500)),
      'Variant Inventory Tracker': untracked ? '' : 'shopify',
      'Variant Inventory Qty': untracked || rng.chance(SHARE.soldOut) ? '0' : String(rng.int(1, 120)),
      'Variant Inventory Policy': oversells ? 'continue' : 'deny',
      'Variant Fulfillment Service': 'manual',
      'Variant Price': money(price),
      'Variant Compare At Price': onSale ? money(Math.round(price * 125) / 100) : '',
      'Variant Requires Shipping': 'TRUE',
      'Variant Taxable': 'TRUE',
      'Variant Barcode': rng.chance(0.7) ? `${rng.int(100_000_000, 999_999_999)}${rng.int(1000, 9999)}` : '',
      'Variant Weight Unit': 'g',
      'Cost per item': money(Math.round(price * 55) / 100),
    };
    values.forEach((v, slot) => (row[`Option${slot + 1} Value` as ShopifyColumn] = v));
    return row;
  });
  // Shopify lists a product's images on its rows by position, adding image-only rows past the variants.
  const imageRows = Math.max(0, images - rows.length);
  for (let i = 0; i < imageRows; i++) rows.push({ Handle: handle });
  for (let i = 0; i < images; i++) {
    Object.assign(rows[i], {
      'Image Src': `${CDN}/${handle}-${i + 1}.jpg?v=1700000000`,
      'Image Position': String(i + 1),
      'Image Alt Text': i === 0 ? p.name : '',
    });
  }
  const tags = [p.category, p.brand, p.color, onSale ? 'sale' : ''].filter(Boolean);
  Object.assign(rows[0], {
    Title: p.name,
    'Body (HTML)': htmlBody(p),
    Vendor: p.brand,
    'Product Category': apparel ? 'Apparel & Accessories > Clothing' : 'Electronics',
    Type: p.category,
    Tags: [...new Set(tags)].join(', '),
    Published: 'TRUE',
    'Gift Card': 'FALSE',
    'SEO Title': p.name.slice(0, 70),
    'SEO Description': p.description.slice(0, 160),
    'Google Shopping / Gender': p.gender.toLowerCase(),
    'Google Shopping / Age Group': apparel ? 'adult' : '',
    'Google Shopping / Condition': 'new',
    'Google Shopping / Custom Product': 'FALSE',
    'Included / United States': 'TRUE',
    'Included / International': 'TRUE',
    Status: rng.chance(SHARE.draft) ? 'draft' : 'active',
  });
  grid.names.forEach((name, slot) => (rows[0][`Option${slot + 1} Name` as ShopifyColumn] = name));
  return {
    handle,
    rows,
    variantRows: n,
    variants: n === 1 ? 0 : n,
    imageRows,
    onSale,
    untracked,
  };
}

export function* generateShopifyProducts(
  pools: Pools,
  count: number,
  seed: number,
): Generator<ShopifyProduct> {
  const rng = new Random(seed);
  const colors = optionColors(pools);
  for (let i = 0; i < count; i++) yield generateShopifyProduct(rng, pools, colors, i);
}

export const shopifyCsvLine = (row: ShopifyRow) =>
  SHOPIFY_COLUMNS.map((c) => csvField(row[c] ?? '')).join(',');

export function emptyShopifyCounts(): ShopifyCounts {
  return { products: 0, rows: 0, variantRows: 0, variants: 0, imageRows: 0, onSale: 0, untracked: 0 };
}

function* shopifyLines(products: Iterable<ShopifyProduct>, counts: ShopifyCounts): Generator<string> {
  yield `${SHOPIFY_COLUMNS.join(',')}\n`;
  for (const p of products) {
    counts.products++;
    counts.rows += p.rows.length;
    counts.variantRows += p.variantRows;
    counts.variants += p.variants;
    counts.imageRows += p.imageRows;
    if (p.onSale) counts.onSale++;
    if (p.untracked) counts.untracked++;
    yield p.rows.map((r) => `${shopifyCsvLine(r)}\n`).join('');
  }
}

/** Streams `count` products to a Shopify CSV; returns its size and what it holds. */
export async function writeShopifyCsv(
  file: string,
  pools: Pools,
  count: number,
  seed: number,
): Promise<{ bytes: number; counts: ShopifyCounts }> {
  const counts = emptyShopifyCounts();
  const bytes = await writeStreamed(file, shopifyLines(generateShopifyProducts(pools, count, seed), counts));
  return { bytes, counts };
}
