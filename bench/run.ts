// The benchmark suite (`npm run bench`): generated catalogs at several sizes, Shelfscope against its peers
// on the same rows and vectors, relevance on the Icecat judgments; writes bench/out/results.json,
// docs/bench/ (results.json, charts) and BENCHMARKS.md (a --quick run writes to bench/out/quick/ only).
// Usage: node bench/run.ts [--quick] [--sizes 10k,100k,1m] [--seed N] [--no-peers] [--peers-up-to 100k] [--levers] [--no-relevance]
//        (--levers: embedding, ef_search and quantization on the smallest catalog, connectivity and ef_add on
//        the largest up to 100k, relevance levers on Icecat)
//        [--reuse]  (keep catalogs imported by an earlier run, with their end-to-end figures)
//        [--shopify SIZES] [--no-shopify]  (a generated Shopify product CSV per size; default 100000, quick 2000)
//        [--xml-mb N] [--no-xml]  (a generated Google Merchant XML feed of N MiB and of N/4; default 1024, quick 16)
//        [--health SIZES] [--no-health]  (the health pass and the export at each size; default 100k, quick 2k)
//        [--team SIZES] [--no-team]  (team catalogs on a throwaway PostgreSQL: publish, open, 1 % sync; default 100000, quick 2000)
//        [--cache SIZES] [--cache-catalog DIR,...] [--no-cache]  (the result cache, bench/query-cache.ts: at each size, default 100k,
//        quick 2k, or on catalogs built beforehand, copied first; Icecat cache on/off relevance with the first)
//        [--only shopify,xml,relevance,health,team,cache]  (just those stages, added to the published results of an earlier run)
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createModelProvider } from '../electron/engine/models.ts';
import type { Pools } from './lib/generate.ts';
import { buildPools, generateProducts, writeCatalogCsv } from './lib/generate.ts';
import { writeIcecatSubset } from './lib/icecat-subset.ts';
import { gitCommit, machineInfo } from './lib/machine.ts';
import type { Plan } from './lib/plan.ts';
import { planRun } from './lib/plan.ts';
import type { BenchResults, SizeResult } from './lib/results.ts';
import { withStages } from './lib/results.ts';
import { parseSize, sizeLabel } from './lib/sizes.ts';
import { loadIcecatSources, loadMyntraSources } from './lib/sources.ts';
import { evaluateRelevance, openIcecat } from './relevance.ts';
import { reportTargets, writeReport } from './report/write-report.ts';
import { REPO } from './stages/end-to-end.ts';
import { measureSize } from './stages/catalog-size.ts';
import type { AnnLever } from './stages/ann.ts';
import type { EmbeddingLever } from './stages/embedding.ts';
import type { RelevanceLever } from './stages/relevance-levers.ts';
import { measureRelevanceLevers } from './stages/relevance-levers.ts';
import { measureFashionRelevance } from './stages/fashion-relevance.ts';
import type { StageFailure } from './stages/platform-import.ts';
import { isFailure } from './stages/platform-import.ts';
import type { ShopifyImport } from './stages/shopify-import.ts';
import { measureShopifyImport } from './stages/shopify-import.ts';
import { measureXmlFeedScaling } from './stages/xml-feed-import.ts';
import type { HealthCheckRun } from './stages/health-check.ts';
import { measureHealthCheck } from './stages/health-check.ts';
import type { TeamCatalogRun } from './stages/team-catalog.ts';
import { measureTeamCatalog } from './stages/team-catalog.ts';
import type { QueryCacheRun } from './stages/query-cache.ts';
import { measureQueryCache } from './stages/query-cache.ts';

const OUT = path.join(import.meta.dirname, 'out');
const QUICK_SIZE = '2k';
const QUICK_ICECAT = 4000;
const log = (s: string) => process.stderr.write(`[bench] ${s}\n`);

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    sizes: { type: 'string' },
    'peers-up-to': { type: 'string', default: '100k' },
    seed: { type: 'string', default: '42' },
    'no-peers': { type: 'boolean', default: false },
    levers: { type: 'boolean', default: false },
    'no-relevance': { type: 'boolean', default: false },
    reuse: { type: 'boolean', default: false },
    shopify: { type: 'string' },
    'no-shopify': { type: 'boolean', default: false },
    'xml-mb': { type: 'string' },
    'no-xml': { type: 'boolean', default: false },
    team: { type: 'string' },
    'no-team': { type: 'boolean', default: false },
    only: { type: 'string' },
    health: { type: 'string' },
    'no-health': { type: 'boolean', default: false },
    cache: { type: 'string' },
    'cache-catalog': { type: 'string' },
    'no-cache': { type: 'boolean', default: false },
  },
});
const started = performance.now();
const quick = values.quick ?? false;
const seed = Number(values.seed);
const sizes = (values.sizes ?? (quick ? QUICK_SIZE : '10k,100k')).split(',').map(parseSize);
const peersUpTo = parseSize(values['peers-up-to'] ?? '100k');
function planOrExit(): Plan {
  try {
    return planRun({ ...values, quick });
  } catch (e) {
    process.stderr.write(`bench: ${(e as Error).message}\n`);
    process.exit(2);
  }
}
const plan = planOrExit();
fs.mkdirSync(OUT, { recursive: true });

const models = createModelProvider();
const machine = machineInfo();
// The code measured is the code loaded now: record the commit before anything runs.
const commit = gitCommit(REPO);
log(
  `machine ${JSON.stringify(machine)}; ${plan.catalogs ? `sizes ${sizes.map(sizeLabel).join(', ')}` : `only ${plan.only?.join(', ')}`}; shopify ${JSON.stringify(plan.shopify)}; xml MiB ${JSON.stringify(plan.xmlMib)}; health ${JSON.stringify(plan.health)}`,
);

let loadedPools: Pools | undefined;
const pools = () => (loadedPools ??= buildPools([...loadIcecatSources(), ...loadMyntraSources()]));

async function ensureCatalogCsv(n: number): Promise<{ file: string; bytes: number }> {
  const file = path.join(OUT, `generated-${sizeLabel(n)}-seed${seed}.csv`);
  if (fs.existsSync(file)) return { file, bytes: fs.statSync(file).size };
  log(`generating ${file}`);
  return { file, bytes: await writeCatalogCsv(file, generateProducts(pools(), n, seed)) };
}

const results: SizeResult[] = [];
let embeddingLevers: EmbeddingLever[] = [];
let parallelEmbedding: BenchResults['parallelEmbedding'];
let annLevers: AnnLever[] = [];
let annGraphLevers: BenchResults['annGraphLevers'];
// Graph parameters matter only where recall falls below 1: the largest catalog up to 100k.
const graphLeverSize = Math.max(...sizes.filter((n) => n <= 100_000));
if (plan.catalogs) {
  for (const n of sizes) {
    const { file, bytes } = await ensureCatalogCsv(n);
    const measured = await measureSize({
      label: sizeLabel(n),
      csv: file,
      csvBytes: bytes,
      workDir: OUT,
      models,
      peers: !values['no-peers'],
      // Above this the peers take longer than the rest of the run together (hnswlib-node adds one
      // point at a time, Orama keeps every document and vector in the JS heap).
      peersSkipped:
        n > peersUpTo
          ? `not run above ${sizeLabel(peersUpTo)} products (--peers-up-to): their builds alone would outlast the rest of the run`
          : undefined,
      levers: (values.levers ?? false) && n === Math.min(...sizes),
      annGraphLevers: (values.levers ?? false) && n === graphLeverSize,
      overheadTexts: quick ? 600 : 16_000,
      reuse: values.reuse ?? false,
    });
    results.push(measured.result);
    if (measured.embeddingLevers.length) embeddingLevers = measured.embeddingLevers;
    if (measured.parallelEmbedding.length) parallelEmbedding = measured.parallelEmbedding;
    if (measured.annLevers.length) annLevers = measured.annLevers;
    if (measured.annGraphLevers.length)
      annGraphLevers = { size: sizeLabel(n), rows: measured.annGraphLevers };
  }
}

let relevance: BenchResults['relevance'] = { skipped: 'not requested (--no-relevance)' };
let relevanceLevers: RelevanceLever[] = [];
let fashionRelevance: BenchResults['fashionRelevance'];
if (plan.relevance) {
  const subsetFile = path.join(OUT, `icecat-subset-${QUICK_ICECAT}.jsonl.gz`);
  // A quick run reuses the full Icecat catalog when an earlier full run left it indexed.
  const subset = quick && !fs.existsSync(path.join(OUT, 'icecat', 'manifest.json'));
  const label = subset
    ? `Icecat subset: every judged product + others, ${QUICK_ICECAT} of 19,406 (scores run high: fewer distractors)`
    : 'Icecat, all 19,406 products';
  if (subset && !fs.existsSync(subsetFile)) writeIcecatSubset(subsetFile, QUICK_ICECAT);
  log(`relevance on ${label}`);
  const catalog = subset
    ? await openIcecat(path.join(OUT, 'icecat-subset'), subsetFile)
    : await openIcecat(path.join(OUT, 'icecat'));
  try {
    relevance = {
      catalog: label,
      rows: await evaluateRelevance(catalog, ['dev', 'holdout']),
      measured: { at: new Date().toISOString(), commit, machine },
    };
    if (values.levers) {
      log('relevance levers: fusion weights, word repair, embedding text');
      relevanceLevers = await measureRelevanceLevers(catalog, models, OUT);
    }
  } finally {
    catalog.close();
  }
  log('relevance on the fashion catalogs (Myntra, Hermes)');
  fashionRelevance = await measureFashionRelevance(OUT);
}

// The platform exports: each run in a temp dir of its own, its counts checked against the file.
let shopify: BenchResults['shopify'] = Array.isArray(plan.shopify) ? undefined : plan.shopify;
if (Array.isArray(plan.shopify)) {
  const runs: (ShopifyImport | StageFailure)[] = [];
  for (const n of plan.shopify) runs.push(await measureShopifyImport(pools(), n, seed));
  shopify = { runs };
}
const xmlFeed: BenchResults['xmlFeed'] =
  typeof plan.xmlMib === 'number'
    ? { runs: await measureXmlFeedScaling(pools(), plan.xmlMib, seed) }
    : plan.xmlMib;
let health: BenchResults['health'] = Array.isArray(plan.health) ? undefined : plan.health;
if (Array.isArray(plan.health)) {
  const runs: (HealthCheckRun | StageFailure)[] = [];
  for (const n of plan.health) {
    const { file } = await ensureCatalogCsv(n);
    runs.push(await measureHealthCheck(file, n, OUT, values.reuse ?? false));
  }
  health = { runs };
}
let team: BenchResults['team'] = Array.isArray(plan.team) ? undefined : plan.team;
if (Array.isArray(plan.team)) {
  const runs: (TeamCatalogRun | StageFailure)[] = [];
  for (const n of plan.team) runs.push(await measureTeamCatalog(pools(), n, seed, models));
  team = { runs };
}
let cache: BenchResults['cache'] = Array.isArray(plan.cache) ? undefined : plan.cache;
if (Array.isArray(plan.cache)) {
  const runs: (QueryCacheRun | StageFailure)[] = [];
  // The Icecat relevance with the cache on and off needs the indexed Icecat catalog: measured once.
  let icecat: string | null = path.join(OUT, 'icecat');
  (await openIcecat(icecat)).close();
  for (const at of plan.cache) {
    const src =
      typeof at === 'string'
        ? { catalogDir: path.resolve(at), prebuilt: true }
        : {
            csv: (await ensureCatalogCsv(at)).file,
            catalogDir: path.join(OUT, `cache-catalog-${sizeLabel(at)}`),
            reuse: values.reuse ?? false,
          };
    runs.push(await measureQueryCache(src, icecat));
    icecat = null;
  }
  cache = { runs };
}
const failures = [shopify, xmlFeed, health, team, cache].flatMap((r) =>
  r && 'runs' in r ? r.runs.filter(isFailure) : [],
);

const fresh: BenchResults = {
  generatedAt: new Date().toISOString(),
  quick,
  seed,
  machine,
  commit,
  model: models.identity,
  sizes: results,
  embeddingLevers,
  parallelEmbedding,
  annLevers,
  annGraphLevers,
  relevance,
  relevanceLevers,
  fashionRelevance,
  shopify,
  xmlFeed,
  health,
  team,
  cache,
  tookSec: Math.round((performance.now() - started) / 1000),
};
// An --only run adds its stages to the results it would overwrite (the catalogs' figures stay theirs).
const publishedFile = path.join(reportTargets(quick).docsDir, 'results.json');
const results_ = !plan.only
  ? fresh
  : withStages(
      fs.existsSync(publishedFile)
        ? (JSON.parse(fs.readFileSync(publishedFile, 'utf8')) as BenchResults)
        : fresh,
      {
        shopify: plan.only.includes('shopify') ? shopify : undefined,
        xmlFeed: plan.only.includes('xml') ? xmlFeed : undefined,
        ...(plan.only.includes('relevance') ? { relevance, relevanceLevers, fashionRelevance } : {}),
        health: plan.only.includes('health') ? health : undefined,
        team: plan.only.includes('team') ? team : undefined,
        cache: plan.only.includes('cache') ? cache : undefined,
      },
    );
if (!quick) fs.writeFileSync(path.join(OUT, 'results.json'), `${JSON.stringify(results_, null, 2)}\n`);
const { mdFile, docsDir } = await writeReport(results_);
log(
  `done in ${fresh.tookSec} s: ${path.relative(REPO, mdFile)}, ${path.relative(REPO, docsDir)}/ (results.json, charts)`,
);
if (failures.length)
  log(`${failures.length} stage run(s) failed: ${failures.map((f) => f.label).join(', ')}`);
// The query embedder's ONNX session keeps the event loop alive.
process.exit(failures.length ? 1 : 0);
