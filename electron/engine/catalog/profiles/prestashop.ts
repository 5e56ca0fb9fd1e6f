import type { AttributeValue } from '../../../../shared/types.ts';
import type { PlatformProfile, RowReader } from './profile.ts';
import { cell } from './profile.ts';

const CATEGORIES = 'Categories (x,y,z...)';
const FEATURES = 'Feature(Name:Value:Position)';
/** Older templates name one column for either, as the shop's tax setting decides. */
const PRICES = ['Price tax excluded', 'Price tax excluded or Price tax included', 'Price tax included'];
const IDS = ['Product ID', 'ID'];
const REFERENCES = ['Reference #', 'Reference'];

/** `Name:Value:Position[:Customized]` entries, comma-separated; a feature named twice has several values. */
function features(text: string): Map<string, string[]> {
  const byName = new Map<string, string[]>();
  for (const entry of text.split(',')) {
    const [name, value] = entry.split(':').map((part) => part.trim());
    if (!name || !value) continue;
    byName.set(name, [...(byName.get(name) ?? []), value]);
  }
  return byName;
}

/**
 * PrestaShop's product CSV, the file Advanced Parameters → Import reads (and modules export for it):
 * `;`-separated, one row per product; combinations come in a separate file. The price is the tax-
 * excluded one when the file has it.
 *
 * The discount columns stay attributes: a discount runs between its `Discount from`/`Discount to`
 * dates (PrestaShop's own sample's ended in 2018), and a `Discount amount` is tax-included by default
 * while the price is not, so what a buyer pays now cannot be read from the row alone.
 *
 * The category cell lists the categories the product belongs to, not a path. They are read as the
 * levels of one path, without PrestaShop's `Root` and `Home`: a product usually belongs to its
 * category and that category's parents, listed from the top (`Home,Clothes,Men` → `Clothes > Men`),
 * and a single category is just that. Sibling categories (`Men,Women`) come out as a path they are not.
 */
export const prestashop: PlatformProfile = {
  id: 'prestashop',
  label: 'PrestaShop product CSV',
  matches: (columns) => columns.has(CATEGORIES) && PRICES.some((c) => columns.has(c)),
  fields: {
    id: IDS,
    name: ['Name *', 'Name*', 'Name'],
    description: 'Description',
    category: CATEGORIES,
    brand: 'Manufacturer',
    price: PRICES,
    stock: 'Quantity',
  },
  variantColumns: (column) => column === FEATURES,
  categories: { separators: [','], dropRoots: ['Root', 'Home'] },
  groupColumn: IDS[0],
  rows(columns): RowReader {
    const idColumn = IDS.find((c) => columns.includes(c)) ?? IDS[0];
    const referenceColumn = REFERENCES.find((c) => columns.includes(c));
    const ids = new Set<string>();
    return (values) => {
      // PrestaShop creates the id of a new product; its importer can key products by reference instead.
      const id = cell(values, idColumn) ?? (referenceColumn ? cell(values, referenceColumn) : null);
      if (id === null) return { field: idColumn, reason: 'the product has neither an ID nor a reference' };
      // Two rows in one group would become one product and lose the other without a word.
      if (ids.has(id))
        return { field: idColumn, reason: `duplicate product "${id}" (first seen earlier in the file)` };
      ids.add(id);
      return { group: id, product: true, productId: id, variant: null };
    };
  },
  expand(values) {
    const attributes: Record<string, AttributeValue> = {};
    const listed = cell(values, FEATURES);
    for (const [name, list] of listed === null ? [] : features(listed)) attributes[name] = list.join(', ');
    return attributes;
  },
};
