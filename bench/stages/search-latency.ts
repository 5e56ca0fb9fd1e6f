// Shelfscope's own search latency per mode, with and without a filter, cache cleared before every query
// so each figure is a real retrieval (query embedding included).
import type { SearchMode } from '../../shared/types.ts';
import type { CatalogService } from '../../electron/engine/catalog-service.ts';
import { RANK_MATCHES } from '../../electron/engine/search/keyword.ts';
import type { Db } from '../../electron/engine/store/database.ts';
import { ftsWordsQuery } from '../peers/fts5.ts';
import type { Workload } from '../lib/queries.ts';
import type { LatencyStats } from '../lib/timing.ts';
import { percentile } from '../lib/metrics.ts';
import { latencyStats, timeEach } from '../lib/timing.ts';
import type { QueryKind } from '../peers/types.ts';

const MODES: SearchMode[] = ['hybrid', 'keyword', 'semantic'];

export async function measureSearch(
  catalog: CatalogService,
  workload: Workload,
): Promise<Partial<Record<QueryKind, LatencyStats>>> {
  const out: Partial<Record<QueryKind, LatencyStats>> = {};
  // Warm-up: one untimed pass of the whole workload in every mode, as in an app that has been in use.
  // With a single warm-up query, the first mode timed paid for reading the FTS pages from disk: at 1M
  // products hybrid measured p50 29 ms against 14.5 ms once warm (keyword 10.8 + semantic 2.6).
  // Cold start is its own figure (cold open → first result).
  for (const filtered of [false, true]) {
    for (const mode of MODES) {
      for (const query of workload.queries) {
        catalog.searcher.clearCache();
        await catalog.search({ query, mode, limit: 10, filters: filtered ? workload.filter : {} });
      }
    }
  }
  for (const filtered of [false, true]) {
    for (const mode of MODES) {
      const samples = await timeEach(workload.queries, (query) => {
        catalog.searcher.clearCache();
        return catalog.search({ query, mode, limit: 10, filters: filtered ? workload.filter : {} });
      });
      out[(filtered ? `${mode}+filter` : mode) as QueryKind] = latencyStats(samples);
    }
  }
  return out;
}

/** The first statement of every keyword search alone, and what its cost grows with. */
export interface FtsAlone {
  /** FTS5 bm25 (the engine's column weights) over the products matching every word, top 100. */
  ranked: LatencyStats;
  /** The same matches walked and counted, nothing scored: what FTS5 pays before any bm25. */
  walked: LatencyStats;
  /** Products matching every word, median over the queries. */
  matchesP50: number;
}

/**
 * No search built on FTS5 ranks for less than its first statement, and FTS5 scores every product the
 * words match before it keeps the best 100: it has no early termination. So timing the statement, the
 * bare walk over its matches, and counting them shows how much of the growth with the catalog is FTS5's.
 */
export async function measureFtsAllWords(db: Db, queries: string[]): Promise<FtsAlone> {
  const rank = db.prepare(RANK_MATCHES);
  const count = db.prepare('SELECT count(*) FROM products_fts WHERE products_fts MATCH ?').pluck();
  const matches = queries.map((q) => ftsWordsQuery(q, 'AND')).filter((m) => m !== '');
  const ranked = (m: string) => rank.all(m, 100);
  const walked = (m: string) => count.get(m) as number;
  // The untimed passes warm the pages both timed ones read; the count pass also gives the matches.
  matches.forEach(ranked);
  const counts = matches.map(walked);
  return {
    ranked: latencyStats(await timeEach(matches, ranked)),
    walked: latencyStats(await timeEach(matches, walked)),
    matchesP50: percentile(counts, 50),
  };
}
