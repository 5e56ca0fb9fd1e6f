import { parsePrice } from '../numbers.ts';
import type { PlatformProfile, RowReader, RowRole, RowStock } from './profile.ts';
import { cell } from './profile.ts';

const ITEM_TYPE = 'Item Type';
const NAME = 'Product Name';
const SKU = 'Product Code/SKU';
const PRICE = 'Price';
const SALE_PRICE = 'Sale Price';
const STOCK = ['Current Stock Level', 'Stock Level'];
const TRACKING = 'Track Inventory';
const CATEGORY = 'Category';

/** Cells a SKU row leaves empty when its variant sells as its product does. */
const INHERITED = [PRICE, SALE_PRICE, TRACKING];

/** `[RB]Color=Red,[S]Size=Small`: option type tag, name, value; a value may hold a comma. */
const OPTION = /\[[A-Z]+\]\s*([^=,[]+?)\s*=\s*(.*?)\s*(?=,\s*\[[A-Z]+\]|$)/g;

/** Export bookkeeping that says nothing about the product. */
const BOOKKEEPING =
  /^(Item Type|Option Set Align|Stop Processing Rules|Product Image (ID|Is Thumbnail|Sort) - \d+|MYOB .*)$/;

export function skuOptions(text: string | null): Record<string, string> {
  const options: Record<string, string> = {};
  for (const [, name, value] of (text ?? '').matchAll(OPTION)) if (value !== '') options[name] = value;
  return options;
}

/** `Shop All/Bags;Sale` → `Shop All > Bags;Sale`: BigCommerce writes a `/` inside a name as `\/`. */
function categoryPaths(text: string): string {
  return text
    .split(';')
    .map((path) =>
      path
        .split(/(?<!\\)\//)
        .map((level) => level.replaceAll('\\/', '/').trim())
        .join(' > '),
    )
    .join(';');
}

/** BigCommerce writes `0.00` in `Sale Price` for a product that is not on sale. */
function withoutZeroSale(values: Record<string, unknown>): Record<string, unknown> {
  const sale = parsePrice(values[SALE_PRICE]);
  return sale !== null && sale !== 'invalid' && sale.amount === 0
    ? { ...values, [SALE_PRICE]: null }
    : values;
}

function productValues(values: Record<string, unknown>): Record<string, unknown> {
  const category = cell(values, CATEGORY);
  const read = withoutZeroSale(values);
  return category === null ? read : { ...read, [CATEGORY]: categoryPaths(category) };
}

/** A SKU row's empty price and tracking cells are its product's; a product tracked as a whole gives its SKUs no count. */
function skuValues(
  values: Record<string, unknown>,
  product: Record<string, unknown>,
): Record<string, unknown> {
  const filled: Record<string, unknown> = { ...values };
  for (const column of INHERITED) if (cell(filled, column) === null) filled[column] = product[column];
  if (cell(filled, TRACKING)?.toLowerCase() === 'by product') for (const c of STOCK) filled[c] = null;
  return withoutZeroSale(filled);
}

interface CurrentProduct {
  group: string;
  values: Record<string, unknown>;
}

/**
 * Reads a Bulk Edit export top to bottom: a `Product` row starts a product, the `SKU` rows under it
 * are its variants, `Rule` rows (price and weight adjustments by option) are skipped. BigCommerce
 * indents the SKU and Rule item types (`  SKU`).
 */
function bulkEditReader(): RowReader {
  const ids = new Set<string>();
  let current: CurrentProduct | null = null;
  let rejected = false;
  const productRow = (values: Record<string, unknown>): RowRole | { field: string; reason: string } => {
    // A product not yet in a store has no ID; BigCommerce keeps product names unique, so its name names it.
    const id = cell(values, 'Product ID') ?? cell(values, SKU) ?? cell(values, NAME);
    rejected = true;
    if (id === null) return { field: 'Product ID', reason: 'the product has no ID, SKU or name' };
    if (ids.has(id))
      return { field: 'Product ID', reason: `duplicate product "${id}" (first seen earlier in the file)` };
    ids.add(id);
    rejected = false;
    const read = productValues(values);
    current = { group: id, values: read };
    return { group: id, product: true, productId: id, variant: null, values: read };
  };
  return (values) => {
    const type = (cell(values, ITEM_TYPE) ?? '').toLowerCase();
    if (type === 'product') return productRow(values);
    if (type === 'rule') return { skip: 'BigCommerce rule row (a price or weight adjustment by option)' };
    if (type !== 'sku')
      return {
        field: ITEM_TYPE,
        reason: `item type "${cell(values, ITEM_TYPE) ?? ''}" is not Product, SKU or Rule`,
      };
    if (current === null) return { field: ITEM_TYPE, reason: 'the SKU row comes before any Product row' };
    if (rejected)
      return { field: ITEM_TYPE, reason: 'the SKU row belongs to a product row that was rejected' };
    return {
      group: current.group,
      product: false,
      variant: { id: cell(values, SKU), options: skuOptions(cell(values, NAME)) },
      values: skuValues(values, current.values),
    };
  };
}

/** `Track Inventory` = `none`: BigCommerce sells the product whatever its count. */
function bigcommerceStock(values: Record<string, unknown>, stated: RowStock): RowStock {
  return cell(values, TRACKING)?.toLowerCase() === 'none' ? { stock: null, stockState: 'in stock' } : stated;
}

/**
 * BigCommerce's product CSV in the Bulk Edit layout (Products → Export, the layout its importer
 * reads back): `Item Type` says what each row is. The price a buyer pays is `Sale Price` while it is
 * set, else `Price`; `Retail Price` (the MSRP) and `Cost Price` stay attributes. `Category` lists
 * `/`-separated paths joined by `;`; the deepest is kept, without the sample store's catch-all
 * `Shop All`.
 */
export const bigcommerce: PlatformProfile = {
  id: 'bigcommerce',
  label: 'BigCommerce product CSV',
  matches: (columns) =>
    columns.has(ITEM_TYPE) && columns.has(NAME) && (columns.has(SKU) || columns.has('Product ID')),
  fields: {
    id: ['Product ID', SKU],
    name: NAME,
    description: 'Product Description',
    category: CATEGORY,
    brand: 'Brand Name',
    price: SALE_PRICE,
    compareAtPrice: PRICE,
    stock: STOCK,
  },
  barcode: ['Product UPC/EAN', 'GPS Global Trade Item Number', 'Global Trade Item Number'],
  variantColumns: (column) => BOOKKEEPING.test(column),
  categories: { multiple: ';', dropRoots: ['Shop All'] },
  groupColumn: 'Product ID',
  rows: bulkEditReader,
  stock: bigcommerceStock,
};
