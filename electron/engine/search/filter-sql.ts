import type { Filters } from '../../../shared/types.ts';
import { findingSql } from '../health/finding-sql.ts';

export interface SqlCondition {
  /** A boolean SQL expression over the products table aliased `p` ('1' when there is no filter). */
  where: string;
  params: (string | number)[];
}

function jsonPath(key: string): string {
  return `$."${key.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

export function hasFilters(f: Filters): boolean {
  return (
    f.priceMin !== undefined ||
    f.priceMax !== undefined ||
    (f.categories?.length ?? 0) > 0 ||
    (f.brands?.length ?? 0) > 0 ||
    f.inStock !== undefined ||
    f.onSale !== undefined ||
    Object.keys(f.attributes ?? {}).length > 0 ||
    Object.keys(f.options ?? {}).length > 0 ||
    f.health !== undefined
  );
}

/** Filters as SQL over `products p`; values are always bound, never spliced into the text. */
export function filterSql(f: Filters): SqlCondition {
  const where: string[] = [];
  const params: (string | number)[] = [];
  if (f.priceMin !== undefined) {
    where.push('p.price >= ?');
    params.push(f.priceMin);
  }
  if (f.priceMax !== undefined) {
    where.push('p.price <= ?');
    params.push(f.priceMax);
  }
  if (f.categories?.length) {
    // A category is a path: filtering on "Men > Tops" keeps "Men > Tops > Jackets" too. A range over
    // the "Men > Tops > " prefix (space + 1 is "!") uses the category index, which LIKE would not.
    const one =
      'p.category COLLATE NOCASE = ? OR (p.category COLLATE NOCASE >= ? AND p.category COLLATE NOCASE < ?)';
    where.push(`(${f.categories.map(() => one).join(' OR ')})`);
    for (const c of f.categories) params.push(c, `${c} > `, `${c} >!`);
  }
  if (f.brands?.length) {
    where.push(`p.brand COLLATE NOCASE IN (${f.brands.map(() => '?').join(', ')})`);
    params.push(...f.brands);
  }
  if (f.inStock === true) where.push("p.stock_state = 'in stock'");
  if (f.inStock === false) where.push("p.stock_state = 'out of stock'");
  if (f.onSale === true) where.push('p.compare_at_price > p.price');
  if (f.onSale === false) where.push('(p.compare_at_price IS NULL OR p.compare_at_price <= p.price)');
  for (const [name, value] of Object.entries(f.options ?? {})) {
    where.push(
      'EXISTS (SELECT 1 FROM product_options o WHERE o.product_rowid = p.rowid AND o.name = ? COLLATE NOCASE AND o.value = ? COLLATE NOCASE)',
    );
    params.push(name, value);
  }
  for (const [key, value] of Object.entries(f.attributes ?? {})) {
    if (key.toLowerCase() === 'season') {
      where.push("(',' || lower(replace(p.season, ' ', '')) || ',') LIKE ?");
      params.push(`%,${value.toLowerCase().replace(/\s+/g, '')},%`);
      continue;
    }
    where.push('lower(CAST(json_extract(p.attributes, ?) AS TEXT)) = lower(?)');
    params.push(jsonPath(key), value);
  }
  if (f.health !== undefined) {
    const finding = findingSql(f.health);
    where.push(finding.where);
    params.push(...finding.params);
  }
  return { where: where.length ? where.join(' AND ') : '1', params };
}

export function describeFilters(f: Filters, currency: string | null): string {
  const money = (n: number) => (currency ? `${n} ${currency}` : String(n));
  const parts: string[] = [];
  if (f.priceMin !== undefined && f.priceMax !== undefined)
    parts.push(`price ${money(f.priceMin)}–${money(f.priceMax)}`);
  else if (f.priceMin !== undefined) parts.push(`price ≥ ${money(f.priceMin)}`);
  else if (f.priceMax !== undefined) parts.push(`price ≤ ${money(f.priceMax)}`);
  if (f.categories?.length) parts.push(`category ${f.categories.join(' or ')}`);
  if (f.brands?.length) parts.push(`brand ${f.brands.join(' or ')}`);
  if (f.inStock === true) parts.push('in stock');
  if (f.inStock === false) parts.push('out of stock');
  if (f.onSale === true) parts.push('on sale');
  if (f.onSale === false) parts.push('not on sale');
  for (const [k, v] of Object.entries({ ...f.attributes, ...f.options })) parts.push(`${k} = ${v}`);
  if (f.health !== undefined)
    parts.push(`health finding ${f.health} (run Health again if the catalog changed)`);
  return parts.join(', ');
}
