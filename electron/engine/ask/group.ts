import type { Db } from '../store/database.ts';
import type { Conditions } from './conditions.ts';
import { conditionSql, describeConditions } from './conditions.ts';
import type { AskEnv, Draft } from './draft.ts';
import type { CatalogField } from './fields.ts';
import { fieldAt, fieldValueSql, tokens } from './fields.ts';
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
const LIST = /\s*[,|;/]\s*/;

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

/** Products per value of the field; a product listing several values ("Blue, Red") counts under each. */
export function answerGroupBy(env: AskEnv, field: CatalogField, conditions: Conditions): Draft {
  const where = conditionSql(conditions);
  const value = fieldValueSql(field);
  const byOption =
    field.kind === 'attribute'
      ? `SELECT o.value AS v, count(*) AS n FROM product_options o JOIN scoped s ON s.r = o.product_rowid
         WHERE o.name = ? COLLATE NOCASE GROUP BY o.value COLLATE NOCASE UNION ALL `
      : '';
  const stored = env.db
    .prepare(
      `WITH scoped AS (SELECT p.rowid AS r, CAST(${value.sql} AS TEXT) AS a FROM products p WHERE ${where.where})
       ${byOption}SELECT s.a AS v, count(*) AS n FROM scoped s WHERE coalesce(trim(s.a), '') <> ''
       ${byOption ? 'AND NOT EXISTS (SELECT 1 FROM product_options o WHERE o.product_rowid = s.r AND o.name = ? COLLATE NOCASE)' : ''}
       GROUP BY s.a LIMIT ?`,
    )
    .all(
      ...value.params,
      ...where.params,
      ...(byOption ? [field.label, field.label] : []),
      MAX_STORED_VALUES,
    ) as { v: string; n: number }[];
  const counts = new Map<string, { v: string; n: number }>();
  for (const row of stored) {
    const parts = new Set(row.v.split(LIST).filter(Boolean));
    for (const part of parts) {
      const entry = counts.get(part.toLowerCase()) ?? { v: part, n: 0 };
      entry.n += row.n;
      counts.set(part.toLowerCase(), entry);
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
