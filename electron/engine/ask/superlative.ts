import type { ProductRow } from '../store/products.ts';
import { PRODUCT_COLUMNS } from '../store/products.ts';
import { contextProduct, fieldText } from './compose.ts';
import { plural } from './format.ts';
import type { Conditions } from './conditions.ts';
import { conditionSql, describeConditions, toFilters } from './conditions.ts';
import type { AskEnv, Draft } from './draft.ts';
import { noMatch } from './no-match.ts';
import type { Order } from './route.ts';
import { rowsByIds } from './rows.ts';
import { resolveTerms } from './terms.ts';

/** How many of the closest products a semantic constraint ("cheapest *warm* jacket") ranks among. */
export const SEMANTIC_POOL = 10;
/** Of those, only the ones scoring at least this share of the best are close enough to count. */
export const POOL_SCORE_SHARE = 0.5;

const WORDING: Record<string, string> = {
  'price-asc': 'cheapest',
  'price-desc': 'most expensive',
  'stock-asc': 'lowest in stock',
  'stock-desc': 'best stocked',
  'added-desc': 'most recently added to the catalog',
};

/**
 * Cheapest, most expensive, most or least stock, newest — over the products that fit the question's
 * conditions and, when it has other words, over those whose name contains them or else the products
 * closest to them in meaning.
 */
export async function answerSuperlative(
  env: AskEnv,
  order: Order,
  count: number,
  conditions: Conditions,
  text: string,
): Promise<Draft> {
  const column = order.by === 'added' ? 'p.rowid' : `p.${order.by}`;
  const direction = order.descending ? 'DESC' : 'ASC';
  let scope = describeConditions(conditions, env.currency);
  let pool: string[] | null = null;
  let where = conditionSql(conditions);

  if (text) {
    const resolved = resolveTerms(env.db, text.split(' '));
    const named = { ...conditions, terms: resolved.terms };
    const namedWhere = conditionSql(named);
    const anyNamed =
      !resolved.unknown.length &&
      env.db.prepare(`SELECT 1 FROM products p WHERE ${namedWhere.where} LIMIT 1`).get(...namedWhere.params);
    if (anyNamed) {
      where = namedWhere;
      scope = describeConditions(named, env.currency);
    } else {
      const filters = toFilters(conditions);
      const result = await env.catalog.search({ query: text, mode: 'hybrid', limit: SEMANTIC_POOL, filters });
      const best = result.hits[0]?.score ?? 0;
      const close = result.hits.filter((h) => h.score >= POOL_SCORE_SHARE * best);
      pool = rowsByIds(
        env.db,
        close.map((h) => h.id),
        where,
      ).map((r) => r.id);
      if (!pool.length) return noMatch(env, text);
      scope = [
        pool.length === 1 ? `closest to “${text}”` : `among the ${pool.length} products closest to “${text}”`,
        ...scope,
      ];
    }
  }
  const poolWhere = pool ? ' AND p.id IN (SELECT value FROM json_each(?))' : '';
  const params = pool ? [...where.params, JSON.stringify(pool)] : where.params;
  const scoped = `FROM products p WHERE ${where.where}${poolWhere} AND ${column} IS NOT NULL`;
  // The last value shown first, off the index that holds it (a category's holds prices); then only the
  // products up to it are read to order ties by name: not every product of a large category.
  const bound = env.db
    .prepare(`SELECT ${column} ${scoped} ORDER BY ${column} ${direction} LIMIT 1 OFFSET ?`)
    .pluck()
    .get(...params, count - 1) as number | undefined;
  const upTo = bound === undefined ? '' : ` AND ${column} ${order.descending ? '>=' : '<='} ?`;
  const rows = env.db
    .prepare(`SELECT ${PRODUCT_COLUMNS} ${scoped}${upTo} ORDER BY ${column} ${direction}, p.name LIMIT ?`)
    .all(...params, ...(bound === undefined ? [] : [bound]), count) as ProductRow[];
  if (!rows.length)
    return noMatch(env, text || scope.join(', '), { lead: [`No products ${scope.join(', ')}.`] });

  // Ties with the last product asked for are counted, not listed: in a large catalog "the cheapest"
  // may be hundreds of products, and the answer's size must not grow with the catalog.
  const chosen = rows.slice(0, count);
  const last = chosen[chosen.length - 1];
  const facts = [
    `${chosen.length === 1 ? 'The' : `The ${chosen.length}`} ${WORDING[`${order.by}-${order.descending ? 'desc' : 'asc'}`]}${scope.length ? ` (${scope.join(', ')})` : ''}:`,
  ];
  const by = order.by;
  if (by !== 'added') {
    const tied = env.db
      .prepare(`SELECT count(*) AS n FROM products p WHERE ${where.where}${poolWhere} AND ${column} = ?`)
      .get(...params, last[by]) as { n: number };
    const others = tied.n - chosen.filter((r) => r[by] === last[by]).length;
    if (others > 0) {
      const shown =
        by === 'price' ? `price (${fieldText(last, 'price', env.currency)})` : `stock (${last.stock})`;
      facts.push(`${plural(others, 'more product')} ${others === 1 ? 'has' : 'have'} the same ${shown}.`);
    }
  }
  const fields = order.by === 'stock' ? (['stock', 'price'] as const) : (['price', 'stock'] as const);
  return {
    route: 'superlative',
    facts,
    products: chosen.map((r) => contextProduct(r, [...fields, 'category'], env.currency)),
    qualifying: chosen.length,
    listProducts: true,
  };
}
