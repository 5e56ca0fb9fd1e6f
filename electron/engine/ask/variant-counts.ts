import { findProductRows } from '../store/products.ts';
import { contextProduct } from './compose.ts';
import type { Conditions } from './conditions.ts';
import {
  askedStates,
  conditionSql,
  describeConditions,
  noConditions,
  variantConditionSql,
} from './conditions.ts';
import type { AskEnv, Draft } from './draft.ts';
import { capitalize, countedList, formatCount, plural } from './format.ts';
import { asTyped } from './words.ts';

// Catalog-wide questions whose answer counts variant rows or option values, not products. Every number
// is one SQL aggregate; what is written is bounded (the most common values, the budget's products).

const VALUES_SHOWN = 20;

/** The conditions a product must meet, leaving out those its variants meet one by one. */
function productPart(c: Conditions): Conditions {
  return { ...c, comparisons: [], options: [], stockStates: [], onSale: false };
}

/** The conditions each variant meets by itself. */
function variantPart(c: Conditions): Partial<Conditions> {
  return { comparisons: c.comparisons, options: c.options, stockStates: c.stockStates, onSale: c.onSale };
}

function hasVariantPart(c: Conditions): boolean {
  return c.options.length > 0 || c.comparisons.length > 0 || askedStates(c).length > 0 || c.onSale;
}

/** "How many variants are there?", "How many variants are out of stock?" */
export function countVariants(env: AskEnv, conditions: Conditions): Draft {
  const products = conditionSql(productPart(conditions));
  const variants = variantConditionSql(conditions);
  // The products are read only when the question puts a condition on them.
  const from = `variants v${products.where === '1' ? '' : ' JOIN products p ON p.rowid = v.product_rowid'}`;
  const where = `${products.where} AND ${variants.where}`;
  const params = [...products.params, ...variants.params];
  const total = env.db
    .prepare(`SELECT count(*) AS n, count(DISTINCT v.product_rowid) AS products FROM ${from} WHERE ${where}`)
    .get(...params) as { n: number; products: number };
  const productScope = describeConditions(productPart(conditions), env.currency);
  const across = `across ${plural(total.products, 'product')}${productScope.length ? ` ${productScope.join(', ')}` : ''}`;
  const facts: string[] = [];
  if (hasVariantPart(conditions)) {
    const scope = describeConditions({ ...noConditions(), ...variantPart(conditions) }, env.currency);
    facts.push(
      `${total.n === 0 ? 'No variants' : capitalize(plural(total.n, 'variant'))} ${total.n === 1 ? 'is' : 'are'} ${scope.join(', ')}${total.n ? `, ${across}` : ''}.`,
    );
  } else {
    const all = (
      env.db
        .prepare(`SELECT count(*) AS n FROM products p WHERE ${products.where}`)
        .get(...products.params) as {
        n: number;
      }
    ).n;
    const single = all - total.products;
    facts.push(
      `${total.n === 0 ? 'No variants' : capitalize(plural(total.n, 'variant'))} in all, ${across}.`,
      ...(single
        ? [
            `${capitalize(plural(single, 'more product'))} ${single === 1 ? 'has' : 'have'} no variants (sold as one item).`,
          ]
        : []),
    );
  }
  // The products with the most such variants, so the answer cites where they are.
  const top = env.db
    .prepare(
      `SELECT v.product_rowid AS r, count(*) AS k FROM ${from} WHERE ${where}
       GROUP BY v.product_rowid ORDER BY k DESC, v.product_rowid LIMIT ?`,
    )
    .all(...params, env.budget.maxProducts) as { r: number; k: number }[];
  const rows = findProductRows(
    env.db,
    top.map((t) => t.r),
  );
  return {
    route: 'aggregate',
    facts,
    products: top.flatMap((t) => {
      const row = rows.get(t.r);
      return row ? [contextProduct(row, ['variants', 'price', 'stock'], env.currency)] : [];
    }),
    qualifying: total.products,
    listProducts: true,
  };
}

/**
 * "Which sizes are there?", "What colours are in stock?", "products in size 32": the values of one
 * option with how many products offer each (with a stock state, a variant in that state).
 */
export function optionValues(
  env: AskEnv,
  name: string,
  unknownValue: string | null,
  conditions: Conditions,
): Draft {
  const products = conditionSql(productPart(conditions));
  const variants = variantConditionSql(conditions);
  // Without a condition on variants the option index answers; with one, the variants themselves. The
  // products are read only when the question puts a condition on them.
  const join = (key: string) => (products.where === '1' ? '' : ` JOIN products p ON p.rowid = ${key}`);
  const source = hasVariantPart(conditions)
    ? {
        from: `variants v${join('v.product_rowid')}, json_each(v.options) o`,
        where: `o.key = ? COLLATE NOCASE AND ${products.where} AND ${variants.where}`,
        params: [name, ...products.params, ...variants.params],
        count: 'count(DISTINCT v.product_rowid)',
      }
    : {
        from: `product_options o${join('o.product_rowid')}`,
        where: `o.name = ? COLLATE NOCASE AND ${products.where}`,
        params: [name, ...products.params],
        count: 'count(*)',
      };
  const rows = env.db
    .prepare(
      `SELECT o.value AS v, ${source.count} AS n, count(*) OVER () AS total FROM ${source.from}
       WHERE ${source.where} GROUP BY o.value COLLATE NOCASE ORDER BY n DESC, v LIMIT ?`,
    )
    .all(...source.params, VALUES_SHOWN) as { v: string; n: number; total: number }[];
  const distinct = rows[0]?.total ?? 0;
  const scope = describeConditions(conditions, env.currency);
  const facts: string[] = [];
  if (unknownValue !== null) {
    facts.push(
      `No product${scope.length ? ` ${scope.join(', ')}` : ''} is offered in ${name} “${asTyped(env.question, unknownValue)}”.`,
    );
  }
  facts.push(
    rows.length
      ? `${name} values${scope.length ? ` (${scope.join(', ')})` : ''}, with the number of products offering each: ${countedList(rows, distinct, VALUES_SHOWN)}.`
      : `No product${scope.length ? ` ${scope.join(', ')}` : ''} has a ${name} option.`,
  );
  if (distinct > 0) facts.push(`${formatCount(distinct)} ${name} values in all.`);
  return { route: 'aggregate', facts, products: [], qualifying: 0, listProducts: false };
}
