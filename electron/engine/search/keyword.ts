import type { Db } from '../store/database.ts';
import type { TermGroup } from './analyze.ts';
import { matchExpression } from './analyze.ts';
import { filteredShare, firstFetch, passing } from './filter-rows.ts';
import type { SqlCondition } from './filter-sql.ts';

export interface KeywordHit {
  rowid: number;
  /** In [0, 1]: products matching every word rank above those matching some, bm25 orders within. */
  score: number;
}

// Column weights for bm25 (name, brand, category, description, attributes): the title says what a
// product is, the attributes mostly say how big or which colour it is.
export const BM25 = 'bm25(products_fts, 3.0, 1.5, 2.0, 1.0, 0.5)';

/** FTS5 alone ranking a match expression's products (bound: the expression, how many). */
export const RANK_MATCHES = `SELECT rowid, ${BM25} AS rank FROM products_fts WHERE products_fts MATCH ? ORDER BY rank LIMIT ?`;

/**
 * FTS5 bm25 retrieval in tiers, each filtered in SQL: products with every word as typed, then with
 * every word allowing synonyms, then with any word. Synonyms widen recall without outranking what the
 * user actually wrote ("earbuds" finds in-ear headphones, after the products called earbuds).
 * `anyWord: false` leaves out the any-word tier.
 */
export function keywordSearch(
  db: Db,
  groups: TermGroup[],
  filter: SqlCondition,
  limit: number,
  { anyWord = true }: { anyWord?: boolean } = {},
): KeywordHit[] {
  if (groups.length === 0) return [];
  // Without a filter, FTS5 alone sorts by rank; the join is paid only when a filter needs products' columns.
  const sql =
    filter.where === '1'
      ? RANK_MATCHES
      : `SELECT f.rowid AS rowid, ${BM25} AS rank FROM products_fts f JOIN products p ON p.rowid = f.rowid
         WHERE products_fts MATCH ? AND ${filter.where} ORDER BY rank LIMIT ?`;
  const stmt = db.prepare(sql);
  const run = (match: string) => stmt.all(match, ...filter.params, limit) as Ranked[];
  const literal = groups.map((g) => ({ ...g, alternatives: g.alternatives.slice(0, 1) }));
  const asTyped = matchExpression(literal, 'AND');
  const tiers: Ranked[][] = [run(asTyped)];
  // Only what the words as typed did not find: scoring those again would cost as much as the first tier.
  // A full first tier leaves no place for them, as they all rank below it; the tier still counts, empty,
  // so the first keeps its score band. At 1M products the first tier is full for most queries, and the
  // synonym tier took 448 ms of the 165 bench queries' 2,417 ms of keyword search.
  if (groups.some((g) => g.alternatives.length > 1))
    tiers.push(tiers[0].length < limit ? run(`(${matchExpression(groups, 'AND')}) NOT (${asTyped})`) : []);
  // Any-word matches rank below every all-words match: needed only when those are too few.
  const found = new Set(tiers.flat().map((r) => r.rowid)).size;
  if (anyWord && groups.length > 1 && found < limit) {
    const any = matchExpression(groups, 'OR');
    tiers.push(filter.where === '1' ? run(any) : rankThenFilter(db, any, filter, limit));
  }
  const seen = new Set<number>();
  const hits: KeywordHit[] = [];
  tiers.forEach((rows, i) => {
    const fresh = rows.filter((r) => !seen.has(r.rowid));
    for (const r of fresh) seen.add(r.rowid);
    normalise(fresh, (tiers.length - 1 - i) / tiers.length, 1 / tiers.length, hits);
  });
  return hits.slice(0, limit);
}

/**
 * bm25's best `limit` matches that pass the filter, ranked by FTS5 alone and tested only as far as
 * needed: the same list as joining every match to its product row. The any-word tier matches nearly
 * every product with one common word, and the join cost 56 ms per such query at 1M products (in stock,
 * under the median price) against 42 ms this way; keyword+filter p99 went 236 → 121 ms. The
 * all-words tiers match far fewer products, and there the join measured as fast.
 */
export function rankThenFilter(db: Db, match: string, filter: SqlCondition, limit: number): Ranked[] {
  const ranked = db.prepare(RANK_MATCHES);
  for (let fetch = firstFetch(limit, filteredShare(db, filter)); ; fetch *= 4) {
    const rows = ranked.all(match, fetch) as Ranked[];
    const pass = passing(
      db,
      filter,
      rows.map((r) => r.rowid),
    );
    const kept = rows.filter((r) => pass.has(r.rowid));
    if (kept.length >= limit || rows.length < fetch) return kept.slice(0, limit);
  }
}

interface Ranked {
  rowid: number;
  rank: number;
}

/** Min-max normalises bm25 (lower is better) into [base, base + width]. */
function normalise(rows: Ranked[], base: number, width: number, out: KeywordHit[]): void {
  if (rows.length === 0) return;
  const best = rows[0].rank;
  const worst = rows[rows.length - 1].rank;
  const span = worst - best;
  for (const r of rows) {
    out.push({ rowid: r.rowid, score: base + width * (span > 0 ? (worst - r.rank) / span : 1) });
  }
}
