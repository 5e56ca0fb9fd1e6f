import type {
  AttributeValue,
  ColumnMapping,
  Product,
  ProductField,
  RejectedRow,
} from '../../../shared/types.ts';
import { currencyCode } from './currency.ts';
import { headerCurrency } from './mapping.ts';
import { parsePrice, parseStock } from './numbers.ts';
import type { SourceRecord } from './record.ts';

export { parsePrice, parseStock } from './numbers.ts';

/** A product read from a file, before it is stored: the contract's Product shape. */
export type ProductInput = Product;

const MAX_ID_CHARS = 500;

/** Trimmed text of a value; null for nothing or an empty string. */
function text(raw: unknown): string | null {
  if (raw === null || raw === undefined) return null;
  const s = (
    typeof raw === 'string' ? raw : typeof raw === 'object' ? JSON.stringify(raw) : String(raw)
  ).trim();
  return s === '' ? null : s;
}

function attribute(raw: unknown): AttributeValue {
  if (raw === null || typeof raw === 'boolean') return raw;
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : String(raw);
  return text(raw);
}

function quote(raw: unknown): string {
  const s = typeof raw === 'string' ? raw : JSON.stringify(raw);
  return JSON.stringify(s.length > 60 ? `${s.slice(0, 57)}...` : s);
}

class Rejection {
  readonly rejected: RejectedRow;
  constructor(file: string, row: number, field: string, reason: string) {
    this.rejected = { file, row, field, reason };
  }
}

/**
 * Maps one source record to a product, or says why it cannot be one: a record the reader flagged, a
 * missing id or name, a price or stock that is not a number. Columns not mapped to a field become
 * attributes, so nothing in the file is lost.
 */
export function toProduct(
  rec: SourceRecord,
  mapping: ColumnMapping,
  file: string,
): { product: ProductInput } | { rejected: RejectedRow } {
  const reject = (field: string, reason: string) => new Rejection(file, rec.row, field, reason);
  if (rec.problem) return reject(rec.problemField ?? '(row)', rec.problem);
  const column = (field: ProductField) => mapping[field] ?? field;
  const value = (field: ProductField) =>
    mapping[field] === undefined ? undefined : rec.values[mapping[field]!];

  const required = (field: 'id' | 'name'): string | Rejection => {
    if (mapping[field] === undefined) return reject(field, `no column is mapped to the product ${field}`);
    const v = text(value(field));
    return v === null ? reject(column(field), `the ${field} is empty`) : v;
  };
  const id = required('id');
  if (id instanceof Rejection) return id;
  if (id.length > MAX_ID_CHARS)
    return reject(column('id'), `the id is longer than ${MAX_ID_CHARS} characters`);
  const name = required('name');
  if (name instanceof Rejection) return name;

  const price = parsePrice(value('price'));
  if (price === 'invalid') return reject(column('price'), `price ${quote(value('price'))} is not a number`);
  if (price && price.amount < 0) return reject(column('price'), `price ${quote(value('price'))} is negative`);
  const stock = parseStock(value('stock'));
  if (stock === 'invalid')
    return reject(column('stock'), `stock ${quote(value('stock'))} is not a whole number`);

  const currencyText = text(value('currency'));
  const currency = price
    ? (price.currency ??
      (currencyText && (currencyCode(currencyText) ?? currencyText.toUpperCase())) ??
      (mapping.price ? headerCurrency(mapping.price) : null))
    : null;

  const mapped = new Set(Object.values(mapping));
  const attributes: Record<string, AttributeValue> = {};
  for (const [key, raw] of Object.entries(rec.values)) {
    if (!mapped.has(key) && raw !== undefined) attributes[key] = attribute(raw);
  }
  return {
    product: {
      id,
      name,
      description: text(value('description')),
      category: text(value('category')),
      brand: text(value('brand')),
      price: price ? price.amount : null,
      currency,
      stock,
      season: text(value('season')),
      attributes,
    },
  };
}
