import type { Filters } from '../../../shared/types.ts';
import { quote } from '../search/analyze.ts';
import type { SqlCondition } from '../search/filter-sql.ts';
import type { Comparison } from './constraints.ts';
import { formatMoney } from './format.ts';

/** Everything a question constrains, in terms of the catalog's own values. */
export interface Conditions {
  categories: string[];
  brands: string[];
  /** Seasons asked for, and the catalog's season strings that fit them. */
  seasons: string[];
  seasonStrings: string[];
  attributes: { key: string; values: string[] }[];
  comparisons: Comparison[];
  /** Words the product's name (or category, brand, attributes) must contain. */
  terms: string[];
}

export function noConditions(): Conditions {
  return {
    categories: [],
    brands: [],
    seasons: [],
    seasonStrings: [],
    attributes: [],
    comparisons: [],
    terms: [],
  };
}

const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(', ');

function jsonPath(key: string): string {
  return `$."${key.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** The conditions as SQL over `products p`, every value bound. */
export function conditionSql(c: Conditions): SqlCondition {
  const where: string[] = [];
  const params: (string | number)[] = [];
  for (const [column, values] of [
    ['category', c.categories],
    ['brand', c.brands],
  ] as const) {
    if (!values.length) continue;
    where.push(`p.${column} COLLATE NOCASE IN (${placeholders(values.length)})`);
    params.push(...values);
  }
  if (c.seasonStrings.length) {
    where.push(`p.season IN (${placeholders(c.seasonStrings.length)})`);
    params.push(...c.seasonStrings);
  }
  for (const a of c.attributes) {
    where.push(`lower(CAST(json_extract(p.attributes, ?) AS TEXT)) IN (${placeholders(a.values.length)})`);
    params.push(jsonPath(a.key), ...a.values.map((v) => v.toLowerCase()));
  }
  for (const cmp of c.comparisons) {
    where.push(`p.${cmp.field} ${cmp.op} ?`);
    params.push(cmp.value);
  }
  if (c.terms.length) {
    where.push('p.rowid IN (SELECT rowid FROM products_fts WHERE products_fts MATCH ?)');
    params.push(termsMatch(c.terms));
  }
  return { where: where.length ? where.join(' AND ') : '1', params };
}

/** An FTS query: every term in the name, brand, category or attributes (not the description). */
export function termsMatch(terms: string[]): string {
  return `{name brand category attrs} : (${terms.map(quote).join(' AND ')})`;
}

/** The closest the search filters can express: search has no strict bounds, no stock thresholds. */
export function toFilters(c: Conditions): Filters {
  const f: Filters = {};
  if (c.categories.length) f.categories = c.categories;
  if (c.brands.length) f.brands = c.brands;
  for (const cmp of c.comparisons) {
    if (cmp.field === 'price' && cmp.op.startsWith('<')) f.priceMax = cmp.value;
    if (cmp.field === 'price' && cmp.op.startsWith('>')) f.priceMin = cmp.value;
    if (cmp.field === 'stock' && cmp.op === '>' && cmp.value === 0) f.inStock = true;
  }
  const single = c.attributes.filter((a) => a.values.length === 1);
  if (single.length) f.attributes = Object.fromEntries(single.map((a) => [a.key, a.values[0]]));
  return f;
}

const OP_WORDS: Record<Comparison['op'], string> = {
  '<': 'under',
  '<=': 'at most',
  '>': 'over',
  '>=': 'at least',
  '=': 'exactly',
};

/** The conditions in words, so the manager can see exactly what was counted. */
export function describeConditions(c: Conditions, currency: string | null): string[] {
  const parts: string[] = [];
  if (c.categories.length) parts.push(`in ${orList(c.categories)}`);
  if (c.brands.length) parts.push(`by ${orList(c.brands)}`);
  if (c.seasons.length) {
    const allYear = c.seasonStrings.some(
      (s) => !c.seasons.some((x) => s.toLowerCase().includes(x.toLowerCase())),
    );
    parts.push(`for ${orList(c.seasons)}${allYear ? ' (all-season products included)' : ''}`);
  }
  for (const a of c.attributes) parts.push(`with ${a.key} ${orList(a.values)}`);
  for (const cmp of c.comparisons) {
    if (cmp.field === 'stock') {
      if (cmp.op === '<=' && cmp.value === 0) parts.push('out of stock');
      else if (cmp.op === '>' && cmp.value === 0) parts.push('in stock');
      else parts.push(`with ${OP_WORDS[cmp.op]} ${cmp.value} in stock`);
    } else {
      parts.push(`priced ${OP_WORDS[cmp.op]} ${formatMoney(cmp.value, currency)}`);
    }
  }
  if (c.terms.length) parts.push(`whose name mentions ${c.terms.map((t) => `“${t}”`).join(' and ')}`);
  return parts;
}

export function orList(values: string[]): string {
  return values.length <= 1
    ? (values[0] ?? '')
    : `${values.slice(0, -1).join(', ')} or ${values[values.length - 1]}`;
}
