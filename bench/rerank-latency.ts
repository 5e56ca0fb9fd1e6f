// What re-ranking the keyword candidates costs a hybrid search: the engine's ranking against the same
// search with the re-rank weight at 0 (the fusion before it), on one catalog, in one process. Each query
// runs both ways back to back, in alternating order, after an untimed pass of both, so the machine's
// load falls on the two alike. Usage: node bench/rerank-latency.ts CATALOG_DIR [ROUNDS]
import { CatalogService } from '../electron/engine/catalog-service.ts';
import { createModelProvider } from '../electron/engine/models.ts';
import type { SearchRequest } from '../electron/engine/search/search-service.ts';
import { FUSION } from '../electron/engine/search/search-service.ts';
import { median } from './lib/metrics.ts';
import { buildWorkload } from './lib/queries.ts';
import { latencyStats } from './lib/timing.ts';

const [dir, roundsArg] = process.argv.slice(2);
if (!dir) {
  process.stderr.write('usage: node bench/rerank-latency.ts CATALOG_DIR [ROUNDS]\n');
  process.exit(2);
}
const rounds = Number(roundsArg ?? 3);
const catalog = CatalogService.open(dir, createModelProvider());
const db = catalog.handle.reader;
const ids = (db.prepare('SELECT id FROM products').pluck().all() as string[]).slice(0, 10_000);
const prices = db.prepare('SELECT price FROM products WHERE price IS NOT NULL').pluck().all() as number[];
const workload = buildWorkload(ids, median(prices));
const searchers = {
  reranked: catalog.tunedSearcher({}),
  'fused only': catalog.tunedSearcher({ fusion: { ...FUSION, rerankWeight: 0 } }),
};
type Name = keyof typeof searchers;
const names = Object.keys(searchers) as Name[];

async function time(name: Name, req: SearchRequest): Promise<number> {
  const started = performance.now();
  await searchers[name].search(req);
  return performance.now() - started;
}

const out: Record<string, ReturnType<typeof latencyStats>> = {};
for (const filtered of [false, true]) {
  const samples = new Map<Name, number[]>(names.map((n) => [n, []]));
  for (let round = -1; round < rounds; round++) {
    for (const [i, query] of workload.queries.entries()) {
      const req = { query, mode: 'hybrid' as const, limit: 10, filters: filtered ? workload.filter : {} };
      const order = (i + round) % 2 ? [...names].reverse() : names;
      for (const name of order) {
        const ms = await time(name, req);
        if (round >= 0) samples.get(name)?.push(ms);
      }
    }
  }
  for (const name of names)
    out[`hybrid${filtered ? '+filter' : ''}, ${name}`] = latencyStats(samples.get(name) ?? []);
}
const products = catalog.info().products;
catalog.close();
console.log(`${products} products, ${workload.queries.length} queries × ${rounds} rounds`);
console.log('| search | p50 ms | p95 ms | p99 ms | mean ms |');
console.log('|---|---|---|---|---|');
for (const [label, s] of Object.entries(out))
  console.log(`| ${label} | ${s.p50} | ${s.p95} | ${s.p99} | ${s.mean} |`);
process.exit(0);
