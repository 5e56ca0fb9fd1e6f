import type { SqlCondition } from '../search/filter-sql.ts';
import { LIST_PART } from '../store/attribute-values.ts';
import type { Db } from '../store/database.ts';
import { contextProduct } from './compose.ts';
import type { Conditions } from './conditions.ts';
import { conditionSql, describeConditions } from './conditions.ts';
import type { ProductField } from './context.ts';
import type { AskEnv, Draft } from './draft.ts';
import type { CatalogField } from './fields.ts';
import { emptySql, fieldAt, tokens } from './fields.ts';
import { formatCount } from './format.ts';
import { firstRows } from './rows.ts';

// "How many products have no description?", "items with no colour", "products without images",
// "which products are missing a price?", "how many products have a brand?": whether a field has a value.

export interface PresenceAsk {
  field: CatalogField;
  /** True: products with a value; false: products without one. */
  present: boolean;
}

const ARTICLE = String.raw`(?:(?:an?|any|the|some)\s+)?(?:value\s+(?:for|in)\s+(?:the\s+)?)?`;
const ABSENT_BEFORE = new RegExp(
  String.raw`\b(?:without|missing|lacks?|lacking|(?:with|has|have|having)\s+(?:no|an?\s+empty|an?\s+blank|empty|blank)|no|empty|blank)\s+${ARTICLE}`,
  'g',
);
const PRESENT_BEFORE = new RegExp(
  String.raw`\b(?:have|has|having|with)\s+(?:an?|any|some)\s+${ARTICLE}`,
  'g',
);
/** After a field with a value: nothing more about it ("have a brand?", "have a brand and …"). */
const PRESENT_AFTER = /^\s*(?:set|filled(?:\s+in)?)?\s*(?:[?.!,;]|$|\band\b|\bor\b)/;
const ABSENT_AFTER =
  /\b(?:whose|where|with|the|their|its)\s+([^?.!,;]{1,40}?)\s+(?:is|are)\s+(?:missing|empty|blank|not set|unset)\b/g;

export interface PresenceReading extends PresenceAsk {
  /** The question with the phrase that asked about the field taken out. */
  rest: string;
}

/** The field a question asks has (or has no) value, read from its own wording; null when none. */
export function readPresence(db: Db, q: string): PresenceReading | null {
  const cut = (from: number, to: number) => `${q.slice(0, from)} ${q.slice(to)}`.replace(/\s+/g, ' ').trim();
  for (const m of q.matchAll(ABSENT_AFTER)) {
    const named = tokens(m[1]);
    const found = fieldAt(
      db,
      named.map((t) => t.word),
    );
    if (found && found.length === named.length)
      return { field: found.field, present: false, rest: cut(m.index, m.index + m[0].length) };
  }
  for (const [pattern, present] of [
    [ABSENT_BEFORE, false],
    [PRESENT_BEFORE, true],
  ] as const) {
    for (const m of q.matchAll(pattern)) {
      const start = m.index + m[0].length;
      const after = tokens(q.slice(start));
      const found = fieldAt(
        db,
        after.map((t) => t.word),
      );
      if (!found) continue;
      const end = start + after[found.length - 1].end;
      if (present && !PRESENT_AFTER.test(q.slice(end))) continue;
      return { field: found.field, present, rest: cut(m.index, end) };
    }
  }
  return null;
}

/** How the answer names the field: "a description", "a value for “Image Src”". */
function named(field: CatalogField, present: boolean): string {
  if (field.kind === 'attribute') return `${present ? 'a' : 'no'} value for “${field.label}”`;
  return `${present ? (/^[aeiou]/.test(field.label) ? 'an' : 'a') : 'no'} ${field.label}`;
}

/** How many products in `where` there are, and how many of them have (or lack) a value for the field. */
export function presenceCounts(
  db: Db,
  ask: PresenceAsk,
  where: SqlCondition,
): { test: string; params: string[]; stats: { total: number; n: number } } {
  const empty = emptySql(ask.field);
  const test = ask.present ? `NOT (${empty.sql})` : empty.sql;
  const count = (sql: string, params: unknown[]) =>
    db
      .prepare(sql)
      .pluck()
      .get(...params) as number;
  const total = count(`SELECT count(*) FROM products p WHERE ${where.where}`, where.params);
  // Over the whole catalog an attribute's values are counted off its own rows, not product by product.
  const absent =
    where.where === '1' && ask.field.kind === 'attribute'
      ? total - productsWithAttribute(db, ask.field.key)
      : count(`SELECT count(*) FROM products p WHERE ${where.where} AND ${empty.sql}`, [
          ...where.params,
          ...empty.params,
        ]);
  return { test, params: empty.params, stats: { total, n: ask.present ? total - absent : absent } };
}

/** Products with a value for the attribute, or an option of its name. */
function productsWithAttribute(db: Db, key: string): number {
  const withValue = db
    .prepare(`SELECT count(*) FROM product_attributes WHERE name = ? AND kind < ${LIST_PART}`)
    .pluck()
    .get(key) as number;
  const optionsOnly = db
    .prepare(
      `SELECT count(*) FROM (SELECT DISTINCT product_rowid AS r FROM product_options WHERE name = ? COLLATE NOCASE) o
       WHERE NOT EXISTS (SELECT 1 FROM product_attributes a WHERE a.product_rowid = o.r AND a.name = ? AND a.kind < ${LIST_PART})`,
    )
    .pluck()
    .get(key, key) as number;
  return withValue + optionsOnly;
}

const SHOWN_FIELDS: ProductField[] = ['price', 'stock', 'category', 'brand', 'season'];

/** Counts the products with (or without) a value for the field, in SQL, and cites the first few. */
export function answerPresence(env: AskEnv, ask: PresenceAsk, conditions: Conditions): Draft {
  const where = conditionSql(conditions);
  const { test, params, stats } = presenceCounts(env.db, ask, where);
  const rows = firstRows(
    env.db,
    { where: `${where.where} AND ${test}`, params: [...where.params, ...params] },
    // Over the whole catalog the test has no index: walk the rows in order until enough are found.
    where.where === '1' ? 'p.rowid' : '{file}',
    env.budget.maxProducts,
  );
  const scope = describeConditions(conditions, env.currency);
  const of = scope.length ? `products ${scope.join(', ')}` : 'products in the catalog';
  const has = (n: number) => (n === 1 ? 'has' : 'have');
  const total = formatCount(stats.total);
  const lead =
    stats.total === 0
      ? `No ${of}.`
      : stats.n === 0
        ? ask.present
          ? `None of the ${total} ${of} has ${named(ask.field, true)}.`
          : `${stats.total === 1 ? 'The only product' : `All ${total}`} ${stats.total === 1 ? of.replace(/^products /, '') : of} ${has(stats.total)} ${named(ask.field, true)}.`
        : `${formatCount(stats.n)} of the ${total} ${of} ${has(stats.n)} ${named(ask.field, ask.present)}.`;
  const shown = ask.field.kind === 'column' ? ask.field.column : null;
  return {
    route: 'aggregate',
    facts: [
      lead,
      `(Counted: ${ask.field.label} ${ask.present ? 'has a value' : 'is empty or missing'}${scope.length ? `, ${scope.join(', ')}` : ''}.)`,
    ],
    products: rows.map((r) =>
      contextProduct(
        r,
        SHOWN_FIELDS.filter((f) => f === 'price' || f === 'stock' || (ask.present && f === shown)),
        env.currency,
      ),
    ),
    qualifying: stats.n,
    listProducts: true,
  };
}
