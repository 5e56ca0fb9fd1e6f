import type { PlatformProfile, RowReader, RowStock } from './profile.ts';
import { cell } from './profile.ts';

const OPTION_SLOTS = [1, 2, 3];

/**
 * The two header dialects Shopify has written: the classic export (`Handle`, `Variant SKU`,
 * `Option1 Name`) and the template Shopify's admin offers since 2024 (`URL handle`, `SKU`,
 * `Option1 name`, `Continue selling when out of stock`). The rows mean the same in both.
 */
interface Dialect {
  handle: string;
  sku: string;
  price: string;
  option(slot: number): { name: string; value: string };
  tracker: string;
  /** The column saying whether the variant sells past zero stock, and the value that says yes. */
  oversell: { column: string; yes: string };
}

const CLASSIC: Dialect = {
  handle: 'Handle',
  sku: 'Variant SKU',
  price: 'Variant Price',
  option: (slot) => ({ name: `Option${slot} Name`, value: `Option${slot} Value` }),
  tracker: 'Variant Inventory Tracker',
  oversell: { column: 'Variant Inventory Policy', yes: 'continue' },
};

const CURRENT: Dialect = {
  handle: 'URL handle',
  sku: 'SKU',
  price: 'Price',
  option: (slot) => ({ name: `Option${slot} name`, value: `Option${slot} value` }),
  tracker: 'Inventory tracker',
  oversell: { column: 'Continue selling when out of stock', yes: 'true' },
};

/** Columns of the current template that belong to a variant (the classic ones all say `Variant`). */
const CURRENT_VARIANT_COLUMNS = new Set([
  'SKU',
  'Barcode',
  'Price',
  'Compare-at price',
  'Cost per item',
  'Charge tax',
  'Tax code',
  'Inventory tracker',
  'Inventory quantity',
  'Continue selling when out of stock',
  'Weight value (grams)',
  'Weight unit for display',
  'Requires shipping',
  'Fulfillment service',
  'Variant image URL',
]);

function dialectOf(has: (column: string) => boolean): Dialect {
  return has(CLASSIC.handle) ? CLASSIC : CURRENT;
}

/**
 * Shopify's own stock rules: a variant whose inventory is not tracked (an empty tracker) is always
 * sellable, whatever its quantity cell says; a tracked one allowed to sell past zero is a backorder.
 * Exports without the tracker column keep what the quantity says.
 */
function shopifyStock(values: Record<string, unknown>, stated: RowStock): RowStock {
  const d = dialectOf((c) => c in values);
  if (!(d.tracker in values)) return stated;
  if (cell(values, d.tracker) === null) return { stock: null, stockState: 'in stock' };
  const oversells = cell(values, d.oversell.column)?.toLowerCase() === d.oversell.yes;
  if (oversells && stated.stock !== null && stated.stock <= 0) return { ...stated, stockState: 'backorder' };
  return stated;
}

/**
 * Shopify's product CSV: one row per variant, grouped by handle. The first row of a handle carries
 * the product (Title, Body (HTML)…) and the option names; the rows after it carry only option values
 * and variant columns, or just another image.
 */
export const shopify: PlatformProfile = {
  id: 'shopify',
  label: 'Shopify product CSV',
  matches: (columns) =>
    columns.has('Title') &&
    ((columns.has(CLASSIC.handle) && columns.has(CLASSIC.price)) ||
      (columns.has(CURRENT.handle) && columns.has(CURRENT.price))),
  fields: {
    id: [CLASSIC.handle, CURRENT.handle],
    name: 'Title',
    description: ['Body (HTML)', 'Description'],
    category: ['Type', 'Product Category', 'Product category'],
    brand: 'Vendor',
    price: [CLASSIC.price, CURRENT.price],
    compareAtPrice: ['Variant Compare At Price', 'Compare-at price'],
    stock: ['Variant Inventory Qty', 'Inventory quantity'],
  },
  barcode: ['Variant Barcode', 'Barcode'],
  variantColumns: (column) => /^(Variant |Option\d )/i.test(column) || CURRENT_VARIANT_COLUMNS.has(column),
  // No group column: the mapped id column (`Handle` or `URL handle`) names a row's product in messages.
  stock: shopifyStock,
  rows(columns): RowReader {
    const header = new Set(columns);
    const d = dialectOf((c) => header.has(c));
    const optionNames = new Map<string, string[]>();
    return (values) => {
      const handle = cell(values, d.handle);
      if (handle === null) return { field: d.handle, reason: 'the handle is empty' };
      let names = optionNames.get(handle);
      const first = names === undefined;
      if (!names) {
        names = OPTION_SLOTS.map((slot) => cell(values, d.option(slot).name) ?? `Option${slot}`);
        optionNames.set(handle, names);
      }
      const options: Record<string, string> = {};
      OPTION_SLOTS.forEach((slot, i) => {
        const value = cell(values, d.option(slot).value);
        if (value !== null) options[names[i]] = value;
      });
      const isVariant =
        Object.keys(options).length > 0 || cell(values, d.sku) !== null || cell(values, d.price) !== null;
      return {
        group: handle,
        product: first && cell(values, 'Title') !== null,
        productId: handle,
        variant: isVariant ? { id: cell(values, d.sku), options } : null,
      };
    };
  },
};
