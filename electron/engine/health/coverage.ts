import type { FieldCoverage } from '../../../shared/health.ts';
import type { Presence } from './placeholders.ts';
import { presenceOf } from './placeholders.ts';
import type { ScannedProduct } from './scanned-product.ts';

/** The product fields whose coverage is reported, in the order a manager reads them. */
export const COVERED_FIELDS = ['name', 'description', 'category', 'brand', 'price', 'stock'] as const;
export type CoveredField = (typeof COVERED_FIELDS)[number];

/** Fields that hold numbers: they can be missing, never a placeholder. */
export const NUMERIC_FIELDS: ReadonlySet<string> = new Set(['price', 'stock']);

function fieldPresence(p: ScannedProduct, field: CoveredField): Presence {
  if (field === 'price') return p.price === null ? 'missing' : 'filled';
  // A platform's stock word ("in stock") says as much as a quantity.
  if (field === 'stock') return p.stock === null && p.stockState === null ? 'missing' : 'filled';
  return presenceOf(p[field]);
}

interface Tally {
  filled: number;
  thin: number;
}

/** The finding id of a field's missing or thin products; finding-sql.ts reads it back. */
export function coverageRef(
  presence: 'missing' | 'thin',
  source: 'field' | 'attribute',
  name: string,
): string {
  return `${presence}:${source}:${name}`;
}

/**
 * Counts, per product field and per attribute, the products that have it, lack it and hold a
 * placeholder. An attribute a product does not carry counts as missing for it.
 */
export class CoverageCounter {
  private readonly fields = new Map<CoveredField, Tally>(
    COVERED_FIELDS.map((f) => [f, { filled: 0, thin: 0 }]),
  );
  private readonly attributes = new Map<string, Tally>();
  private products = 0;

  add(p: ScannedProduct): void {
    this.products++;
    for (const field of COVERED_FIELDS) {
      const presence = fieldPresence(p, field);
      if (presence !== 'missing') (this.fields.get(field) as Tally)[presence]++;
    }
    for (const [key, value] of Object.entries(p.attributes)) {
      const presence = presenceOf(value);
      if (presence === 'missing') continue;
      let tally = this.attributes.get(key);
      if (!tally) this.attributes.set(key, (tally = { filled: 0, thin: 0 }));
      tally[presence]++;
    }
  }

  /** Fields first (as listed), then attributes from the least to the most often missing. */
  report(): FieldCoverage[] {
    const row = (field: string, source: 'field' | 'attribute', t: Tally): FieldCoverage => {
      const missing = this.products - t.filled - t.thin;
      return {
        field,
        source,
        filled: t.filled,
        missing,
        thin: t.thin,
        missingRef: missing > 0 ? coverageRef('missing', source, field) : null,
        thinRef: t.thin > 0 ? coverageRef('thin', source, field) : null,
      };
    };
    const attributes = [...this.attributes.entries()]
      .map(([key, t]) => row(key, 'attribute', t))
      .sort((a, b) => a.missing - b.missing || a.field.localeCompare(b.field));
    return [...COVERED_FIELDS.map((f) => row(f, 'field', this.fields.get(f) as Tally)), ...attributes];
  }
}
