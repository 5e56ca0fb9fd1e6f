import type { Db } from '../store/database.ts';
import { perImport } from '../store/database.ts';
import type { SqlCondition } from './filter-sql.ts';

// Neither the ANN index nor FTS5 ranking can test a filter as it goes without paying for every
// candidate, so both rank unfiltered, over-fetch, and test only what they fetched.

// A filtered hybrid search estimated the same share twice (any-word tier, semantic over-fetch), at
// 0.3 ms each at 100k products; products change only through imports. Bounded for the session.
const shares = perImport(() => new Map<string, number>());
const SHARES_KEPT = 256;

/** The share of products passing the filter, estimated on the first thousand (cheap, roughly fair). */
export function filteredShare(db: Db, filter: SqlCondition): number {
  const known = shares(db);
  const key = JSON.stringify([filter.where, filter.params]);
  const hit = known.get(key);
  if (hit !== undefined) return hit;
  const row = db
    .prepare(
      `SELECT avg(CASE WHEN ${filter.where} THEN 1.0 ELSE 0 END) AS share FROM (SELECT * FROM products LIMIT 1000) p`,
    )
    .get(...filter.params) as { share: number | null };
  const share = row.share ?? 0;
  if (known.size >= SHARES_KEPT) known.clear();
  known.set(key, share);
  return share;
}

/** How many candidates to fetch for about `k` of them to pass a filter of this share. */
export function firstFetch(k: number, share: number): number {
  return Math.ceil((1.5 * k) / Math.max(share, 0.01));
}

/** Which of these products pass the filter. */
export function passing(db: Db, filter: SqlCondition, rowids: number[]): Set<number> {
  const rows = db
    .prepare(
      `SELECT p.rowid AS rowid FROM products p WHERE p.rowid IN (SELECT value FROM json_each(?)) AND ${filter.where}`,
    )
    .all(JSON.stringify(rowids), ...filter.params) as { rowid: number }[];
  return new Set(rows.map((r) => r.rowid));
}
