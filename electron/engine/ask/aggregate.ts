import { contextProduct } from './compose.ts';
import type { Conditions } from './conditions.ts';
import { attributeRowids, conditionSql, describeConditions, isStatus } from './conditions.ts';
import type { ProductField } from './context.ts';
import type { AskEnv, Draft } from './draft.ts';
import { capitalize, countedList, formatCount, formatMoney, plural } from './format.ts';
import { answerGroupBy } from './group.ts';
import { answerPresence } from './missing.ts';
import { noMatch } from './no-match.ts';
import type { AggregateOp } from './route.ts';
import { countOfSet, firstRows, rowsOfSet } from './rows.ts';
import { resolveTerms } from './terms.ts';
import { countVariants, optionValues } from './variant-counts.ts';

const DISTINCT_SHOWN = 20;

/** Answers counts, sums, averages, extremes and constrained lists exactly, in SQL. */
export async function answerAggregate(env: AskEnv, op: AggregateOp, asked: Conditions): Promise<Draft> {
  // "How many categories are there": the noun names what is counted, not a word products must contain.
  if (op.kind === 'distinct') return distinct(env, op.of, { ...asked, terms: [] });
  const resolved = resolveTerms(env.db, asked.terms);
  if (resolved.unknown.length) return noMatch(env, resolved.unknown.join(' '));
  const conditions = { ...asked, terms: resolved.terms };
  const notes = resolved.corrections.map((c) => `(Read “${c.from}” as “${c.to}”.)`);
  if (op.kind === 'variants') return withNotes(countVariants(env, conditions), notes);
  if (op.kind === 'option-values') return optionValues(env, op.name, op.unknownValue, conditions);
  if (op.kind === 'presence') return withNotes(answerPresence(env, op, conditions), notes);
  if (op.kind === 'group') return withNotes(answerGroupBy(env, op.field, conditions), notes);

  const where = conditionSql(conditions);
  const scope = describeConditions(conditions, env.currency);
  const set = scope.length ? `products ${scope.join(', ')}` : 'products in the catalog';
  // Counted and listed off the attribute index when only attributes are asked ("black products").
  const byAttributes = op.kind === 'count' || op.kind === 'list' ? attributeRowids(conditions) : null;
  const stats = byAttributes
    ? ({ n: countOfSet(env.db, byAttributes) } as Stats)
    : (env.db
        .prepare(
          `SELECT ${statsColumns(
            op,
            conditions.comparisons.some((c) => c.field === 'stock'),
          )} FROM products p WHERE ${where.where}`,
        )
        .get(...where.params) as Stats);
  const money = (n: number) => formatMoney(n, env.currency);
  let facts: string[];
  // In the file's order (rows.ts firstRows).
  let order = '{file}';
  let fields: ProductField[] = ['price', 'stock'];
  let extreme: { column: 'price' | 'stock'; value: number | null } | null = null;

  switch (op.kind) {
    case 'count':
    case 'list':
      facts = [countSentence(stats.n, scope)];
      // Units of whole products: with an option asked for, they are not the units of that option.
      if (
        stats.n > 0 &&
        stats.units !== null &&
        !conditions.options.length &&
        conditions.comparisons.some((c) => c.field === 'stock')
      ) {
        facts.push(
          stats.counted < stats.n
            ? `The ${formatCount(stats.counted)} of them that track quantities have ${plural(stats.units, 'unit')} in stock.`
            : `Together they have ${plural(stats.units, 'unit')} in stock.`,
        );
      }
      if (conditions.comparisons.some((c) => c.field === 'stock')) order = 'p.stock, {file}';
      else if (conditions.comparisons.some((c) => c.field === 'price')) order = 'p.price, {file}';
      break;
    case 'sum':
      facts =
        op.of === 'stock'
          ? [
              `Total stock of ${set}: ${plural(stats.units ?? 0, 'unit')} across ${plural(stats.n, 'product')}.`,
            ]
          : [
              `Stock value of ${set} (price × units in stock): ${money(stats.value ?? 0)} across ${plural(stats.n, 'product')}.`,
            ];
      break;
    case 'avg':
      facts =
        op.of === 'price'
          ? [
              stats.priced
                ? `The average price of ${plural(stats.priced, 'product')} ${scopeOr(scope)} is ${money(stats.avgPrice ?? 0)}.`
                : `No ${set} has a price.`,
            ]
          : [
              stats.n
                ? `The average stock of ${plural(stats.n, 'product')} ${scopeOr(scope)} is ${round(stats.avgStock ?? 0)} units.`
                : `No ${set}.`,
            ];
      fields = [op.of];
      break;
    case 'min':
    case 'max':
    case 'range': {
      const column = op.of;
      const lo = column === 'price' ? stats.minPrice : stats.minStock;
      const hi = column === 'price' ? stats.maxPrice : stats.maxStock;
      const show = (n: number | null) =>
        n === null ? 'unknown' : column === 'price' ? money(n) : `${formatCount(n)} units`;
      const label = column === 'price' ? 'price' : 'stock';
      facts =
        lo === null
          ? [`No ${set} has a ${label}.`]
          : op.kind === 'range'
            ? [`Prices of ${set} range from ${show(lo)} to ${show(hi)} (${plural(stats.n, 'product')}).`]
            : [
                `The ${op.kind === 'min' ? 'lowest' : 'highest'} ${label} of ${set} is ${show(op.kind === 'min' ? lo : hi)}.`,
              ];
      fields = [column];
      if (op.kind !== 'range') extreme = { column, value: op.kind === 'min' ? lo : hi };
      else order = `p.${column}, {file}`;
      break;
    }
  }

  const listWhere = extreme ? `${where.where} AND p.${extreme.column} = ?` : where.where;
  const listParams = extreme ? [...where.params, extreme.value ?? 0] : where.params;
  const qualifying = extreme
    ? (
        env.db.prepare(`SELECT count(*) AS n FROM products p WHERE ${listWhere}`).get(...listParams) as {
          n: number;
        }
      ).n
    : stats.n;
  const rows = byAttributes
    ? rowsOfSet(env.db, byAttributes, env.budget.maxProducts)
    : firstRows(env.db, { where: listWhere, params: listParams }, order, env.budget.maxProducts);
  return {
    route: 'aggregate',
    facts: [...facts, ...notes],
    products: rows.map((r) => contextProduct(r, fields, env.currency)),
    qualifying,
    listProducts: true,
  };
}

function withNotes(draft: Draft, notes: string[]): Draft {
  return { ...draft, facts: [...draft.facts, ...notes] };
}

/**
 * Only the figures the answer states: a count over a large category is then read off the category
 * index alone (its entries hold stock state, price and stock), never from the product rows.
 */
function statsColumns(
  op: Extract<AggregateOp, { kind: 'count' | 'list' | 'sum' | 'avg' | 'min' | 'max' | 'range' }>,
  stockLevels: boolean,
): string {
  const columns = ['count(*) AS n'];
  if (op.kind === 'sum' || stockLevels) columns.push('count(p.stock) AS counted', 'sum(p.stock) AS units');
  if (op.kind === 'sum') columns.push('sum(p.price * p.stock) AS value');
  if (op.kind === 'avg')
    columns.push(
      op.of === 'price' ? 'count(p.price) AS priced, avg(p.price) AS avgPrice' : 'avg(p.stock) AS avgStock',
    );
  if (op.kind === 'min' || op.kind === 'max' || op.kind === 'range')
    columns.push(`min(p.${op.of}) AS min${cap(op.of)}`, `max(p.${op.of}) AS max${cap(op.of)}`);
  return columns.join(', ');
}

const cap = (s: 'price' | 'stock') => (s === 'price' ? 'Price' : 'Stock');

interface Stats {
  n: number;
  priced: number;
  /** Products whose stock is a number of units (not only a state). */
  counted: number;
  units: number | null;
  value: number | null;
  avgPrice: number | null;
  avgStock: number | null;
  minPrice: number | null;
  maxPrice: number | null;
  minStock: number | null;
  maxStock: number | null;
}

function distinct(env: AskEnv, of: 'category' | 'brand' | 'season', conditions: Conditions): Draft {
  const where = conditionSql(conditions);
  const rows = env.db
    .prepare(
      `SELECT p.${of} AS v, count(*) AS n FROM products p WHERE p.${of} IS NOT NULL AND p.${of} <> '' AND ${where.where}
       GROUP BY p.${of} COLLATE NOCASE ORDER BY n DESC, v`,
    )
    .all(...where.params) as { v: string; n: number }[];
  const noun =
    of === 'category'
      ? ['category', 'categories']
      : of === 'brand'
        ? ['brand', 'brands']
        : ['season value', 'season values'];
  return {
    route: 'aggregate',
    facts: [
      `${capitalize(plural(rows.length, noun[0], noun[1]))}${rows.length ? `: ${countedList(rows, rows.length, DISTINCT_SHOWN)}` : ''}.`,
    ],
    products: [],
    qualifying: 0,
    listProducts: false,
  };
}

/** "12 products in Bags are in stock.", "No products in Bags are on sale and out of stock." */
function countSentence(n: number, scope: string[]): string {
  const status = scope.filter(isStatus);
  const rest = scope.filter((s) => !isStatus(s));
  const subject = n === 0 ? 'No products' : capitalize(plural(n, 'product'));
  const where = rest.length ? ` ${rest.join(', ')}` : status.length ? '' : ' in the catalog';
  return `${subject}${where}${status.length ? ` ${n === 1 ? 'is' : 'are'} ${status.join(' and ')}` : ''}.`;
}

function scopeOr(scope: string[]): string {
  return scope.length ? scope.join(', ') : 'in the catalog';
}

function round(n: number): string {
  return (Math.round(n * 100) / 100).toString();
}
