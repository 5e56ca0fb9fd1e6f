import type { AttributeValue } from '../../../../shared/types.ts';
import type { PlatformProfile, RowReader } from './profile.ts';
import { cell } from './profile.ts';

const ATTRIBUTE_NAME = /^Attribute (\d+) name$/;
/** The numbered attribute columns: the pairs are read as options or attributes, the flags are bookkeeping. */
const ATTRIBUTE_COLUMN = /^Attribute \d+ (name|value\(s\)|visible|global|default)$/;

/** `Type` may list several (`simple, downloadable, virtual`); plugins add `subscription_variation`. */
function isVariation(values: Record<string, unknown>): boolean {
  return (cell(values, 'Type') ?? '')
    .toLowerCase()
    .split(',')
    .some((t) => t.trim() === 'variation' || t.trim().endsWith('_variation'));
}

/** The row's `Attribute k name` / `Attribute k value(s)` pairs that have a value, in slot order. */
function attributePairs(values: Record<string, unknown>): [string, string][] {
  const pairs: [number, string, string][] = [];
  for (const key of Object.keys(values)) {
    const slot = ATTRIBUTE_NAME.exec(key)?.[1];
    if (slot === undefined) continue;
    const name = cell(values, key);
    const value = cell(values, `Attribute ${slot} value(s)`);
    if (name !== null && value !== null) pairs.push([Number(slot), name, value]);
  }
  return pairs.sort((a, b) => a[0] - b[0]).map(([, name, value]) => [name, value]);
}

/**
 * WooCommerce's product CSV (Products → Export, the same format its importer reads): one row per
 * product and one per variation. A variation names its product in `Parent`, as the parent's SKU or,
 * when the parent has none, as `id:N`; its `Attribute k` pairs are its options (an empty value means
 * "any"). On other rows those pairs are the product's attributes (`Color: Blue, Green, Red`).
 *
 * Rows of one product are grouped under the parent's SKU, else `id:N` — the very text WooCommerce
 * writes in `Parent` — so a variation joins its product wherever in the file either comes (the
 * import assembles groups after reading every row). The product's id is its `ID`, else its SKU.
 */
export const woocommerce: PlatformProfile = {
  id: 'woocommerce',
  label: 'WooCommerce product CSV',
  matches: (columns) =>
    columns.has('Type') &&
    columns.has('Name') &&
    (columns.has('ID') || columns.has('SKU')) &&
    ['Regular price', 'In stock?', 'Visibility in catalog'].some((c) => columns.has(c)),
  fields: {
    id: ['ID', 'SKU'],
    name: 'Name',
    description: 'Description',
    category: 'Categories',
    brand: 'Brands',
    price: 'Sale price',
    compareAtPrice: 'Regular price',
    stock: 'Stock',
    stockState: 'In stock?',
  },
  barcode: 'GTIN, UPC, EAN, or ISBN',
  // Meta columns starting with `_` are plugins' bookkeeping (`Meta: _wpcom_is_markdown`).
  variantColumns: (column) =>
    ATTRIBUTE_COLUMN.test(column) || column === 'Parent' || column.startsWith('Meta: _'),
  categories: { multiple: ',' },
  groupColumn: 'Parent',
  rows(): RowReader {
    const groupOfId = new Map<string, string>();
    const products = new Set<string>();
    return (values) => {
      const id = cell(values, 'ID');
      const sku = cell(values, 'SKU');
      if (isVariation(values)) {
        const parent = cell(values, 'Parent');
        if (parent === null) return { field: 'Parent', reason: 'the variation names no parent product' };
        const parentId = /^id:\s*(\d+)$/i.exec(parent)?.[1];
        // `id:N` of a parent that has a SKU (hand-made files) joins it only when the parent came first.
        const group = parentId === undefined ? parent : (groupOfId.get(parentId) ?? `id:${parentId}`);
        const options = Object.fromEntries(attributePairs(values));
        return { group, product: false, variant: { id: sku ?? id, options } };
      }
      const group = sku ?? (id === null ? null : `id:${id}`);
      if (group === null) return { field: 'ID', reason: 'the product has neither an ID nor a SKU' };
      // Two products in one group would become one product and lose the other without a word.
      if (products.has(group)) {
        return sku === null
          ? { field: 'ID', reason: `duplicate ID "${id}" (first seen earlier in the file)` }
          : { field: 'SKU', reason: `duplicate SKU "${sku}" (first seen earlier in the file)` };
      }
      products.add(group);
      if (id !== null) groupOfId.set(id, group);
      return { group, product: true, productId: id ?? sku!, variant: null };
    };
  },
  expand(values) {
    const attributes: Record<string, AttributeValue> = {};
    for (const [name, value] of attributePairs(values)) attributes[name] = value;
    return attributes;
  },
};
