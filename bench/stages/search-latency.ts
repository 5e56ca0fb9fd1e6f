// Shelfscope's own search latency per mode, with and without a filter, cache cleared before every query
// so each figure is a real retrieval (query embedding included).
import type { SearchMode } from '../../shared/types.ts';
import type { CatalogService } from '../../electron/engine/catalog-service.ts';
import type { Workload } from '../lib/queries.ts';
import type { LatencyStats } from '../lib/timing.ts';
import { latencyStats, timeEach } from '../lib/timing.ts';
import type { QueryKind } from '../peers/types.ts';

const MODES: SearchMode[] = ['hybrid', 'keyword', 'semantic'];

export async function measureSearch(
  catalog: CatalogService,
  workload: Workload,
): Promise<Partial<Record<QueryKind, LatencyStats>>> {
  const out: Partial<Record<QueryKind, LatencyStats>> = {};
  // Warm-up: the query embedder's session and SQLite's page cache, as in a running app.
  for (const mode of MODES) await catalog.search({ query: 'warm up query', mode, limit: 10, filters: {} });
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
