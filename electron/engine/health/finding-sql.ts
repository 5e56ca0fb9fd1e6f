import type { SqlCondition } from '../search/filter-sql.ts';
import { NUMERIC_FIELDS } from './coverage.ts';
import { presenceSql } from './placeholders.ts';

/** Product fields a coverage finding may name, and their columns. */
const FIELD_COLUMNS: Record<string, string> = {
  name: 'p.name',
  description: 'p.description',
  category: 'p.category',
  brand: 'p.brand',
  price: 'p.price',
};

const COVERAGE_REF = /^(missing|thin):(field|attribute):(.+)$/s;

/** The state of the catalog a report describes; the report store keeps it next to the report. */
export const GENERATION_SQL =
  "coalesce((SELECT value FROM meta WHERE key = 'import_gen'), '0') || ':' || coalesce((SELECT value FROM meta WHERE key = 'embed_seq'), '0')";

function jsonPath(key: string): string {
  return `$."${key.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/**
 * The stored finding and group a ref names ("duplicates#3" → duplicates, 3), or null for a coverage
 * ref, whose products are a rule over the catalog rather than stored members.
 */
export function memberFinding(ref: string | undefined): { finding: string; grp: number | null } | null {
  if (ref === undefined || COVERAGE_REF.test(ref)) return null;
  const hash = ref.lastIndexOf('#');
  const grp = hash > 0 && /^\d+$/.test(ref.slice(hash + 1)) ? Number(ref.slice(hash + 1)) : null;
  return { finding: grp === null ? ref : ref.slice(0, hash), grp };
}

/**
 * The products of a health finding as SQL over `products p`. Coverage findings are conditions on the
 * products themselves (they hold for the catalog as it is now); every other finding selects the
 * members the last report stored, and nothing once the catalog has changed since that report, whose
 * rowids may have been given to other products.
 */
export function findingSql(ref: string): SqlCondition {
  const coverage = COVERAGE_REF.exec(ref);
  if (coverage) {
    const [, presence, source, name] = coverage as unknown as [string, 'missing' | 'thin', string, string];
    if (source === 'attribute') {
      return { where: presenceSql('json_extract(p.attributes, ?)', presence), params: [jsonPath(name)] };
    }
    if (name === 'stock')
      return {
        where: presence === 'missing' ? '(p.stock IS NULL AND p.stock_state IS NULL)' : '0',
        params: [],
      };
    const column = FIELD_COLUMNS[name];
    if (!column) return { where: '0', params: [] };
    if (NUMERIC_FIELDS.has(name))
      return { where: presence === 'missing' ? `${column} IS NULL` : '0', params: [] };
    return { where: presenceSql(column, presence), params: [] };
  }
  const { finding, grp } = memberFinding(ref) as { finding: string; grp: number | null };
  const current = `(SELECT value FROM meta WHERE key = 'health_generation') = ${GENERATION_SQL}`;
  return {
    where: `(p.rowid IN (SELECT product_rowid FROM health_members WHERE finding = ?${grp === null ? '' : ' AND grp = ?'}) AND ${current})`,
    params: grp === null ? [finding] : [finding, grp],
  };
}
