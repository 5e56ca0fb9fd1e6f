import type { SearchMode, SearchResult } from '../../../shared/types.ts';
import { Filters } from '../../../shared/types.ts';
import type { CatalogHandle } from '../catalog-handle.ts';
import type { SearchRequest } from '../search/search-service.ts';
import { decodeVector } from '../vector/codec.ts';
import { popularRequests } from './insights-report.ts';

/** Requests replayed: the head of a query log is short (a few queries make most searches). */
const POPULAR_REQUESTS = 20;
const POPULAR_CATEGORIES = 5;
/** Rows of a popular category read to bring its pages into memory. */
const CATEGORY_ROWS = 5_000;
/** Products of a category whose neighbourhoods in the ANN graph are visited. */
const CATEGORY_PROBES = 8;
const PROBE_NEIGHBOURS = 10;

export interface PrefetchTarget {
  handle: CatalogHandle;
  /** A search through the result cache, not recorded in the query log. */
  cachedSearch(req: SearchRequest): Promise<SearchResult>;
}

export interface PrefetchOutcome {
  queries: number;
  categories: number;
  tookMs: number;
}

const yieldTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Warms what the query log says is popular, between other work: the most searched requests are run
 * through the result cache (which also loads the query model, the typo vocabulary and the SQLite and
 * ANN pages they touch), then the rows of the categories their results fall in are read and their
 * neighbourhoods in the ANN graph visited. Stops when `stop()` says so (the catalog closed or changed).
 */
export async function prefetchPopular(
  target: PrefetchTarget,
  stop: () => boolean = () => false,
): Promise<PrefetchOutcome> {
  const started = performance.now();
  const { handle } = target;
  const requests = popularRequests(handle.reader, POPULAR_REQUESTS);
  const categories = new Map<string, number>();
  let queries = 0;
  for (const r of requests) {
    await yieldTurn();
    if (stop()) break;
    const filters = Filters.safeParse(JSON.parse(r.filters));
    if (!filters.success) continue;
    const result = await target.cachedSearch({
      query: r.query,
      mode: r.mode as SearchMode,
      limit: r.limit,
      filters: filters.data,
    });
    queries++;
    for (const h of result.hits) {
      if (h.category !== null) categories.set(h.category, (categories.get(h.category) ?? 0) + r.count);
    }
  }
  const top = [...categories].sort((a, b) => b[1] - a[1]).slice(0, POPULAR_CATEGORIES);
  let warmed = 0;
  for (const [category] of top) {
    await yieldTurn();
    if (stop()) break;
    warmCategory(handle, category);
    warmed++;
  }
  return { queries, categories: warmed, tookMs: Math.round(performance.now() - started) };
}

function warmCategory(handle: CatalogHandle, category: string): void {
  const rows = handle.reader
    .prepare(
      `SELECT v.v AS v FROM products p LEFT JOIN vectors v ON v.rowid = p.rowid
       WHERE p.category = ? COLLATE NOCASE LIMIT ?`,
    )
    .iterate(category, CATEGORY_ROWS) as IterableIterator<{ v: Buffer | null }>;
  const probes: Buffer[] = [];
  for (const row of rows) if (row.v && probes.length < CATEGORY_PROBES) probes.push(row.v);
  for (const v of probes) handle.ann.search(decodeVector(v), PROBE_NEIGHBOURS);
}
