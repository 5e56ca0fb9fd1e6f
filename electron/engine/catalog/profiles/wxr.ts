import type { AttributeValue } from '../../../../shared/types.ts';
import type { PlatformProfile, RowReader } from './profile.ts';
import { cell } from './profile.ts';

/** Item keys shown under the name a manager knows from the WooCommerce admin. */
const RENAMED: Record<string, string> = {
  'wp:status': 'Status',
  'meta:_sku': 'SKU',
  'category:product_type': 'Type',
  'category:product_tag': 'Tags',
  'category:product_visibility': 'Visibility',
};

/**
 * Kept out of the attributes: WordPress's bookkeeping (`_edit_lock`, `_wp_old_slug`, serialized
 * `_product_attributes`…), a variation's option meta (its options show them), the attribute-term
 * domains `expand` shows by their names, and post fields that say nothing about a product.
 */
const HIDDEN =
  /^(meta:_|meta:attribute_|category:pa_|wp:(post_type|post_parent|post_password|post_date_gmt|is_sticky|comment_status|ping_status|menu_order|comment)$|guid$|description$)/;

/** `pa_shoe-size` / `shoe-size` → `Shoe size`: WordPress keeps only the attribute's slug on a variation. */
function attributeName(slug: string): string {
  const words = slug.replace(/^pa_/, '').replace(/[-_]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * A product's own (non-taxonomy) attributes live only in the PHP-serialized `_product_attributes`
 * meta: `s:4:"name";s:4:"Logo";s:5:"value";s:8:"Yes | No";`. Taxonomy attributes have an empty value
 * there; their terms come as `category:pa_…`.
 */
const CUSTOM_ATTRIBUTE = /s:4:"name";s:\d+:"([^"]*)";s:5:"value";s:\d+:"([^"]+)";/g;

/** A variation's option values: `meta:attribute_pa_color` = `blue` (a term slug, as written); empty means "any". */
function variationOptions(values: Record<string, unknown>): Record<string, string> {
  const options: Record<string, string> = {};
  for (const key of Object.keys(values)) {
    if (!key.startsWith('meta:attribute_')) continue;
    const value = cell(values, key);
    if (value !== null) options[attributeName(key.slice('meta:attribute_'.length))] = value;
  }
  return options;
}

/**
 * A WordPress export (Tools → Export, WXR) of a WooCommerce shop, read one `<item>` per record: products
 * and their variations (`product_variation` posts whose parent is the product), beside pages, posts,
 * media and menu items, which are skipped. Prices, stock and SKU are post meta.
 */
export const wxr: PlatformProfile = {
  id: 'wxr',
  label: 'WooCommerce WordPress export (WXR)',
  matches: (_columns, dialect) => dialect === 'wxr',
  fields: {
    id: 'wp:post_id',
    name: 'title',
    description: 'content',
    category: 'category:product_cat',
    brand: 'category:product_brand',
    price: 'meta:_sale_price',
    compareAtPrice: 'meta:_regular_price',
    stock: 'meta:_stock',
    stockState: 'meta:_stock_status',
  },
  barcode: 'meta:_global_unique_id',
  variantColumns: (column) => HIDDEN.test(column) || column in RENAMED,
  // The reader joins an item's categories with ', '; a WXR item names its terms without their parents.
  categories: { multiple: ', ' },
  groupColumn: 'wp:post_parent',
  rows(): RowReader {
    const trashed = new Set<string>();
    return (values) => {
      const type = cell(values, 'wp:post_type') ?? 'item';
      if (type !== 'product' && type !== 'product_variation')
        return { skip: `WordPress ${type} (not a product)` };
      const id = cell(values, 'wp:post_id');
      if (id === null) return { field: 'wp:post_id', reason: 'the item has no post id' };
      // WordPress exports the trash too; a trashed product's variations go with it.
      const parent = cell(values, 'wp:post_parent');
      if (cell(values, 'wp:status') === 'trash' || (parent !== null && trashed.has(parent))) {
        trashed.add(id);
        return { skip: 'WooCommerce product in the trash' };
      }
      if (type === 'product') return { group: id, product: true, variant: null };
      if (parent === null || parent === '0') {
        return { field: 'wp:post_parent', reason: 'the variation names no parent product' };
      }
      const options = variationOptions(values);
      return {
        group: parent,
        product: false,
        variant: { id: cell(values, 'meta:_sku') ?? `${parent}-${id}`, options },
      };
    };
  },
  expand(values) {
    const attributes: Record<string, AttributeValue> = {};
    for (const [key, name] of Object.entries(RENAMED)) {
      if (key in values) attributes[name] = cell(values, key);
    }
    for (const key of Object.keys(values)) {
      if (key.startsWith('category:pa_'))
        attributes[attributeName(key.slice('category:'.length))] = cell(values, key);
    }
    const custom = cell(values, 'meta:_product_attributes');
    for (const [, name, list] of custom?.matchAll(CUSTOM_ATTRIBUTE) ?? []) {
      attributes[name] = list
        .split('|')
        .map((v) => v.trim())
        .join(', ');
    }
    return attributes;
  },
};
