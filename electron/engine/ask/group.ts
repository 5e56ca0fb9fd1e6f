import type { SqlCondition } from '../search/filter-sql.ts';
import { normValue, splitList, WHOLE_LIST } from '../store/attribute-values.ts';
import type { Db } from '../store/database.ts';
import type { Conditions } from './conditions.ts';
import { conditionSql, describeConditions } from './conditions.ts';
import type { AskEnv, Draft } from './draft.ts';
import type { CatalogField } from './fields.ts';
import { fieldAt, tokens } from './fields.ts';
import { countedList, formatCount, plural } from './format.ts';
import { presenceCounts } from './missing.ts';

// "Which colour is most common?", "How many products per season?", "Which gender has the most
// products?": the products counted by the values of one field, largest first.

/** Where a question names the field it groups by: after "per", "by", "each"; before "is most common". */
const BEFORE = /\b(?:per|for each|by|each|most (?:common|popular|frequent|used))\s+(?:(?:the|a|an)\s+)?/g;
const WHICH = /\b(?:which|what)\s+/g;
const MOST_AFTER =
  /^\s*(?:value\s+)?(?:is|are|has|have|appears?|occurs?)\s+(?:the\s+)?(?:most (?:common|popular|frequent|used)|commonest|most)\b/;
/** "By" groups only in a question that counts or breaks down ("products by Acme" names a brand). */
const COUNTS = /\b(?:how many|number of|count|counts|breakdown|break down|split|distribution|per)\b/;
const SHOWN = 10;
/** Distinct stored values read at most: lists ("Blue, Red") are split after grouping them in SQL. */
const MAX_STORED_VALUES = 5_000;

export interface GroupReading {
  field: CatalogField;
  rest: string;
}

function groupable(field: CatalogField): boolean {
  return field.kind === 'attribute' || ['category', 'brand', 'season'].includes(field.column);
}

/** The field a question groups the products by, read from its wording; null when it groups by none. */
export function readGroupBy(db: Db, q: string): GroupReading | null {
  const cut = (from: number, to: number) => `${q.slice(0, from)} ${q.slice(to)}`.replace(/\s+/g, ' ').trim();
  for (const [pattern, after] of [
    [WHICH, MOST_AFTER],
    [BEFORE, null],
  ] as const) {
    for (const m of q.matchAll(pattern)) {
      if (!after && m[0].startsWith('by') && !COUNTS.test(q)) continue;
      const start = m.index + m[0].length;
      const named = tokens(q.slice(start));
      const found = fieldAt(
        db,
        named.map((t) => t.word),
      );
      if (!found || !groupable(found.field)) continue;
      const end = start + named[found.length - 1].end;
      const tail = after?.exec(q.slice(end));
      if (after && !tail) continue;
      return { field: found.field, rest: cut(m.index, end + (tail?.[0].length ?? 0)) };
    }
  }
  return null;
}

/** Stored values and their counts: an attribute's off its rows (parts of lists apart), a column's as stored. */
function storedCounts(db: Db, field: CatalogField, where: SqlCondition): { v: string; n: number }[] {
  // The products the conditions keep, as a test on the table's product column (none for the whole catalog).
  const scoped = (column: string) =>
    where.where === '1' ? '' : `AND ${column} IN (SELECT p.rowid FROM products p WHERE ${where.where})`;
  if (field.kind === 'column') {
    return db
      .prepare(
        `SELECT CAST(p.${field.column} AS TEXT) AS v, count(*) AS n FROM products p
         WHERE ${where.where} AND coalesce(trim(p.${field.column}), '') <> '' GROUP BY p.${field.column} LIMIT ?`,
      )
      .all(...where.params, MAX_STORED_VALUES) as { v: string; n: number }[];
  }
  // Products with options of the field's name count by those; the others by their attribute's values.
  const hasOptions = db
    .prepare('SELECT 1 FROM product_options WHERE name = ? COLLATE NOCASE LIMIT 1')
    .get(field.key);
  const byOption = hasOptions
    ? `SELECT o.value AS v, count(*) AS n FROM product_options o
       WHERE o.name = ? COLLATE NOCASE ${scoped('o.product_rowid')}
       GROUP BY o.value COLLATE NOCASE UNION ALL `
    : '';
  const withoutOption = hasOptions
    ? 'AND NOT EXISTS (SELECT 1 FROM product_options o WHERE o.product_rowid = a.product_rowid AND o.name = ? COLLATE NOCASE)'
    : '';
  return db
    .prepare(
      `${byOption}SELECT min(a.value) AS v, count(*) AS n FROM product_attributes a
       WHERE a.name = ? AND a.kind <> ${WHOLE_LIST} ${scoped('a.product_rowid')} ${withoutOption} GROUP BY a.norm LIMIT ?`,
    )
    .all(
      ...(hasOptions ? [field.key, ...where.params] : []),
      field.key,
      ...(where.where === '1' ? [] : where.params),
      ...(hasOptions ? [field.key] : []),
      MAX_STORED_VALUES,
    ) as { v: string; n: number }[];
}

/** Products per value of the field; a product listing several values ("Blue, Red") counts under each. */
export function answerGroupBy(env: AskEnv, field: CatalogField, conditions: Conditions): Draft {
  const where = conditionSql(conditions);
  const stored = storedCounts(env.db, field, where);
  const counts = new Map<string, { v: string; n: number }>();
  for (const row of stored) {
    // Columns are split here ("Spring/Summer"); attribute rows already are.
    const parts = new Set(field.kind === 'column' ? splitList(row.v) : [row.v]);
    for (const part of parts) {
      const key = normValue(part);
      const entry = counts.get(key) ?? { v: part, n: 0 };
      entry.n += row.n;
      counts.set(key, entry);
    }
  }
  const rows = [...counts.values()].sort((a, b) => b.n - a.n || a.v.localeCompare(b.v));
  const { stats } = presenceCounts(env.db, { field, present: false }, where);
  const scope = describeConditions(conditions, env.currency);
  const of = scope.length ? `products ${scope.join(', ')}` : 'products in the catalog';
  const top = rows.filter((r) => r.n === rows[0]?.n);
  const facts = rows.length
    ? [
        `The most common ${field.label} is ${top.map((r) => r.v).join(' and ')} (${plural(top[0].n, 'product')}${top.length > 1 ? ' each' : ''} of ${formatCount(stats.total)}).`,
        `Products per ${field.label}: ${countedList(rows, rows.length, SHOWN)}.`,
      ]
    : [`None of the ${formatCount(stats.total)} ${of} has a value for ${field.label}.`];
  if (rows.length && stats.n) facts.push(`${productsHave(stats.n)} no ${field.label}.`);
  facts.push(
    `(Counted: ${of} by ${field.label}${rows.length > 1 ? '; a product with several values counts under each' : ''}.)`,
  );
  return { route: 'aggregate', facts, products: [], qualifying: 0, listProducts: false };
}

function productsHave(n: number): string {
  return `${plural(n, 'product')} ${n === 1 ? 'has' : 'have'}`;
}
