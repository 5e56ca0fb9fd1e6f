import type { CatalogHandle } from '../catalog-handle.ts';
import { decodeVector, dotEncoded } from '../vector/codec.ts';
import { embeddedRowids, storedVectorCount } from '../vector/consistency.ts';
import { filteredShare, firstFetch, passing } from './filter-rows.ts';
import type { SqlCondition } from './filter-sql.ts';

export interface SemanticHit {
  rowid: number;
  similarity: number;
}

/** Below this many matching products a filtered query scans their stored vectors exactly. */
export const EXACT_SCAN_LIMIT = 3_000;

export interface SemanticOptions {
  /**
   * How many survivors of a filter make a wider search not worth its cost (default: k). Hybrid asks
   * for fewer than it takes: there the model's list breaks ties and adds near neighbours, and the
   * words carry the ranking.
   */
  enough?: number;
  exactScanLimit?: number;
}

/**
 * Nearest products to a query vector, honouring filters. USearch's JS binding has no predicate search,
 * so a selective filter scans the matching products' stored vectors exactly, and a broad one
 * over-fetches from the ANN index — as many as the filter's selectivity says k survivors need — and
 * widens until `enough` survive, or until scanning the filter's products would cost less.
 */
export function semanticSearch(
  cat: CatalogHandle,
  query: Float32Array,
  filter: SqlCondition | null,
  k: number,
  { enough = k, exactScanLimit = EXACT_SCAN_LIMIT }: SemanticOptions = {},
): SemanticHit[] {
  if (!filter) return embeddedNeighbours(cat, query, k).hits;
  // The filter's share of a sample sizes the first over-fetch; the loop widens it if that was optimistic.
  const share = filteredShare(cat.reader, filter);
  const first = firstFetch(k, share);
  for (let fetch = first; ;) {
    // A query far from the filtered products finds few of them among its neighbours ("travel" in toner
    // cartridges: 1.8 s of ever wider ANN searches at 1M products). Once the filter leaves no more
    // products than the neighbours about to be fetched, scanning those exactly costs no more, and is exact.
    // Counting them costs more than the search when the filter is broad (7 ms for "in stock, under the
    // median price" at 100k), so the first round counts only when the sample's share says they are
    // few, and a widening counts no further than its fetch.
    const scanAt = fetch > first ? fetch : Math.max(fetch, exactScanLimit);
    const few = fetch > first || share * cat.ann.size < 4 * scanAt;
    if (few && matchesAtMost(cat, filter, scanAt)) return exactScan(cat, query, filter, k);
    const found = embeddedNeighbours(cat, query, fetch);
    const allowed = passing(
      cat.reader,
      filter,
      found.hits.map((m) => m.rowid),
    );
    const hits = found.hits.filter((m) => allowed.has(m.rowid)).slice(0, k);
    if (hits.length >= Math.min(enough, k) || found.exhausted) return hits;
    // Widened by the share of this query's neighbours that passed, which can be far below the sample's
    // (none of 4,167 for "travel" in toner cartridges at 1M): at least twofold, and at most eightfold,
    // as a share read off few passes is rough (unbounded, 100k semantic+filter p95 went 13 → 15–17 ms;
    // capped, 14 ms, and p99 25 → 17 ms).
    fetch = Math.min(8 * fetch, Math.max(2 * fetch, Math.ceil((1.5 * k * fetch) / Math.max(hits.length, 1))));
  }
}

/**
 * The `k` nearest keys of the index that are embedded products, checked against SQLite: a key the
 * index kept for a removed product (or for a rowid SQLite has since given a product not yet embedded)
 * never reaches a result. As many more are fetched as the index holds keys beyond SQLite's count, so
 * such keys take no place among the k — up to 4k more: an index another process left far behind (an
 * import by the CLI while the app has the catalog open) must not make every search fetch thousands.
 * `exhausted`: the index has no further neighbour.
 */
function embeddedNeighbours(
  cat: CatalogHandle,
  query: Float32Array,
  k: number,
): { hits: SemanticHit[]; exhausted: boolean } {
  const surplus = Math.max(0, cat.ann.size - storedVectorCount(cat.reader));
  const fetch = k + Math.min(surplus, 4 * k);
  const found = cat.ann.search(query, fetch);
  const embedded = embeddedRowids(
    cat.reader,
    found.map((m) => m.rowid),
  );
  return { hits: found.filter((m) => embedded.has(m.rowid)).slice(0, k), exhausted: found.length < fetch };
}

/** Whether at most `limit` products pass the filter (counting stops past the limit). */
function matchesAtMost(cat: CatalogHandle, filter: SqlCondition, limit: number): boolean {
  const { n } = cat.reader
    .prepare(`SELECT count(*) AS n FROM (SELECT 1 FROM products p WHERE ${filter.where} LIMIT ?)`)
    .get(...filter.params, limit + 1) as { n: number };
  return n <= limit;
}

function exactScan(cat: CatalogHandle, query: Float32Array, filter: SqlCondition, k: number): SemanticHit[] {
  const rows = cat.reader
    .prepare(
      `SELECT v.rowid AS rowid, v.v AS v FROM vectors v JOIN products p ON p.rowid = v.rowid WHERE ${filter.where}`,
    )
    .iterate(...filter.params) as IterableIterator<{ rowid: number; v: Buffer }>;
  const hits: SemanticHit[] = [];
  for (const row of rows) hits.push({ rowid: row.rowid, similarity: dotEncoded(query, row.v) });
  return hits.sort((a, b) => b.similarity - a.similarity).slice(0, k);
}

/** The stored vector of one product, or null when it has not been embedded yet. */
export function productVector(cat: CatalogHandle, rowid: number): Float32Array | null {
  const row = cat.reader.prepare('SELECT v FROM vectors WHERE rowid = ?').get(rowid) as
    { v: Buffer } | undefined;
  return row ? decodeVector(row.v) : null;
}

/**
 * The query's similarity to each of these products' stored vectors, read by rowid: how the model ranks
 * a candidate list it did not retrieve. Products not embedded yet are left out.
 */
export function storedSimilarities(
  cat: CatalogHandle,
  query: Float32Array,
  rowids: Iterable<number>,
): Map<number, number> {
  const keys = [...rowids];
  const out = new Map<number, number>();
  if (keys.length === 0) return out;
  const rows = cat.reader
    .prepare('SELECT rowid, v FROM vectors WHERE rowid IN (SELECT value FROM json_each(?))')
    .all(JSON.stringify(keys)) as { rowid: number; v: Buffer }[];
  for (const row of rows) out.set(row.rowid, dotEncoded(query, row.v));
  return out;
}
