import type { AttributeValue, ColumnMapping, ProductField, StockState } from '../../../../shared/types.ts';
import type { XmlDialect } from '../xml-feed.ts';

/** What a row of a platform export is to the product it belongs to. */
export interface RowRole {
  /** The key gathering the rows of one product: a Shopify Handle, an item_group_id, a WooCommerce parent. */
  group: string;
  /** The row describes the product (its name, description…); false on a row that only adds a variant. */
  product: boolean;
  /** The buyable variant the row describes; null on a row that is not one (a variable parent, an image row). */
  variant: { id: string | null; options: Record<string, string> } | null;
  /** The product's id when the mapped id column is not it (Shopify's Handle, WooCommerce's `id:N`). */
  productId?: string;
  /** Products this row takes as its variants (Magento's configurable_variations): their id and options. */
  claims?: { id: string; options: Record<string, string> }[];
  /**
   * The row's cells as the platform means them, read instead of the file's: cells its rules fill or
   * clear (a BigCommerce SKU row sells at its product's price; `0.00` there means no sale price).
   */
  values?: Record<string, unknown>;
}

/** A row the profile refuses: the column it is about and why. */
export interface RowProblem {
  field: string;
  reason: string;
}

/** A row that is no product at all (a WordPress attachment, a BigCommerce rule): skipped and counted. */
export interface RowSkip {
  skip: string;
}

export type RowReading = RowRole | RowProblem | RowSkip;

/** Reads the rows of one file in order; it may remember earlier rows (a parent's SKU, the last product). */
export type RowReader = (values: Record<string, unknown>) => RowReading;

export interface CategoryRules {
  /** Separators between the levels of one path beyond ` > `, `|` and ` / ` (Magento writes `/`). */
  separators?: string[];
  /** What separates several paths in one cell; the deepest is kept. */
  multiple?: string;
  /** Root levels that say nothing (`Default Category`, `Home`). */
  dropRoots?: string[];
}

/**
 * A shop platform's export format, as data: which column feeds each field, how its categories are
 * written, and, for exports with several rows per product, how a row joins its product.
 */
export interface PlatformProfile {
  id: string;
  /** As a manager knows the file: "Shopify product CSV". */
  label: string;
  /** Recognises the export from its header names (and, for XML, the feed's dialect). */
  matches(columns: ReadonlySet<string>, dialect: XmlDialect | null): boolean;
  /** Field → the platform's column name; only the columns the file has are used. */
  fields: Partial<Record<ProductField, string | string[]>>;
  /** The column a variant's barcode (GTIN, EAN, UPC) is read from. */
  barcode?: string | string[];
  /** Columns that describe a variant rather than the product: kept out of the product's attributes. */
  variantColumns?: (column: string) => boolean;
  categories?: CategoryRules;
  /** The column named in messages about a row's product (Handle, Parent, item_group_id). */
  groupColumn?: string;
  /** Starts reading one file; absent for exports with one row per product. */
  rows?(columns: string[]): RowReader;
  /**
   * The stock a row states once the platform's own stock rules are read: Shopify's untracked
   * inventory is always sellable, and "continue selling" past zero is a backorder.
   */
  stock?(values: Record<string, unknown>, stated: RowStock): RowStock;
  /** Attributes a cell packs together (Magento's `additional_attributes`: `color=Black,size=XS`). */
  expand?(values: Record<string, unknown>): Record<string, AttributeValue>;
}

/** A row's quantity and stock state, as read from its mapped columns. */
export interface RowStock {
  stock: number | null;
  stockState: StockState | null;
}

export function isProblem(r: RowReading): r is RowProblem {
  return 'reason' in r;
}

export function isSkip(r: RowReading): r is RowSkip {
  return 'skip' in r;
}

/** The profile's column for each field, among the file's columns (the first present when it lists several). */
export function profileMapping(profile: PlatformProfile, columns: string[]): ColumnMapping {
  const present = new Set(columns);
  const mapping: ColumnMapping = {};
  for (const [field, names] of Object.entries(profile.fields)) {
    const found = (Array.isArray(names) ? names : [names]).find((n) => present.has(n));
    if (found) mapping[field as ProductField] = found;
  }
  return mapping;
}

/**
 * Trimmed text of a cell; null when empty. The text is copied: a cell read from a file is a slice of
 * the chunk it came in, and the profiles keep some cells (handles, parent ids, claims) for the whole
 * import — kept as slices, 100k Shopify handles pinned every chunk of the file (350 MB of heap).
 */
export function cell(values: Record<string, unknown>, column: string): string | null {
  const raw = values[column];
  if (raw === null || raw === undefined) return null;
  const s = String(raw).trim();
  // Concatenating flattens into a fresh string; the slice of it points at that copy only.
  return s === '' ? null : (' ' + s).slice(1);
}

/** `Size=M,Color=Red` style lists (Magento): pairs split on `sep`, names and values trimmed. */
export function keyValueList(text: string, sep = ','): [string, string][] {
  const pairs: [string, string][] = [];
  for (const part of text.split(sep)) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    pairs.push([part.slice(0, eq).trim(), part.slice(eq + 1).trim()]);
  }
  return pairs;
}
