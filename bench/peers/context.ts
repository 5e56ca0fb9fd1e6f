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
