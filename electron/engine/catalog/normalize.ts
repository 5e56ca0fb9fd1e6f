import type {
  AttributeValue,
  ColumnMapping,
  Product,
  ProductField,
  RejectedRow,
  StockState,
} from '../../../shared/types.ts';
import { categoryPath } from './category-path.ts';
import { currencyCode } from './currency.ts';
import { htmlToText } from './html-text.ts';
import { headerCurrency } from './mapping.ts';
import { parsePrice, parseStock } from './numbers.ts';
import type { PlatformProfile, RowRole } from './profiles/profile.ts';
import type { SourceRecord } from './record.ts';
import { parseStockState, stockStateOf } from './stock-state.ts';

export { parsePrice, parseStock } from './numbers.ts';

/** A product read from a file, before it is stored: the contract's Product shape. */
export type ProductInput = Product;

/** What one row says a buyer can get and pay: the product's own offer, or its variant's. */
export interface Offer {
  price: number | null;
  compareAtPrice: number | null;
  currency: string | null;
  stock: number | null;
  stockState: StockState | null;
  barcode: string | null;
}

/** The descriptive part of a product, as its row (or a group's first row) writes it. */
export type ProductPart = Pick<
  Product,
  'id' | 'name' | 'description' | 'category' | 'brand' | 'season' | 'attributes'
>;

/** One row of a file, read: the product it describes (if any), its offer, and its place in a group. */
export interface Piece {
  row: number;
  group: string;
  product: ProductPart | null;
  offer: Offer;
  variant: RowRole['variant'];
  claims?: RowRole['claims'];
  /** Set when a configurable product claimed this row: it is that product's variant with these options. */
  claimed?: Record<string, string>;
}

const MAX_ID_CHARS = 500;

/** Attribute columns whose text is HTML in platform exports (short descriptions, WordPress excerpts). */
const HTML_COLUMN = /desc|body|content|excerpt|summary|html/i;

/** Trimmed text of a value; null for nothing or an empty string. */
function text(raw: unknown): string | null {
  if (raw === null || raw === undefined) return null;
  const s = (
    typeof raw === 'string' ? raw : typeof raw === 'object' ? JSON.stringify(raw) : String(raw)
  ).trim();
  return s === '' ? null : s;
}

function attribute(key: string, raw: unknown): AttributeValue {
  if (raw === null || typeof raw === 'boolean') return raw;
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : String(raw);
  const s = text(raw);
  return s !== null && HTML_COLUMN.test(key) ? htmlToText(s) || null : s;
}

function quote(raw: unknown): string {
  const s = typeof raw === 'string' ? raw : JSON.stringify(raw);
  return JSON.stringify(s.length > 60 ? `${s.slice(0, 57)}...` : s);
}

export class Rejection {
  readonly rejected: RejectedRow;
  constructor(file: string, row: number, field: string, reason: string) {
    this.rejected = { file, row, field, reason };
  }
}

/** Reads one row's mapped fields; every parse problem names the column it came from. */
class RowFields {
  private readonly rec: SourceRecord;
  private readonly mapping: ColumnMapping;
  private readonly file: string;
  constructor(rec: SourceRecord, mapping: ColumnMapping, file: string) {
    this.rec = rec;
    this.mapping = mapping;
    this.file = file;
  }

  column(field: ProductField): string {
    return this.mapping[field] ?? field;
  }

  value(field: ProductField): unknown {
    const column = this.mapping[field];
    return column === undefined ? undefined : this.rec.values[column];
  }

  text(field: ProductField): string | null {
    return text(this.value(field));
  }

  reject(field: string, reason: string): Rejection {
    return new Rejection(this.file, this.rec.row, field, reason);
  }

  price(field: 'price' | 'compareAtPrice'): { amount: number; currency: string | null } | null | Rejection {
    const raw = this.value(field);
    const price = parsePrice(raw);
    const what = field === 'price' ? 'price' : 'regular price';
    if (price === 'invalid') return this.reject(this.column(field), `${what} ${quote(raw)} is not a number`);
    if (price && price.amount < 0)
      return this.reject(this.column(field), `${what} ${quote(raw)} is negative`);
    return price;
  }
}

/** A discount cell as a percentage: "15", "15%", "12.5"; blank is none. */
function parseDiscount(raw: unknown): number | null | 'invalid' {
  if (raw === undefined || raw === null || String(raw).trim() === '') return null;
  const n = Number(String(raw).trim().replace(/%$/, ''));
  return Number.isFinite(n) && n >= 0 && n <= 100 ? n : 'invalid';
}

/**
 * The price before a discount, when the file gives a discount instead of a regular price. The file's
 * price stays what the buyer pays (the column it calls price); the discount says that price is d % off,
 * so the regular price is price / (1 − d/100), to the cent. No discount, or 100 %, gives none.
 */
function discountedFrom(price: number | null, discount: number | null): number | null {
  if (price === null || discount === null || discount <= 0 || discount >= 100) return null;
  // Up to the next cent: a discount too small to move the price by a cent still puts it on sale.
  return Math.max(Math.round((price / (1 - discount / 100)) * 100) / 100, Math.round(price * 100 + 1) / 100);
}

/**
 * A row's offer. The price is what a buyer pays now: a sale price beside a regular one makes the
 * regular price the compare-at price; a row with only the regular price (an export's `Sale price`
 * column is empty when nothing is on sale) pays that. A stock cell holding a word (`in stock`) is
 * read as the stock state.
 */
export function readOffer(
  rec: SourceRecord,
  mapping: ColumnMapping,
  file: string,
  barcodeColumn?: string,
): Offer | Rejection {
  const f = new RowFields(rec, mapping, file);
  const now = f.price('price');
  if (now instanceof Rejection) return now;
  const regular = f.price('compareAtPrice');
  if (regular instanceof Rejection) return regular;
  const price = now ?? regular;
  const discount = parseDiscount(f.value('discountPercent'));
  if (discount === 'invalid') {
    return f.reject(
      f.column('discountPercent'),
      `discount ${quote(f.value('discountPercent'))} is not a percentage from 0 to 100`,
    );
  }
  // A regular price beside the price says whether it is on sale; only without one does a discount.
  let compareAtPrice: number | null;
  if (now && regular) compareAtPrice = regular.amount > now.amount ? regular.amount : null;
  else compareAtPrice = discountedFrom(now?.amount ?? null, discount);

  let stock = parseStock(f.value('stock'));
  let stated = parseStockState(f.value('stockState'));
  if (stated === 'invalid') {
    return f.reject(
      f.column('stockState'),
      `availability ${quote(f.value('stockState'))} is not a stock state`,
    );
  }
  if (stock === 'invalid') {
    const word = parseStockState(f.value('stock'));
    if (word === 'invalid' || word === null)
      return f.reject(f.column('stock'), `stock ${quote(f.value('stock'))} is not a whole number`);
    stock = null;
    stated ??= word;
  }

  const currencyText = f.text('currency');
  const currency = price
    ? (price.currency ??
      regular?.currency ??
      (currencyText && (currencyCode(currencyText) ?? currencyText.toUpperCase())) ??
      (mapping.price ? headerCurrency(mapping.price) : null))
    : null;
  return {
    price: price ? price.amount : null,
    compareAtPrice,
    currency,
    stock,
    stockState: stockStateOf(stock, stated),
    barcode: barcodeColumn ? text(rec.values[barcodeColumn]) : null,
  };
}

/**
 * A row's descriptive fields. Columns not mapped to a field become attributes, so nothing in the file
 * is lost — except those the profile says describe a variant, which its variant table shows.
 */
export function readProductPart(
  rec: SourceRecord,
  mapping: ColumnMapping,
  file: string,
  profile: PlatformProfile | null,
  productId?: string,
): ProductPart | Rejection {
  const f = new RowFields(rec, mapping, file);
  const required = (field: 'id' | 'name'): string | Rejection => {
    if (mapping[field] === undefined) return f.reject(field, `no column is mapped to the product ${field}`);
    const v = f.text(field);
    return v === null ? f.reject(f.column(field), `the ${field} is empty`) : v;
  };
  const id = productId ?? required('id');
  if (id instanceof Rejection) return id;
  if (id.length > MAX_ID_CHARS)
    return f.reject(f.column('id'), `the id is longer than ${MAX_ID_CHARS} characters`);
  const name = required('name');
  if (name instanceof Rejection) return name;

  const mapped = new Set(Object.values(mapping));
  const attributes: Record<string, AttributeValue> = {};
  for (const [key, raw] of Object.entries(rec.values)) {
    if (mapped.has(key) || raw === undefined || profile?.variantColumns?.(key)) continue;
    attributes[key] = attribute(key, raw);
  }
  if (profile?.expand) Object.assign(attributes, profile.expand(rec.values));
  const description = f.text('description');
  const category = f.text('category');
  return {
    id,
    name,
    description: description === null ? null : htmlToText(description) || null,
    category: category === null ? null : categoryPath(category, profile?.categories),
    brand: f.text('brand'),
    season: f.text('season'),
    attributes,
  };
}

/**
 * Reads one row into a piece of a product, or says why it cannot be one: a record the reader flagged,
 * a missing id or name, a price or stock that does not parse.
 */
export function readPiece(
  rec: SourceRecord,
  mapping: ColumnMapping,
  file: string,
  profile: PlatformProfile | null,
  role: RowRole | null,
): Piece | Rejection {
  if (rec.problem) return new Rejection(file, rec.row, rec.problemField ?? '(row)', rec.problem);
  if (role?.values) rec = { ...rec, values: role.values };
  const read = readOffer(rec, mapping, file, barcodeColumn(profile, rec));
  if (read instanceof Rejection) return read;
  const offer = profile?.stock ? { ...read, ...profile.stock(rec.values, read) } : read;
  let product: ProductPart | null = null;
  if (role === null || role.product) {
    const part = readProductPart(rec, mapping, file, profile, role?.productId);
    if (part instanceof Rejection) return part;
    product = part;
  }
  return {
    row: rec.row,
    group: role?.group ?? product!.id,
    product,
    offer,
    variant: role?.variant ?? null,
    claims: role?.claims,
  };
}

function barcodeColumn(profile: PlatformProfile | null, rec: SourceRecord): string | undefined {
  const names = profile?.barcode;
  if (names === undefined) return undefined;
  return (Array.isArray(names) ? names : [names]).find((n) => n in rec.values);
}

/** A file with one row per product: the row read straight into a product with no variants. */
export function toProduct(
  rec: SourceRecord,
  mapping: ColumnMapping,
  file: string,
  profile: PlatformProfile | null = null,
): { product: ProductInput } | { rejected: RejectedRow } {
  const piece = readPiece(rec, mapping, file, profile, null);
  if (piece instanceof Rejection) return { rejected: piece.rejected };
  return { product: singleProduct(piece.product!, piece.offer) };
}

export function singleProduct(part: ProductPart, offer: Offer): ProductInput {
  return {
    ...part,
    price: offer.price,
    compareAtPrice: offer.compareAtPrice,
    priceMax: null,
    currency: offer.currency,
    stock: offer.stock,
    stockState: offer.stockState,
    variants: [],
  };
}
