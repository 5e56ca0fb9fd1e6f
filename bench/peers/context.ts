import type { Filters } from '../../shared/types.ts';
import type { CatalogData } from '../lib/catalog-data.ts';

/** What every peer gets: the same rows and vectors, the same queries, the same query embedder. */
export interface PeerContext {
  data: CatalogData;
  queries: string[];
  filter: Filters;
  /** The query embedder Shelfscope itself uses; peers pay for it inside their timed queries too. */
  embed(text: string): Promise<Float32Array>;
  /** Exact top-10 (indices into data.docs) for each of `annQueries`. */
  annQueries: Float32Array[];
  exactTop10: number[][];
  /** Cosine of annQueries[q] to stored vector i (for the tie-aware recall). */
  similarity(q: number, i: number): number;
  /** A scratch folder the peer may write to. */
  dir: string;
}

export function docText(d: CatalogData['docs'][number]): string {
  return `${d.name} ${d.brand} ${d.category} ${d.description} ${d.attrs}`;
}

export function vectorOf(data: CatalogData, i: number): Float32Array {
  return data.vectors.subarray(i * data.dimensions, (i + 1) * data.dimensions);
}

export function recallAt10(found: number[][], exact: number[][]): number {
  let hit = 0;
  let total = 0;
  found.forEach((f, q) => {
    const truth = new Set(exact[q].slice(0, 10));
    hit += f.slice(0, 10).filter((x) => truth.has(x)).length;
    total += truth.size;
  });
  return total ? Math.round((hit / total) * 1000) / 1000 : 0;
}

/**
 * Recall@10 that counts a returned item as correct when it is as close to the query as the exact 10th
 * neighbour: generated catalogs hold near-duplicates whose similarities tie, and which of two tied
 * items the exact scan lists is arbitrary.
 */
export function tieAwareRecallAt10(
  found: number[][],
  exact: number[][],
  similarity: (query: number, item: number) => number,
  epsilon = 1e-4,
): number {
  let hit = 0;
  let total = 0;
  found.forEach((f, q) => {
    const truth = exact[q].slice(0, 10);
    if (truth.length === 0) return;
    const tenth = Math.min(...truth.map((i) => similarity(q, i)));
    hit += Math.min(
      truth.length,
      f.slice(0, 10).filter((i) => i >= 0 && similarity(q, i) >= tenth - epsilon).length,
    );
    total += truth.length;
  });
  return total ? Math.round((hit / total) * 1000) / 1000 : 0;
}

/** Cosine similarity between query `q` and stored vector `i`, for the tie-aware recall. */
export function cosineTo(data: CatalogData, queries: Float32Array[]): (q: number, i: number) => number {
  const d = data.dimensions;
  return (q, i) => {
    const a = queries[q];
    let dot = 0;
    let na = 0;
    let nb = 0;
    for (let k = 0; k < d; k++) {
      const b = data.vectors[i * d + k];
      dot += a[k] * b;
      na += a[k] * a[k];
      nb += b * b;
    }
    return na && nb ? dot / Math.sqrt(na * nb) : 0;
  };
}
