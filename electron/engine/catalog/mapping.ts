import type { ColumnMapping, ProductField } from '../../../shared/types.ts';
import { PRODUCT_FIELDS } from '../../../shared/types.ts';
import { currencyCode } from './currency.ts';
import { profileMapping, type PlatformProfile } from './profiles/profile.ts';

/**
 * Header names that feed each field, most specific first, in the folded form of `fold` (lower case,
 * letters and digits only). Icecat has both `title` (the human name) and `name` (a part number), so
 * `title` outranks `name`.
 */
const SYNONYMS: Record<ProductField, string[]> = {
  id: [
    'id',
    'sku',
    'productid',
    'productsku',
    'itemid',
    'itemsku',
    'articleid',
    'article',
    'articlenumber',
    'articleno',
    'artnr',
    'itemnumber',
    'itemno',
    'productnumber',
    'productno',
    'productcode',
    'itemcode',
    'code',
    'partnumber',
    'skuid',
    'variantsku',
    'handle',
  ],
  name: ['title', 'productname', 'producttitle', 'itemname', 'itemtitle', 'name', 'articlename', 'label'],
  description: [
    'description',
    'productdescription',
    'itemdescription',
    'longdescription',
    'shortdescription',
    'details',
    'productdetails',
    'body',
    'bodyhtml',
    'desc',
    'summary',
    'about',
  ],
  category: [
    'category',
    'productcategory',
    'categoryname',
    'categories',
    'categorypath',
    'producttype',
    'type',
    'itemtype',
    'department',
    'attrtproducttype',
    'productgroup',
    'group',
    'class',
    'subcategory',
  ],
  brand: [
    'brand',
    'brandname',
    'productbrand',
    'manufacturer',
    'manufacturername',
    'supplier',
    'vendor',
    'make',
    'maker',
  ],
  price: [
    'price',
    'unitprice',
    'saleprice',
    'sellingprice',
    'listprice',
    'retailprice',
    'regularprice',
    'productprice',
    'itemprice',
    'msrp',
    'rrp',
    'cost',
    'amount',
  ],
  currency: ['currency', 'currencycode', 'pricecurrency', 'curr'],
  stock: [
    'stock',
    'quantity',
    'qty',
    'inventory',
    'stocklevel',
    'stockquantity',
    'stockqty',
    'available',
    'availablequantity',
    'quantityavailable',
    'qtyavailable',
    'onhand',
    'quantityonhand',
    'inventoryquantity',
    'units',
  ],
  season: ['season', 'seasons'],
  // Only a column left over once `price` has taken the best one: with `Sale price` and `Regular price`
  // the sale price is what a buyer pays and the regular one is struck through.
  compareAtPrice: [
    'compareatprice',
    'regularprice',
    'originalprice',
    'wasprice',
    'listprice',
    'retailprice',
    'msrp',
    'rrp',
  ],
  stockState: ['availability', 'stockstatus', 'stockstate', 'instock', 'isinstock', 'inventorystatus'],
  // A discount off the price (DummyJSON's discountPercentage): read only where no regular price is given.
  discountPercent: ['discountpercentage', 'discountpercent', 'discountpct', 'percentoff', 'discountrate'],
};

/** Header names compared without case, spaces or punctuation: `Product-ID`, `product_id`, `ProductID`. */
function fold(header: string): string {
  return header.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

/**
 * The currency a price header names, as in `Price (INR)`, `price_eur`, `Price in USD`, `Price $`;
 * null when it names none.
 */
export function headerCurrency(header: string): string | null {
  const m = /^(.*?)[\s_-]*(?:[([]\s*(\S+?)\s*[)\]]|(?:in[\s_-]+)?([A-Za-z]{3}|[^\p{L}\p{N}\s]+))$/iu.exec(
    header.trim(),
  );
  if (!m || !SYNONYMS.price.includes(fold(m[1]))) return null;
  return currencyCode(m[2] ?? m[3]);
}

function matches(field: ProductField, header: string): number {
  const folded = fold(header);
  const rank = SYNONYMS[field].indexOf(folded);
  if (rank >= 0) return rank;
  if (field === 'price' && headerCurrency(header)) return SYNONYMS.price.length;
  return -1;
}

/**
 * Guesses which column feeds each product field from the header names. Each column feeds at most one
 * field; the fields are assigned in PRODUCT_FIELDS order, each to its best-ranked free column.
 */
export function detectMapping(columns: string[]): ColumnMapping {
  const mapping: ColumnMapping = {};
  const used = new Set<string>();
  for (const field of PRODUCT_FIELDS) {
    let best: string | undefined;
    let bestRank = Infinity;
    for (const column of columns) {
      if (used.has(column)) continue;
      const rank = matches(field, column);
      if (rank >= 0 && rank < bestRank) {
        best = column;
        bestRank = rank;
      }
    }
    if (best !== undefined) {
      mapping[field] = best;
      used.add(best);
    }
  }
  return mapping;
}

/** Reads `--map field=column` pairs; the column may itself contain `=`. Throws on a malformed pair. */
export function parseMapOverrides(pairs: string[]): ColumnMapping {
  const mapping: ColumnMapping = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    const field = pair.slice(0, Math.max(eq, 0)).trim();
    const column = pair.slice(eq + 1).trim();
    if (eq < 0 || !column) throw new Error(`--map ${pair}: expected field=column (for example --map id=SKU)`);
    if (!(PRODUCT_FIELDS as readonly string[]).includes(field)) {
      throw new Error(`--map ${pair}: unknown field "${field}"; the fields are ${PRODUCT_FIELDS.join(', ')}`);
    }
    mapping[field as ProductField] = column;
  }
  return mapping;
}

/** The mapping a file is read with: the platform's (or the generic detection's), overridden by --map. */
export function fileMapping(
  columns: string[],
  profile: PlatformProfile | null,
  override: ColumnMapping | undefined,
): ColumnMapping {
  return { ...(profile ? profileMapping(profile, columns) : detectMapping(columns)), ...override };
}
