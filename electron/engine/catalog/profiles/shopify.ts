import type { PlatformProfile, RowReader } from './profile.ts';
import { cell } from './profile.ts';

const OPTION_SLOTS = [1, 2, 3];

/**
 * Shopify's product CSV: one row per variant, grouped by Handle. The first row of a handle carries
 * the product (Title, Body (HTML)…) and the option names; the rows after it carry only option values
 * and variant columns, or just another image.
 */
export const shopify: PlatformProfile = {
  id: 'shopify',
  label: 'Shopify product CSV',
  matches: (columns) => columns.has('Handle') && columns.has('Title') && columns.has('Variant Price'),
  fields: {
    id: 'Handle',
    name: 'Title',
    description: 'Body (HTML)',
    category: ['Type', 'Product Category'],
    brand: 'Vendor',
    price: 'Variant Price',
    compareAtPrice: 'Variant Compare At Price',
    stock: ['Variant Inventory Qty', 'Inventory quantity'],
  },
  barcode: 'Variant Barcode',
  variantColumns: (column) => /^(Variant |Option\d )/.test(column) || column === 'Cost per item',
  groupColumn: 'Handle',
  rows(): RowReader {
    const optionNames = new Map<string, string[]>();
    return (values) => {
      const handle = cell(values, 'Handle');
      if (handle === null) return { field: 'Handle', reason: 'the handle is empty' };
      let names = optionNames.get(handle);
      const first = names === undefined;
      if (!names) {
        names = OPTION_SLOTS.map((i) => cell(values, `Option${i} Name`) ?? `Option${i}`);
        optionNames.set(handle, names);
      }
      const options: Record<string, string> = {};
      OPTION_SLOTS.forEach((slot, i) => {
        const value = cell(values, `Option${slot} Value`);
        if (value !== null) options[names[i]] = value;
      });
      const isVariant =
        Object.keys(options).length > 0 ||
        cell(values, 'Variant SKU') !== null ||
        cell(values, 'Variant Price') !== null;
      return {
        group: handle,
        product: first && cell(values, 'Title') !== null,
        productId: handle,
        variant: isVariant ? { id: cell(values, 'Variant SKU'), options } : null,
      };
    };
  },
};
