import type { AttributeValue } from '../../../../shared/types.ts';
import type { PlatformProfile, RowReader, RowRole } from './profile.ts';
import { cell, profileMapping } from './profile.ts';

/** The same attribute is `price` in a TSV/CSV feed and `g:price` in an XML one: the XML key first. */
const both = (name: string) => [`g:${name}`, name];

/** An Atom entry's own `<id>` stands in for `g:id` (Google Base feeds identified items that way). */
const ID_KEYS = both('id');
const GROUP_KEYS = both('item_group_id');
const TITLE_KEYS = both('title');
const CATEGORY_KEYS = [...both('product_type'), ...both('google_product_category')];

/**
 * The attributes Google lets the items of one group differ by that describe the article rather than
 * its buyer: they become the variant's options. `age_group` and `gender` stay attributes of the
 * product, as a group shares them in practice.
 */
const OPTIONS: [key: string, name: string][] = [
  ['color', 'Color'],
  ['size', 'Size'],
  ['pattern', 'Pattern'],
  ['material', 'Material'],
];
const OPTION_KEYS = new Set(OPTIONS.map(([key]) => key));

/** Words a title puts between a product's name and its option values: "— Black, Size M". */
const FILLER = new Set(['size', 'color', 'colour', 'in', '-', '–', '—', '|', '/', ',', ':']);

function first(values: Record<string, unknown>, keys: string[]): { key: string; value: string } | null {
  for (const key of keys) {
    const value = cell(values, key);
    if (value !== null) return { key, value };
  }
  return null;
}

function variantOptions(values: Record<string, unknown>): Record<string, string> {
  const options: Record<string, string> = {};
  for (const [key, name] of OPTIONS) {
    const value = first(values, both(key))?.value;
    if (value !== undefined) options[name] = value;
  }
  return options;
}

/**
 * A variant's title usually repeats the product's name followed by its options ("Glacier Pro Men's
 * Ski Jacket — Black, Size M"); the product is named by the first item's title without those trailing
 * option words. A title that does not end in them is kept whole.
 */
export function productName(title: string, options: Record<string, string>): string {
  const optionWords = new Set(
    Object.values(options).flatMap((v) => v.toLowerCase().split(/\s+/).filter(Boolean)),
  );
  const words = title.split(/\s+/);
  let keep = words.length;
  let strippedOption = false;
  while (keep > 1) {
    const word = words[keep - 1].toLowerCase().replace(/^[(,]+|[),:]+$/g, '');
    if (optionWords.has(word)) strippedOption = true;
    else if (!FILLER.has(word) && word !== '') break;
    keep--;
  }
  return strippedOption ? words.slice(0, keep).join(' ') : title;
}

/**
 * The cells a product's row is read with. The category column is the file's first of `product_type`
 * and `google_product_category`; an item that leaves it empty is filed under the other one. A group's
 * product is named by its first item's title without the option words.
 */
function productCells(
  values: Record<string, unknown>,
  categoryColumn: string | undefined,
  options: Record<string, string> | null,
): Record<string, unknown> | undefined {
  const changed: Record<string, unknown> = {};
  const category = first(values, CATEGORY_KEYS);
  if (categoryColumn && category && category.key !== categoryColumn) changed[categoryColumn] = category.value;
  const title = options && first(values, TITLE_KEYS);
  if (title) changed[title.key] = productName(title.value, options);
  return Object.keys(changed).length > 0 ? { ...values, ...changed } : undefined;
}

/** Reads the items of one feed: an item_group_id gathers its items into one product, one variant each. */
function itemReader(columns: string[]): RowReader {
  const idColumn = ID_KEYS.find((k) => columns.includes(k)) ?? ID_KEYS[0];
  const categoryColumn = CATEGORY_KEYS.find((k) => columns.includes(k));
  const groups = new Set<string>();
  const plainIds = new Set<string>();
  return (values) => {
    const id = first(values, ID_KEYS);
    if (id === null) return { field: idColumn, reason: 'the item has no id' };
    const groupId = first(values, GROUP_KEYS)?.value;
    if (groupId === undefined) {
      // Two items with one id would become one product and lose the other without a word.
      if (plainIds.has(id.value))
        return { field: id.key, reason: `duplicate id "${id.value}" (first seen earlier in the file)` };
      plainIds.add(id.value);
      const cells = productCells(values, categoryColumn, null);
      return { group: `id:${id.value}`, product: true, productId: id.value, variant: null, values: cells };
    }
    const options = variantOptions(values);
    const role: RowRole = {
      group: `group:${groupId}`,
      product: !groups.has(groupId),
      productId: groupId,
      variant: { id: id.value, options },
    };
    if (role.product) {
      groups.add(groupId);
      role.values = productCells(values, categoryColumn, options);
    }
    return role;
  };
}

/**
 * Attributes under Google's own names whatever the file type: XML keys lose their `g:` (which keeps
 * them out of the generic attributes). The option attributes describe a grouped item's variant; an
 * item without a group keeps them as attributes.
 */
function attributes(values: Record<string, unknown>): Record<string, AttributeValue> {
  const mapped = new Set(Object.values(profileMapping(googleMerchant, Object.keys(values))));
  const grouped = first(values, GROUP_KEYS) !== null;
  const out: Record<string, AttributeValue> = {};
  for (const key of Object.keys(values)) {
    const name = key.replace(/^g:/, '');
    const isOption = OPTION_KEYS.has(name);
    if (mapped.has(key) || GROUP_KEYS.includes(key)) continue;
    if ((key === name && !isOption) || (grouped && isOption)) continue;
    out[name] = cell(values, key);
  }
  return out;
}

/**
 * A Google Merchant Center product feed: the TSV/CSV file (headers `id`, `title`, `price`,
 * `availability`…) or the XML feed in RSS 2.0 or Atom (`g:id`, `g:price`…). One item per row; items
 * sharing an `item_group_id` are the variants of one product whose id is that group id. `price` is the
 * regular price and `sale_price` what a buyer pays while it runs (its `sale_price_effective_date` is
 * not read: the feed is taken as of its export). The category is `product_type`, the shop's own path,
 * else `google_product_category` (which may be Google's numeric taxonomy id).
 */
export const googleMerchant: PlatformProfile = {
  id: 'google-merchant',
  label: 'Google Merchant Center feed',
  matches: (columns, dialect) =>
    dialect === 'google-rss' ||
    dialect === 'google-atom' ||
    (dialect === null &&
      ['id', 'title', 'price', 'availability'].every((c) => columns.has(c)) &&
      (columns.has('link') || columns.has('image_link'))),
  fields: {
    id: ID_KEYS,
    name: TITLE_KEYS,
    description: [...both('description'), 'summary', 'content'],
    category: CATEGORY_KEYS,
    brand: both('brand'),
    price: both('sale_price'),
    compareAtPrice: both('price'),
    currency: both('currency'),
    stock: both('quantity'),
    stockState: both('availability'),
  },
  barcode: both('gtin'),
  variantColumns: (column) =>
    column.startsWith('g:') || OPTION_KEYS.has(column) || GROUP_KEYS.includes(column),
  // The XML reader joins a repeated `g:product_type` with ', '; Google's paths start at `Home`.
  categories: { multiple: ', ', dropRoots: ['Home'] },
  groupColumn: 'item_group_id',
  rows: itemReader,
  expand: attributes,
};
