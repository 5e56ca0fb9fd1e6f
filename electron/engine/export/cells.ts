import type { VariantLayout } from '../../../shared/health.ts';
import type { Variant } from '../../../shared/types.ts';
import type { ProductRow } from '../store/products.ts';

export type Cell = string | number | null;

/** What a spreadsheet reads as the start of a formula, or of one hidden behind whitespace. */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A text cell a spreadsheet shows as text: one beginning with = + - @, a tab or a carriage return is
 * prefixed with an apostrophe (OWASP's advice for CSV injection), so "=HYPERLINK(…)" in a product name
 * is never run. Numbers stay numbers: they come from the catalog's number columns, never from text.
 */
export function safeCell(value: Cell): Cell {
  return typeof value === 'string' && FORMULA_START.test(value) ? `'${value}` : value;
}

/** One exported product: its row, its variants, and what a health finding noted about it. */
export interface ExportProduct {
  row: ProductRow;
  variants: Variant[];
  finding?: { grp: number; note: string | null };
}

const PRODUCT_HEADERS = [
  'id',
  'name',
  'description',
  'category',
  'brand',
  'price',
  'currency',
  'compare at price',
  'price max',
  'stock',
  'stock state',
  'season',
] as const;

function productCells(r: ProductRow): Cell[] {
  return [
    r.id,
    r.name,
    r.description,
    r.category,
    r.brand,
    r.price,
    r.currency,
    r.compareAtPrice,
    r.priceMax,
    r.stock,
    r.stockState,
    r.season,
  ];
}

function attributeCell(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return value;
  return String(value);
}

/** "SKU-1 (Size=M, Color=Red) 19.99, stock 3": one variant inside a product's row. */
function nestedVariant(v: Variant): string {
  const options = Object.entries(v.options)
    .map(([k, val]) => `${k}=${val}`)
    .join(', ');
  const parts = [v.id + (options ? ` (${options})` : '')];
  if (v.price !== null) parts.push(String(v.price));
  if (v.stock !== null) parts.push(`stock ${v.stock}`);
  else if (v.stockState !== null) parts.push(v.stockState);
  return parts.join(' ');
}

/**
 * The columns of an export and the rows of each product under them: the product's fields, its
 * attributes (one column each), then its variants — one row per variant repeating the product's
 * columns, or one "variants" cell listing them — and a health finding's group and note when exporting
 * a finding.
 */
export class ExportLayout {
  readonly headers: string[];
  private readonly attributes: string[];
  private readonly options: string[];
  private readonly layout: VariantLayout;
  private readonly finding: boolean;

  constructor(opts: { attributes: string[]; options: string[]; variants: VariantLayout; finding: boolean }) {
    this.attributes = opts.attributes;
    this.options = opts.options;
    this.layout = opts.variants;
    this.finding = opts.finding;
    const variantHeaders =
      opts.variants === 'nested'
        ? ['variants']
        : [
            'variant id',
            ...opts.options.map((o) => `option ${o}`),
            'variant price',
            'variant compare at price',
            'variant stock',
            'variant stock state',
            'variant barcode',
          ];
    this.headers = [
      ...(opts.finding ? ['finding group', 'finding note'] : []),
      ...PRODUCT_HEADERS,
      ...opts.attributes,
      ...variantHeaders,
    ];
  }

  /** The header row, made safe like every other (an attribute may be called "=cmd"). */
  headerRow(): Cell[] {
    return this.headers.map(safeCell);
  }

  rows(p: ExportProduct): Cell[][] {
    const attrs = JSON.parse(p.row.attributes) as Record<string, unknown>;
    const base: Cell[] = [
      ...(this.finding ? [p.finding?.grp ?? null, p.finding?.note ?? null] : []),
      ...productCells(p.row),
      ...this.attributes.map((a) => attributeCell(attrs[a])),
    ];
    if (this.layout === 'nested') {
      return [[...base, p.variants.length ? p.variants.map(nestedVariant).join('; ') : null].map(safeCell)];
    }
    const blankVariant: Cell[] = new Array<Cell>(this.options.length + 6).fill(null);
    if (p.variants.length === 0) return [[...base, ...blankVariant].map(safeCell)];
    return p.variants.map((v) =>
      [
        ...base,
        v.id,
        ...this.options.map((o) => v.options[o] ?? null),
        v.price,
        v.compareAtPrice,
        v.stock,
        v.stockState,
        v.barcode,
      ].map(safeCell),
    );
  }
}
