// The result cache: does the similar-query layer change results, how often does it answer, how fast,
// and what prefetch does for the first query after a catalog opens.
// Usage: node bench/query-cache.ts [--icecat DIR] [--catalog DIR ...] [--json FILE]
//   --icecat: the indexed Icecat catalog (relevance on its dev queries with the cache on and off)
//   --catalog: a generated catalog (repeat/similar latency; first query after open, cold and prefetched)
// A child process of this script measures each open: `--open DIR --query Q [--prefetch] [--warm]`.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { CacheLayer } from '../shared/insights.ts';
import type { SearchMode } from '../shared/types.ts';
import { CatalogService } from '../electron/engine/catalog-service.ts';
import { createModelProvider } from '../electron/engine/models.ts';
import type { SearchRequest } from '../electron/engine/search/search-service.ts';
import { SIMILAR_COSINE } from '../electron/engine/search/query-cache.ts';
import { codeWords } from '../electron/engine/search/query-form.ts';
import { cosine } from '../electron/engine/vector/codec.ts';
import { percentile } from './lib/metrics.ts';
import { buildWorkload } from './lib/queries.ts';
import { reordered, typingLastWord, withTypo } from './lib/query-variants.ts';
import { evaluateRelevance, loadJudgments, loadSplit } from './relevance.ts';

const MODES: SearchMode[] = ['keyword', 'semantic', 'hybrid'];
const VARIANTS: Record<string, (q: string) => string> = {
  original: (q) => q,
  typo: withTypo,
  reordered,
  typing: typingLastWord,
};
/** Lower thresholds tried for the embedding layer: how often it would answer, and what it would cost. */
const SWEEP = [0.95, 0.93, 0.9];
const log = (s: string) => process.stderr.write(`[query-cache] ${s}\n`);
const round = (n: number, d = 3) => Math.round(n * 10 ** d) / 10 ** d;

const { values } = parseArgs({
  options: {
    icecat: { type: 'string' },
    catalog: { type: 'string', multiple: true },
    json: { type: 'string' },
    open: { type: 'string' },
    query: { type: 'string' },
    mode: { type: 'string', default: 'hybrid' },
    prefetch: { type: 'boolean', default: false },
    warm: { type: 'boolean', default: false },
  },
});

/** One fresh process: open the catalog, optionally prefetch, time the first search of the query. */
async function openOnce(): Promise<void> {
  const t0 = performance.now();
  const catalog = CatalogService.open(values.open as string, createModelProvider());
  const openMs = performance.now() - t0;
  const req = { query: values.query as string, mode: values.mode as SearchMode, limit: 10, filters: {} };
  let prefetch = null;
  if (values.prefetch) prefetch = await catalog.prefetch();
  if (values.warm) {
    // Steady state: everything loaded, the result cache emptied before each timed search.
    for (let i = 0; i < 3; i++) await catalog.search(req);
    const samples: number[] = [];
    for (let i = 0; i < 9; i++) {
      catalog.searcher.clearCache();
      samples.push((await catalog.search(req)).tookMs);
    }
    console.log(JSON.stringify({ openMs, firstMs: percentile(samples, 50), layer: 'miss' }));
  } else {
    const { result, layer } = await catalog.searcher.search(req);
    console.log(JSON.stringify({ openMs, firstMs: result.tookMs, layer, prefetch }));
  }
  catalog.close();
  process.exit(0);
}

interface HitRun {
  variant: string;
  mode: SearchMode;
  ndcgOff: number;
  ndcgOn: number;
  hits: Record<CacheLayer, number>;
}

async function icecatRuns(dir: string) {
  const catalog = CatalogService.open(dir, createModelProvider());
  const judgments = loadJudgments();
  const queries = [...judgments.keys()];
  const dev = loadSplit('dev').filter((q) => judgments.has(q));
  // The cosine between a query and its variants, and between different judged queries.
  const embedder = await catalog.queryEmbedder();
  const vectors = await embedder.embed(queries);
  // Different queries whose words with digits are equal: the ones the embedding layer may confuse.
  const between: number[] = [];
  for (let i = 0; i < queries.length; i++)
    for (let j = i + 1; j < queries.length; j++)
      if (codeWords(queries[i]) === codeWords(queries[j])) between.push(cosine(vectors[i], vectors[j]));
  const pairs: Record<string, number[]> = {};
  for (const [name, make] of Object.entries(VARIANTS)) {
    if (name === 'original') continue;
    const changed = queries.filter((q) => make(q) !== q);
    const v = await embedder.embed(changed.map(make));
    pairs[name] = changed.map((q, i) => cosine(vectors[queries.indexOf(q)], v[i]));
  }
  const cosines = {
    distinctQueries: {
      p50: round(percentile(between, 50)),
      p99: round(percentile(between, 99)),
      max: round(Math.max(...between)),
    },
    ...Object.fromEntries(
      Object.entries(pairs).map(([name, c]) => [
        name,
        {
          pairs: c.length,
          p50: round(percentile(c, 50)),
          min: round(Math.min(...c)),
          atOrAboveThreshold: round(c.filter((x) => x >= SIMILAR_COSINE).length / c.length),
        },
      ]),
    ),
    threshold: SIMILAR_COSINE,
  };
  log(`cosines ${JSON.stringify(cosines)}`);

  const runs: HitRun[] = [];
  const latency: Record<CacheLayer, number[]> = { miss: [], exact: [], normalised: [], embedding: [] };
  for (const mode of MODES) {
    // Cache off: the ranking alone, every query searched.
    const off = new Map<string, number>();
    for (const [name, make] of Object.entries(VARIANTS)) {
      const [row] = await evaluateRelevance(catalog.tunedSearcher({}), ['dev'], [mode], make);
      off.set(name, row.ndcg10);
    }
    // Cache on, as in use: the judged queries searched first, then their variants.
    const cache = catalog.cachedSearcher({});
    for (const [name, make] of Object.entries(VARIANTS)) {
      const before = { ...cache.hits };
      const timed = {
        search: async (req: SearchRequest) => {
          const { result, layer } = await cache.search(req);
          latency[layer].push(result.tookMs);
          return result;
        },
      };
      const [row] = await evaluateRelevance(timed, ['dev'], [mode], make);
      const hits = Object.fromEntries(
        Object.entries(cache.hits).map(([layer, n]) => [layer, n - before[layer as CacheLayer]]),
      ) as Record<CacheLayer, number>;
      runs.push({ variant: name, mode, ndcgOff: off.get(name) as number, ndcgOn: row.ndcg10, hits });
      log(`${mode} ${name}: NDCG@10 off ${off.get(name)} on ${row.ndcg10} hits ${JSON.stringify(hits)}`);
    }
  }
  // The embedding layer (semantic mode) below its threshold: the hits it would add, what they would cost.
  const sweep: {
    cosine: number;
    mode: SearchMode;
    variant: string;
    ndcgOff: number;
    ndcgOn: number;
    embeddingHits: number;
  }[] = [];
  for (const threshold of SWEEP) {
    for (const mode of ['semantic'] as SearchMode[]) {
      const cache = catalog.cachedSearcher({ cosine: threshold });
      for (const [name, make] of Object.entries(VARIANTS)) {
        const before = cache.hits.embedding;
        const plain = { search: async (req: SearchRequest) => (await cache.search(req)).result };
        const [row] = await evaluateRelevance(plain, ['dev'], [mode], make);
        const off = runs.find((r) => r.mode === mode && r.variant === name) as HitRun;
        sweep.push({
          cosine: threshold,
          mode,
          variant: name,
          ndcgOff: off.ndcgOff,
          ndcgOn: row.ndcg10,
          embeddingHits: cache.hits.embedding - before,
        });
        log(
          `cosine ${threshold} ${mode} ${name}: NDCG@10 on ${row.ndcg10} (off ${off.ndcgOff}), embedding hits ${cache.hits.embedding - before}`,
        );
      }
    }
  }
  catalog.close();
  const latencyP50 = Object.fromEntries(
    Object.entries(latency).map(([layer, s]) => [
      layer,
      s.length ? { n: s.length, p50: round(percentile(s, 50), 2), p95: round(percentile(s, 95), 2) } : null,
    ]),
  );
  return { queries: dev.length, cosines, runs, latencyP50, sweep };
}

function child(args: string[]): { openMs: number; firstMs: number; layer: string } {
  const run = spawnSync(process.execPath, [import.meta.filename, ...args], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`child failed: ${run.stderr}`);
  return JSON.parse(run.stdout.trim().split('\n').pop() as string);
}

async function generatedRuns(dir: string) {
  const catalog = CatalogService.open(dir, createModelProvider());
  const ids = catalog.handle.reader.prepare('SELECT id FROM products LIMIT 5000').pluck().all() as string[];
  const median =
    (catalog.handle.reader
      .prepare(
        'SELECT price FROM products WHERE price IS NOT NULL ORDER BY price LIMIT 1 OFFSET (SELECT count(*) / 2 FROM products)',
      )
      .pluck()
      .get() as number) ?? 50;
  const workload = buildWorkload(ids, median).queries.slice(0, 165);
  const products = catalog.info().products;
  // Repeat and similar latency, warm: each query once (a miss), again (exact), reordered and mistyped.
  const layers: Record<string, number[]> = {};
  const cache = catalog.cachedSearcher({});
  for (const mode of ['hybrid', 'keyword'] as SearchMode[]) {
    for (const query of workload) await cache.search({ query, mode, limit: 10, filters: {} });
    for (const [name, make] of Object.entries(VARIANTS)) {
      for (const query of workload) {
        const { result, layer } = await cache.search({ query: make(query), mode, limit: 10, filters: {} });
        (layers[`${mode} ${name} → ${layer}`] ??= []).push(result.tookMs);
      }
    }
  }
  const similar = Object.fromEntries(
    Object.entries(layers).map(([k, s]) => [
      k,
      { n: s.length, p50: round(percentile(s, 50), 2), p95: round(percentile(s, 95), 2) },
    ]),
  );
  // The popular query: searched most often in the log, as a user would have.
  catalog.clearQueryLog();
  const popular = workload.slice(0, 10);
  for (let round_ = 0; round_ < 3; round_++)
    for (const query of popular)
      await catalog.search({ query, mode: 'hybrid', limit: 10, filters: {} }, { record: true });
  catalog.close();
  const first = popular[0];
  // A popular query of several words, typed in another order: the normalised layer after prefetch.
  const several = popular.find((q) => q.includes(' ')) ?? first;
  // A query nobody searched: what prefetch's warm model, vocabulary and pages do for the rest.
  const unseen = workload[workload.length - 40];
  const times = (args: string[]) => [0, 1, 2].map(() => child(['--open', dir, ...args]));
  const cold = times(['--query', first]);
  const prefetched = times(['--query', first, '--prefetch']);
  const prefetchedSimilar = times(['--query', reordered(several), '--prefetch']);
  const warm = times(['--query', first, '--warm']);
  const coldUnseen = times(['--query', unseen]);
  const prefetchedUnseen = times(['--query', unseen, '--prefetch']);
  const warmUnseen = times(['--query', unseen, '--warm']);
  const med = (runs: { firstMs: number }[]) =>
    round(
      percentile(
        runs.map((r) => r.firstMs),
        50,
      ),
      2,
    );
  return {
    products,
    queries: workload.length,
    similar,
    firstQuery: {
      query: first,
      coldMs: med(cold),
      prefetchedMs: med(prefetched),
      prefetchedLayer: prefetched[0].layer,
      prefetchedSimilarMs: med(prefetchedSimilar),
      prefetchedSimilarLayer: prefetchedSimilar[0].layer,
      warmUncachedMs: med(warm),
      similarQuery: reordered(several),
      unseenQuery: unseen,
      coldUnseenMs: med(coldUnseen),
      prefetchedUnseenMs: med(prefetchedUnseen),
      prefetchedUnseenLayer: prefetchedUnseen[0].layer,
      warmUnseenMs: med(warmUnseen),
      openMs: round(
        percentile(
          cold.map((r) => r.openMs),
          50,
        ),
        1,
      ),
    },
  };
}

if (values.open) {
  await openOnce();
} else {
  const out: Record<string, unknown> = { at: new Date().toISOString() };
  if (values.icecat) out.icecat = await icecatRuns(path.resolve(values.icecat));
  out.generated = [];
  for (const dir of values.catalog ?? []) {
    log(`generated catalog ${dir}`);
    (out.generated as unknown[]).push(await generatedRuns(path.resolve(dir)));
  }
  const text = JSON.stringify(out, null, 2);
  if (values.json) fs.writeFileSync(values.json, `${text}\n`);
  console.log(text);
  process.exit(0);
}
