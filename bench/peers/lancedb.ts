import fs from 'node:fs';
import path from 'node:path';
import { latencyStats, timeEach, timed } from '../lib/timing.ts';
import type { PeerContext } from './context.ts';
import { docText, recallAt10, tieAwareRecallAt10, vectorOf } from './context.ts';
import { ANN_PARAMS } from '../../electron/engine/vector/ann-index.ts';
import { importPeer, peerVersion } from './optional.ts';
import type { PeerResult } from './types.ts';
import { skippedPeer } from './types.ts';

interface Query {
  where(sql: string): Query;
  limit(n: number): Query;
  select(cols: string[]): Query;
  nearestTo(v: number[]): Query;
  distanceType(d: string): Query;
  ef(n: number): Query;
  fullTextSearch(q: string): Query;
  rerank(r: unknown): Query;
  toArray(): Promise<{ idx: number }[]>;
}
interface Table {
  add(rows: object[]): Promise<unknown>;
  createIndex(column: string, opts: { config: unknown }): Promise<void>;
  query(): Query;
}
interface LanceModule {
  connect(uri: string): Promise<{ createTable(name: string, rows: object[]): Promise<Table> }>;
  Index: { hnswSq(o: object): unknown; fts(o?: object): unknown };
  rerankers: { RRFReranker: { create(k?: number): Promise<unknown> } };
}

/** LanceDB (embedded, on disk): HNSW-SQ vector index, its native FTS index, RRF hybrid. */
export async function benchLanceDb(ctx: PeerContext): Promise<PeerResult> {
  // Lance logs a deprecation warning per query at the default level.
  process.env.LANCEDB_LOG ??= 'error';
  const loaded = await importPeer<LanceModule>('@lancedb/lancedb');
  if (!loaded.ok) return skippedPeer('LanceDB', loaded.reason);
  const lancedb = loaded.module;
  const { data } = ctx;
  const dir = path.join(ctx.dir, 'lancedb');
  fs.rmSync(dir, { recursive: true, force: true });
  const rowsOf = (start: number, end: number) =>
    data.docs.slice(start, end).map((d, k) => ({
      idx: start + k,
      text: docText(d),
      price: d.price,
      stock: d.stock,
      vector: Array.from(vectorOf(data, start + k)),
    }));
  const build = await timed(async () => {
    const db = await lancedb.connect(dir);
    const table = await db.createTable('products', rowsOf(0, 10_000));
    for (let start = 10_000; start < data.docs.length; start += 10_000) {
      await table.add(rowsOf(start, start + 10_000));
    }
    await table.createIndex('vector', {
      config: lancedb.Index.hnswSq({
        distanceType: 'cosine',
        numPartitions: 1,
        m: ANN_PARAMS.connectivity,
        efConstruction: ANN_PARAMS.expansionAdd,
      }),
    });
    await table.createIndex('text', { config: lancedb.Index.fts() });
    return table;
  });
  const table = build.value;
  const rrf = await lancedb.rerankers.RRFReranker.create();
  const filterSql = `stock > 0${ctx.filter.priceMax !== undefined ? ` AND price <= ${ctx.filter.priceMax}` : ''}`;
  const vectorQuery = (v: Float32Array) =>
    table.query().nearestTo(Array.from(v)).distanceType('cosine').ef(ANN_PARAMS.expansionSearch);
  const semantic = async (q: string) =>
    vectorQuery(await ctx.embed(q))
      .select(['idx'])
      .limit(10)
      .toArray();
  const keyword = (q: string) => table.query().fullTextSearch(q).select(['idx']).limit(10).toArray();
  const hybrid = async (q: string, filtered: boolean) => {
    let query = vectorQuery(await ctx.embed(q))
      .fullTextSearch(q)
      .rerank(rrf)
      .select(['idx'])
      .limit(10);
    if (filtered) query = query.where(filterSql);
    return query.toArray();
  };
  const q = ctx.queries;
  const annSamples: number[] = [];
  const found: number[][] = [];
  for (const v of ctx.annQueries) {
    const started = performance.now();
    const rows = await vectorQuery(v).select(['idx']).limit(10).toArray();
    annSamples.push(performance.now() - started);
    found.push(rows.map((r) => Number(r.idx)));
  }
  return {
    name: 'LanceDB',
    version: peerVersion('@lancedb/lancedb'),
    skipped: null,
    buildMs: Math.round(build.ms),
    queries: {
      hybrid: latencyStats(await timeEach(q, (x) => hybrid(x, false))),
      keyword: latencyStats(await timeEach(q, keyword)),
      semantic: latencyStats(await timeEach(q, semantic)),
      'hybrid+filter': latencyStats(await timeEach(q, (x) => hybrid(x, true))),
      ann: latencyStats(annSamples),
    },
    recall10: recallAt10(found, ctx.exactTop10),
    recall10Ties: tieAwareRecallAt10(found, ctx.exactTop10, ctx.similarity),
    notes: [
      `HNSW-SQ (m ${ANN_PARAMS.connectivity}, ef_construction ${ANN_PARAMS.expansionAdd}, ef ${ANN_PARAMS.expansionSearch}), FTS index, RRF reranker for hybrid`,
    ],
  };
}
