import type { FieldCoverage } from '../../../shared/health.ts';
import type { Db } from '../store/database.ts';
import type { MemberSink } from './scanned-product.ts';

/** The finding of products some of whose variants lack an option the others give. */
export function optionGapRef(name: string): string {
  return `option-gap:${name}`;
}

/**
 * Variant options per option name: of the products whose variants use it, those where some variant
 * leaves it out ("Size" given for three variants of a shirt and not for the fourth).
 */
export function optionCoverage(db: Db, members: MemberSink): FieldCoverage[] {
  const tally = new Map<string, { filled: number; missing: number }>();
  let current = -1;
  let variantCount = 0;
  let named = new Map<string, number>();
  const flush = () => {
    for (const [name, n] of named) {
      let t = tally.get(name);
      if (!t) tally.set(name, (t = { filled: 0, missing: 0 }));
      if (n === variantCount) t.filled++;
      else {
        t.missing++;
        members.add(
          optionGapRef(name),
          0,
          current,
          `${variantCount - n} of ${variantCount} variants without it`,
        );
      }
    }
  };
  for (const row of db
    .prepare('SELECT product_rowid AS rowid, options FROM variants ORDER BY product_rowid, position')
    .iterate() as IterableIterator<{ rowid: number; options: string }>) {
    if (row.rowid !== current) {
      if (current >= 0) flush();
      current = row.rowid;
      variantCount = 0;
      named = new Map();
    }
    variantCount++;
    for (const [name, value] of Object.entries(JSON.parse(row.options) as Record<string, string>)) {
      if (value.trim() !== '') named.set(name, (named.get(name) ?? 0) + 1);
    }
  }
  if (current >= 0) flush();
  return [...tally.entries()]
    .sort((a, b) => b[1].missing - a[1].missing || a[0].localeCompare(b[0]))
    .map(([field, t]) => ({
      field,
      source: 'option' as const,
      filled: t.filled,
      missing: t.missing,
      thin: 0,
      missingRef: t.missing > 0 ? optionGapRef(field) : null,
      thinRef: null,
    }));
}
