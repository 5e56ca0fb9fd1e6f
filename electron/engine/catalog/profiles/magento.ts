import type { AttributeValue } from '../../../../shared/types.ts';
import type { PlatformProfile, RowReader, RowRole } from './profile.ts';
import { cell } from './profile.ts';

type Claim = NonNullable<RowRole['claims']>[number];

const STORE_VIEW_ROW =
  'Magento store-view row (a translation or override of a product read from its default row)';

/** Keys a configurable variation may carry beside its options (Adobe's import guide lists them). */
const NOT_AN_OPTION = new Set(['sku', 'price', 'display', 'image']);

/** Magento's usual visibility for the simple products a configurable is made of. */
const CHILD_VISIBILITY = 'not visible individually';

/** Splits on commas outside double quotes: Magento 2.3+ quotes a value holding the separator. */
function splitOutsideQuotes(text: string): string[] {
  const parts: string[] = [];
  let start = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '"') quoted = !quoted;
    else if (text[i] === ',' && !quoted) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

function unquote(value: string): string {
  const v = value.trim();
  return v.length >= 2 && v.startsWith('"') && v.endsWith('"') ? v.slice(1, -1).replaceAll('""', '"') : v;
}

/**
 * `code=value,code=value` as Magento writes `additional_attributes` and each configurable variation.
 * A piece without `=` continues the value before it, because older exports do not quote a value that
 * holds a comma.
 */
export function magentoPairs(text: string): [string, string][] {
  const pairs: [string, string][] = [];
  for (const part of splitOutsideQuotes(text)) {
    const eq = part.indexOf('=');
    if (eq > 0) pairs.push([part.slice(0, eq).trim(), part.slice(eq + 1)]);
    else if (pairs.length > 0) pairs[pairs.length - 1][1] += `,${part}`;
  }
  return pairs.map(([code, value]) => [code, unquote(value)]);
}

/** `sku=MH01-XS-Black,color=Black,size=XS|sku=…`: the products a configurable is made of and options. */
function variations(text: string): Claim[] {
  const claims: Claim[] = [];
  for (const part of text.split('|')) {
    const pairs = magentoPairs(part);
    const sku = pairs.find(([code]) => code === 'sku')?.[1];
    if (!sku) continue;
    const options = Object.fromEntries(
      pairs.filter(([code, value]) => !NOT_AN_OPTION.has(code) && value !== ''),
    );
    claims.push({ id: sku, options });
  }
  return claims;
}

function optionKey(options: Record<string, string>): string {
  return JSON.stringify(Object.entries(options).sort(([a], [b]) => a.localeCompare(b)));
}

/** Whether the options tell the claimed products apart, as they do in an export without the bug below. */
function distinct(claims: Claim[]): boolean {
  return new Set(claims.map((c) => optionKey(c.options))).size === claims.length;
}

/** The attribute codes whose value differs between the claimed products that were read. */
function varyingCodes(children: Record<string, string>[]): Set<string> {
  const codes = new Set(children.flatMap((c) => Object.keys(c)));
  return new Set([...codes].filter((code) => new Set(children.map((c) => c[code] ?? '')).size > 1));
}

/**
 * Magento's export has written only one of a configurable's attributes in `configurable_variations`
 * (magento/magento2#6938, 2.1): `sku=MH01-XS-Black,size=XS|sku=MH01-XS-Gray,size=XS`, three "XS"
 * variants that cannot be told apart. The children's own `additional_attributes` still say
 * `color=Black,size=XS`, so the children are remembered as they are read (Magento writes them before
 * their configurable) and, when the claims' options do not tell them apart, completed with the
 * attributes that differ between them. Only rows "Not Visible Individually" are remembered: those are
 * a configurable's children, and remembering every row of a million-row export would hold it all in
 * memory.
 */
class ChildAttributes {
  private readonly bySku = new Map<string, Record<string, string>>();

  remember(sku: string, values: Record<string, unknown>): void {
    const attributes = cell(values, 'additional_attributes');
    if (attributes === null || cell(values, 'visibility')?.toLowerCase() !== CHILD_VISIBILITY) return;
    this.bySku.set(sku, Object.fromEntries(magentoPairs(attributes)));
  }

  complete(claims: Claim[]): Claim[] {
    const children = claims.map((c) => this.bySku.get(c.id));
    for (const claim of claims) this.bySku.delete(claim.id);
    if (distinct(claims)) return claims;
    const varying = varyingCodes(children.filter((c) => c !== undefined));
    return claims.map((claim, i) => {
      const child = children[i];
      if (!child) return claim;
      const added = Object.entries(child).filter(([code]) => varying.has(code) && !(code in claim.options));
      return { id: claim.id, options: { ...Object.fromEntries(added), ...claim.options } };
    });
  }
}

/**
 * Magento 2's product CSV (System → Export → Products, the format System → Import reads): one row per
 * product in the default scope, simple products and the configurables made of them alike, each
 * followed by a row per store view that overrides some of its values. A configurable names its
 * simple products in `configurable_variations`; those become its variants and stop being products of
 * their own. A claimed SKU the file lacks is harmless: the configurable keeps the variants it has, or
 * stands as a plain product with its own price.
 */
export const magento: PlatformProfile = {
  id: 'magento2',
  label: 'Magento 2 product CSV',
  matches: (columns) =>
    columns.has('sku') &&
    columns.has('product_type') &&
    (columns.has('attribute_set_code') || columns.has('store_view_code')),
  fields: {
    id: 'sku',
    name: 'name',
    description: 'description',
    category: 'categories',
    // An empty special_price means no sale: the regular price is paid.
    price: ['special_price', 'price'],
    compareAtPrice: 'price',
    stock: 'qty',
    stockState: 'is_in_stock',
  },
  // `use_config_*` say "use the store's default" for a stock setting: bookkeeping, not a fact about the
  // product; `store_view_code` is empty on every row read.
  variantColumns: (column) =>
    column === 'additional_attributes' ||
    column === 'store_view_code' ||
    column.startsWith('configurable_variation') ||
    column.startsWith('use_config_'),
  categories: { separators: ['/'], multiple: ',', dropRoots: ['Default Category'] },
  groupColumn: 'sku',
  rows(): RowReader {
    const skus = new Set<string>();
    const children = new ChildAttributes();
    return (values) => {
      // A store view's name or description would otherwise replace the default one, or duplicate the product.
      if (cell(values, 'store_view_code') !== null) return { skip: STORE_VIEW_ROW };
      const sku = cell(values, 'sku');
      if (sku === null) return { field: 'sku', reason: 'the sku is empty' };
      // Two rows in one group would become one product and lose the other without a word.
      if (skus.has(sku))
        return { field: 'sku', reason: `duplicate sku "${sku}" (first seen earlier in the file)` };
      skus.add(sku);
      children.remember(sku, values);
      const listed = cell(values, 'configurable_variations');
      const claims = listed === null ? undefined : children.complete(variations(listed));
      return { group: sku, product: true, productId: sku, variant: null, claims };
    };
  },
  expand(values) {
    const attributes: Record<string, AttributeValue> = {};
    const packed = cell(values, 'additional_attributes');
    // Multiple-select values are joined with `|` (`climate=Indoor|Mild|Hot`).
    for (const [code, value] of packed === null ? [] : magentoPairs(packed)) {
      attributes[code] =
        value
          .split('|')
          .map((v) => v.trim())
          .filter((v) => v !== '')
          .join(', ') || null;
    }
    return attributes;
  },
};
