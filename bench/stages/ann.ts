// The vector index on its own: recall@10 against exact search over the same stored vectors, latency,
// build time from those vectors through the engine's AnnIndex, and the ef / quantization levers.
import fs from 'node:fs';
import path from 'node:path';
import { exactSearch, type Index, MetricKind } from 'usearch';
import type { AnnIndex } from '../../electron/engine/vector/ann-index.ts';
import {
  ANN_PARAMS,
  AnnIndex as EngineAnnIndex,
  newUsearchIndex,
} from '../../electron/engine/vector/ann-index.ts';
import type { CatalogData } from '../lib/catalog-data.ts';
import type { LatencyStats } from '../lib/timing.ts';
import { latencyStats, timed } from '../lib/timing.ts';
import { cosineTo, recallAt10, tieAwareRecallAt10 } from '../peers/context.ts';

export interface AnnFigures {
  recall10: number;
  /** Counting neighbours tied with the exact 10th as correct (generated catalogs hold near-duplicates). */
  recall10Ties?: number;
  latency: LatencyStats;
  /** Building the engine's index from the stored vectors (add in batches of 1,024, atomic save). */
  buildMs: number;
  fileBytes: number;
  params: { connectivity: number; expansionAdd: number; expansionSearch: number; quantization: string };
}

export interface AnnLever {
  quantization: string;
  efSearch: number;
  recall10: number;
  recall10Ties?: number;
  p50Ms: number;
  buildMs: number | null;
  fileBytes: number | null;
}

/** A fresh build with other graph parameters, the engine's quantization and ef_search. */
export interface AnnGraphLever {
  connectivity: number;
  expansionAdd: number;
  recall10: number;
  recall10Ties: number;
  p50Ms: number;
  buildMs: number;
  fileBytes: number;
}

/** Exact top-10 by cosine for each query, as indices into `data.docs`. */
export function exactTop10(data: CatalogData, queries: Float32Array[]): number[][] {
  const matrix = new Float32Array(queries.length * data.dimensions);
  queries.forEach((q, i) => matrix.set(q, i * data.dimensions));
  const result = exactSearch(data.vectors, matrix, data.dimensions, 10, MetricKind.Cos, 0);
  const batch = result as unknown as { keys: BigUint64Array; counts: BigUint64Array; k: number };
  return queries.map((_, i) => {
    const n = Number(batch.counts[i]);
    return Array.from(batch.keys.subarray(i * batch.k, i * batch.k + n), (k) => Number(k));
  });
}

function indexByRowid(data: CatalogData): Map<number, number> {
  return new Map(data.docs.map((d, i) => [d.rowid, i]));
}

function searchAll(
  ann: { search(v: Float32Array, k: number): { rowid: number }[] },
  data: CatalogData,
  queries: Float32Array[],
) {
  const byRowid = indexByRowid(data);
  const samples: number[] = [];
  const found = queries.map((q) => {
    const started = performance.now();
    const hits = ann.search(q, 10);
    samples.push(performance.now() - started);
    return hits.map((h) => byRowid.get(h.rowid) ?? -1);
  });
  return { samples, found };
}

export async function measureAnn(
  ann: AnnIndex,
  data: CatalogData,
  queries: Float32Array[],
  exact: number[][],
  scratchDir: string,
): Promise<AnnFigures> {
  const { samples, found } = searchAll(ann, data, queries);
  const file = path.join(scratchDir, 'rebuild.usearch');
  fs.rmSync(file, { force: true });
  const build = await timed(() => {
    const fresh = EngineAnnIndex.open(file, data.dimensions);
    for (let start = 0; start < data.docs.length; start += 1024) {
      const end = Math.min(start + 1024, data.docs.length);
      fresh.upsert(
        data.docs.slice(start, end).map((d) => d.rowid),
        data.vectors.subarray(start * data.dimensions, end * data.dimensions),
      );
    }
    fresh.save();
  });
  return {
    recall10: recallAt10(found, exact),
    recall10Ties: tieAwareRecallAt10(found, exact, cosineTo(data, queries)),
    latency: latencyStats(samples),
    buildMs: Math.round(build.ms),
    fileBytes: fs.statSync(file).size,
    params: ANN_PARAMS,
  };
}

/** Recall and latency of a lever's index; `toDoc` maps its keys to doc indices (builds here key by index). */
function leverRow(
  index: Index,
  data: CatalogData,
  queries: Float32Array[],
  exact: number[][],
  toDoc: (key: number) => number = (key) => key,
) {
  const samples: number[] = [];
  const found = queries.map((q) => {
    const started = performance.now();
    const m = index.search(q, 10, 0);
    samples.push(performance.now() - started);
    return Array.from(m.keys, (k) => toDoc(Number(k)));
  });
  return {
    recall10: recallAt10(found, exact),
    recall10Ties: tieAwareRecallAt10(found, exact, cosineTo(data, queries)),
    p50Ms: latencyStats(samples).p50,
  };
}

/** ef_search over the saved index, then f32 / f16 / bf16 / i8 builds (keys are doc indices here). */
export async function measureAnnLevers(
  indexFile: string,
  data: CatalogData,
  queries: Float32Array[],
  exact: number[][],
  scratchDir: string,
): Promise<AnnLever[]> {
  const out: AnnLever[] = [];
  const byRowid = indexByRowid(data);
  for (const ef of [32, 64, 96, 128, 256, 512]) {
    const index = newUsearchIndex(data.dimensions, { expansionSearch: ef });
    index.view(indexFile);
    out.push({
      quantization: ANN_PARAMS.quantization,
      efSearch: ef,
      ...leverRow(index, data, queries, exact, (rowid) => byRowid.get(rowid) ?? -1),
      buildMs: null,
      fileBytes: null,
    });
  }
  for (const quantization of ['f32', 'f16', 'bf16', 'i8']) {
    const built = await freshBuild({ quantization }, data, queries, exact, scratchDir);
    out.push({ quantization, efSearch: ANN_PARAMS.expansionSearch, ...built });
    process.stderr.write(`  ann lever ${JSON.stringify(out[out.length - 1])}\n`);
  }
  return out;
}

/** Builds an index with other parameters from the stored vectors in rowid order (keys are doc indices). */
async function freshBuild(
  overrides: Parameters<typeof newUsearchIndex>[1],
  data: CatalogData,
  queries: Float32Array[],
  exact: number[][],
  scratchDir: string,
) {
  const index = newUsearchIndex(data.dimensions, overrides);
  const keys = BigUint64Array.from(data.docs, (_, i) => BigInt(i));
  const build = await timed(() => index.add(keys, data.vectors, 0));
  const file = path.join(scratchDir, 'lever.usearch');
  index.save(file);
  const fileBytes = fs.statSync(file).size;
  fs.rmSync(file, { force: true });
  return { ...leverRow(index, data, queries, exact), buildMs: Math.round(build.ms), fileBytes };
}

const GRAPH_LEVERS: [connectivity: number, expansionAdd: number][] = [
  [12, 96],
  [14, 64],
  [14, 80],
  [14, 96],
  [14, 128],
  [16, 96],
];

/**
 * Connectivity and ef_add: each pair builds a fresh index from the stored vectors in rowid order, as
 * the index job adds them (keys are doc indices here), with the engine's quantization and ef_search.
 */
export async function measureAnnGraphLevers(
  data: CatalogData,
  queries: Float32Array[],
  exact: number[][],
  scratchDir: string,
): Promise<AnnGraphLever[]> {
  const out: AnnGraphLever[] = [];
  for (const [connectivity, expansionAdd] of GRAPH_LEVERS) {
    const built = await freshBuild({ connectivity, expansionAdd }, data, queries, exact, scratchDir);
    out.push({ connectivity, expansionAdd, ...built });
    process.stderr.write(`  ann graph lever ${JSON.stringify(out[out.length - 1])}\n`);
  }
  return out;
}
