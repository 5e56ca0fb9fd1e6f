import { latencyStats, timeEach, timed } from '../lib/timing.ts';
import type { PeerContext } from './context.ts';
import { vectorOf } from './context.ts';
import { importPeer, peerVersion } from './optional.ts';
import type { PeerResult } from './types.ts';
import { skippedPeer } from './types.ts';

interface OramaModule {
  create(opts: { schema: Record<string, string> }): unknown;
  insertMultiple(db: unknown, docs: object[], batchSize?: number): Promise<unknown> | unknown;
  search(db: unknown, params: object): Promise<{ hits: { id: string }[] }> | { hits: { id: string }[] };
}

const TEXT_PROPERTIES = ['name', 'brand', 'category', 'description', 'attrs'];

/** Orama 3, in memory: full-text (BM25), vector (brute force) and its hybrid mode. */
export async function benchOrama(ctx: PeerContext): Promise<PeerResult> {
  const loaded = await importPeer<OramaModule>('@orama/orama');
  if (!loaded.ok) return skippedPeer('Orama', loaded.reason);
  const orama = loaded.module;
  const { data } = ctx;
  const db = orama.create({
    schema: {
      name: 'string',
      brand: 'string',
      category: 'string',
      description: 'string',
      attrs: 'string',
      price: 'number',
      stock: 'number',
      embedding: `vector[${data.dimensions}]`,
    },
  });
  // Orama only accepts plain arrays as vectors; converting them is part of its build cost.
  const build = await timed(async () => {
    for (let start = 0; start < data.docs.length; start += 5000) {
      const batch = data.docs.slice(start, start + 5000).map((d, k) => ({
        name: d.name,
        brand: d.brand,
        category: d.category,
        description: d.description,
        attrs: d.attrs,
        price: d.price,
        stock: d.stock,
        embedding: Array.from(vectorOf(data, start + k)),
      }));
      await orama.insertMultiple(db, batch, 1000);
    }
  });
  const where = {
    stock: { gt: 0 },
    ...(ctx.filter.priceMax !== undefined ? { price: { lte: ctx.filter.priceMax } } : {}),
  };
  const keyword = (q: string, filtered: boolean) =>
    orama.search(db, { term: q, properties: TEXT_PROPERTIES, limit: 10, ...(filtered ? { where } : {}) });
  const semantic = async (q: string, filtered: boolean) =>
    orama.search(db, {
      mode: 'vector',
      vector: { value: Array.from(await ctx.embed(q)), property: 'embedding' },
      similarity: 0,
      limit: 10,
      ...(filtered ? { where } : {}),
    });
  const hybrid = async (q: string, filtered: boolean) =>
    orama.search(db, {
      mode: 'hybrid',
      term: q,
      properties: TEXT_PROPERTIES,
      vector: { value: Array.from(await ctx.embed(q)), property: 'embedding' },
      similarity: 0,
      limit: 10,
      ...(filtered ? { where } : {}),
    });
  const q = ctx.queries;
  return {
    name: 'Orama',
    version: peerVersion('@orama/orama'),
    skipped: null,
    buildMs: Math.round(build.ms),
    queries: {
      hybrid: latencyStats(await timeEach(q, (x) => hybrid(x, false))),
      keyword: latencyStats(await timeEach(q, (x) => keyword(x, false))),
      semantic: latencyStats(await timeEach(q, (x) => semantic(x, false))),
      'hybrid+filter': latencyStats(await timeEach(q, (x) => hybrid(x, true))),
    },
    recall10: null,
    notes: ['vector search is an exact scan (Orama has no ANN index); hybrid = its BM25 + vector fusion'],
  };
}
