import type { CacheLayer, InsightsReport, QueryStat } from '../../../shared/insights.ts';
import { CACHE_LAYERS } from '../../../shared/insights.ts';
import type { SearchMode } from '../../../shared/types.ts';
import type { Db } from '../store/database.ts';

/** Rows per list: a report is read, not scrolled through. */
const LIST_LENGTH = 50;

interface StatRow {
  query: string;
  mode: SearchMode;
  count: number;
  last_at: number;
  results: number;
  mean_ms: number | null;
  max_ms: number | null;
  corrected_to: string | null;
}

// One row per query key; its latest search gives the text shown, the mode, the result count and what
// it was corrected to.
const GROUPED = `
  SELECT l.query, l.mode, g.count, l.at AS last_at, l.results, l.corrected_to, g.latest, g.latest_zero,
         g.mean_ms, g.max_ms
  FROM (SELECT max(seq) AS latest, count(*) AS count,
               avg(CASE WHEN cache = 'miss' THEN took_ms END) AS mean_ms,
               max(CASE WHEN cache = 'miss' THEN took_ms END) AS max_ms,
               max(CASE WHEN results = 0 THEN seq END) AS latest_zero
        FROM query_log WHERE query_key <> '' GROUP BY query_key) g
  JOIN query_log l ON l.seq = g.latest`;

function toStat(r: StatRow): QueryStat {
  return {
    query: r.query,
    mode: r.mode,
    count: r.count,
    lastAt: new Date(r.last_at).toISOString(),
    results: r.results,
    meanMs: r.mean_ms === null ? null : Math.round(r.mean_ms * 10) / 10,
    maxMs: r.max_ms,
    correctedTo: r.corrected_to,
  };
}

function percentile(sorted: number[], p: number): number | null {
  if (!sorted.length) return null;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/**
 * Top, zero-result and slowest queries, and the log's totals, read from `query_log`. Browsing (an empty
 * query: every product, maybe filtered) is a search the latency chart shows, but not a query.
 */
export function readInsights(db: Db, logging: boolean): InsightsReport {
  const list = (where: string, order: string) =>
    (
      db
        .prepare(`SELECT * FROM (${GROUPED}) ${where} ORDER BY ${order} LIMIT ?`)
        .all(LIST_LENGTH) as StatRow[]
    ).map(toStat);
  const totals = db
    .prepare(
      `SELECT count(*) AS searches, count(DISTINCT query_key) AS distinct_queries,
              sum(results = 0) AS zero, min(at) AS since FROM query_log WHERE query_key <> ''`,
    )
    .get() as { searches: number; distinct_queries: number; zero: number | null; since: number | null };
  const layers = db
    .prepare("SELECT cache, count(*) AS n FROM query_log WHERE query_key <> '' GROUP BY cache")
    .all() as {
    cache: CacheLayer;
    n: number;
  }[];
  const cacheHits = Object.fromEntries(CACHE_LAYERS.map((l) => [l, 0])) as Record<CacheLayer, number>;
  for (const l of layers) if (l.cache in cacheHits) cacheHits[l.cache] = l.n;
  const ran = db
    .prepare("SELECT took_ms FROM query_log WHERE cache = 'miss' AND query_key <> '' ORDER BY took_ms")
    .pluck()
    .all() as number[];
  const searches = totals.searches;
  return {
    logging,
    searches,
    distinctQueries: totals.distinct_queries,
    zeroResultShare: searches ? (totals.zero ?? 0) / searches : 0,
    cacheHitShare: searches ? (searches - cacheHits.miss) / searches : 0,
    cacheHits,
    p50Ms: percentile(ran, 50),
    p95Ms: percentile(ran, 95),
    since: totals.since === null ? null : new Date(totals.since).toISOString(),
    top: list('', 'count DESC, latest DESC'),
    // Still failing: a query its latest search found nothing for (one fixed by a synonym drops out).
    zeroResult: list('WHERE latest_zero = latest', 'count DESC, latest DESC'),
    slowest: list('WHERE max_ms IS NOT NULL', 'max_ms DESC, latest DESC'),
  };
}

/** The most searched requests, exactly as they were sent (the prefetch replays them). */
export function popularRequests(
  db: Db,
  most: number,
): { query: string; mode: SearchMode; limit: number; filters: string; count: number }[] {
  return db
    .prepare(
      `SELECT query, mode, result_limit AS "limit", filters, count(*) AS count FROM query_log
       GROUP BY query, mode, result_limit, filters ORDER BY count DESC, max(seq) DESC LIMIT ?`,
    )
    .all(most) as { query: string; mode: SearchMode; limit: number; filters: string; count: number }[];
}
