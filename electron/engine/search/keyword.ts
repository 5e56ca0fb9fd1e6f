import type { Db } from '../store/database.ts';
import type { TermGroup } from './analyze.ts';
import { matchExpression } from './analyze.ts';
import type { SqlCondition } from './filter-sql.ts';

export interface KeywordHit {
  rowid: number;
  /** In [0, 1]: products matching every word rank above those matching some, bm25 orders within. */
  score: number;
}

// Column weights for bm25 (name, brand, category, description, attributes): the title says what a
// product is, the attributes mostly say how big or which colour it is.
const BM25 = 'bm25(products_fts, 3.0, 1.5, 2.0, 1.0, 0.5)';

/** FTS5 bm25 retrieval: all-words matches first, then any-word matches, both filtered in SQL. */
export function keywordSearch(
  db: Db,
  groups: TermGroup[],
  filter: SqlCondition,
  limit: number,
): KeywordHit[] {
  if (groups.length === 0) return [];
  const sql = `SELECT f.rowid AS rowid, ${BM25} AS rank FROM products_fts f JOIN products p ON p.rowid = f.rowid
    WHERE products_fts MATCH ? AND ${filter.where} ORDER BY rank LIMIT ?`;
  const stmt = db.prepare(sql);
  const run = (join: 'AND' | 'OR') =>
    stmt.all(matchExpression(groups, join), ...filter.params, limit) as { rowid: number; rank: number }[];
  const all = run('AND');
  const any = groups.length > 1 && all.length < limit ? run('OR') : [];
  const seen = new Set(all.map((r) => r.rowid));
  const hits: KeywordHit[] = [];
  tier(all, 0.5, hits);
  tier(
    any.filter((r) => !seen.has(r.rowid)),
    0,
    hits,
  );
  return hits.slice(0, limit);
}

/** Min-max normalises bm25 (lower is better) into [base, base + 0.5]. */
function tier(rows: { rowid: number; rank: number }[], base: number, out: KeywordHit[]): void {
  if (rows.length === 0) return;
  const best = rows[0].rank;
  const worst = rows[rows.length - 1].rank;
  const span = worst - best;
  for (const r of rows) {
    out.push({ rowid: r.rowid, score: base + 0.5 * (span > 0 ? (worst - r.rank) / span : 1) });
  }
}
