import { ANN_PARAMS } from '../../electron/engine/vector/ann-index.ts';
import { latencyStats, timed } from '../lib/timing.ts';
import type { PeerContext } from './context.ts';
import { recallAt10, tieAwareRecallAt10, vectorOf } from './context.ts';
import { importPeer, peerVersion } from './optional.ts';
import type { PeerResult } from './types.ts';
import { skippedPeer } from './types.ts';

interface Hnsw {
  initIndex(max: number, m: number, efConstruction: number, seed: number): void;
  addPoint(point: number[], label: number): void;
  setEf(ef: number): void;
  searchKnn(point: number[], k: number): { neighbors: number[] };
}
interface HnswModule {
  HierarchicalNSW: new (space: string, dims: number) => Hnsw;
}

/** hnswlib-node: the reference HNSW, ANN only, with the engine's own M / ef parameters. */
export async function benchHnswlib(ctx: PeerContext): Promise<PeerResult> {
  const loaded = await importPeer<{ default: HnswModule } & HnswModule>('hnswlib-node');
  if (!loaded.ok) return skippedPeer('hnswlib-node', loaded.reason);
  const lib = loaded.module.HierarchicalNSW ? loaded.module : loaded.module.default;
  const { data } = ctx;
  const build = await timed(() => {
    const index = new lib.HierarchicalNSW('cosine', data.dimensions);
    index.initIndex(data.docs.length, ANN_PARAMS.connectivity, ANN_PARAMS.expansionAdd, 100);
    for (let i = 0; i < data.docs.length; i++) index.addPoint(Array.from(vectorOf(data, i)), i);
    index.setEf(ANN_PARAMS.expansionSearch);
    return index;
  });
  const samples: number[] = [];
  const found: number[][] = [];
  for (const v of ctx.annQueries) {
    const started = performance.now();
    const { neighbors } = build.value.searchKnn(Array.from(v), 10);
    samples.push(performance.now() - started);
    found.push(neighbors);
  }
  return {
    name: 'hnswlib-node',
    version: peerVersion('hnswlib-node'),
    skipped: null,
    buildMs: Math.round(build.ms),
    queries: { ann: latencyStats(samples) },
    recall10: recallAt10(found, ctx.exactTop10),
    recall10Ties: tieAwareRecallAt10(found, ctx.exactTop10, ctx.similarity),
    notes: [
      `f32, M ${ANN_PARAMS.connectivity}, ef_construction ${ANN_PARAMS.expansionAdd}, ef ${ANN_PARAMS.expansionSearch}; one thread (its Node binding adds points one by one)`,
    ],
  };
}
