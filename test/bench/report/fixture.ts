import type { BenchResults, SizeResult } from '../../../bench/lib/results.ts';
import { sizeLabel } from '../../../bench/lib/sizes.ts';
import type { LatencyStats } from '../../../bench/lib/timing.ts';
import type { OverheadRound, PipelineOverhead } from '../../../bench/stages/overhead.ts';
import type { ShopifyImport } from '../../../bench/stages/shopify-import.ts';
import type { XmlFeedImport } from '../../../bench/stages/xml-feed-import.ts';

export function latency(p50: number, p95 = p50 * 2): LatencyStats {
  return { n: 10, p50, p95, p99: p95 * 1.5, mean: p50, qps: Math.round(1000 / p50) };
}

/**
 * Overhead rounds on 16,000 texts, one per percentage: 16 s of bare model each; inside the job the
 * model took 16.5 s and the ANN index `annMs` (1 s unless given).
 */
export function overhead(percents: number[], annMs: number[] = []): PipelineOverhead {
  const rounds: OverheadRound[] = percents.map((overheadPct, i) => ({
    bareTextsPerSec: 1000,
    pipelineTextsPerSec: 1000 - overheadPct * 10,
    overheadPct,
    bareCpuMsPerText: 2,
    pipelineCpuMsPerText: 2 * (1 + overheadPct / 100),
    cpuOverheadPct: overheadPct,
    saveMs: 300,
    bareMs: 16_000,
    modelMs: 16_500,
    annMs: annMs[i] ?? 1000,
  }));
  const median = [...percents].sort((a, b) => a - b)[Math.floor(percents.length / 2)];
  return {
    texts: 16_000,
    catalogProducts: 100_000,
    rounds,
    bareTextsPerSec: [1000, ...rounds.map(() => 1000)],
    overheadPct: median,
    cpuOverheadPct: median,
  };
}

export function size(
  label: string,
  products: number,
  hybridP50: number,
  over: Partial<SizeResult> = {},
): SizeResult {
  return {
    label,
    products,
    csvBytes: products * 300,
    endToEnd: {
      products,
      rejected: 0,
      importProcessMs: 100_000,
      importRowsPerSec: 5000,
      importMs: (products / 5000) * 1000,
      embedTextsPerSec: 200,
      indexMs: (products / 200) * 1000,
      firstSearchProcessMs: 1500,
      endToEndMs: 120_000,
      peakRssMb: 350,
      dbBytes: 1e8,
      indexBytes: 1e8,
    },
    coldOpen: { processMs: 1500, openToFirstResultMs: 600, openMs: 100, firstSearchMs: 500, peakRssMb: 200 },
    raw: { texts: 100, meanChars: 200, batchSize: 32, intraOpThreads: 1, textsPerSec: 220 },
    overhead: overhead([9.1]),
    search: { hybrid: latency(hybridP50), keyword: latency(1), semantic: latency(hybridP50 - 1) },
    ftsAllWords: {
      ranked: latency(products / 200_000),
      walked: latency(products / 1_000_000),
      matchesP50: products / 50,
    },
    ask: latency(20),
    ann: {
      recall10: 0.99,
      latency: latency(0.2),
      buildMs: 30_000,
      fileBytes: 1e8,
      params: { connectivity: 16, expansionAdd: 128, expansionSearch: 96, quantization: 'f16' },
    },
    queries: 10,
    peers: [
      {
        name: 'Orama',
        version: '3',
        skipped: null,
        buildMs: 200_000,
        queries: { hybrid: latency(hybridP50 * 4) },
        recall10: null,
        notes: [],
      },
      {
        name: 'LanceDB',
        version: null,
        skipped: 'not installed',
        buildMs: null,
        queries: {},
        recall10: null,
        notes: [],
      },
    ],
    ...over,
  };
}

export function results(sizes: SizeResult[]): BenchResults {
  return {
    generatedAt: '2026-11-24T00:00:00.000Z',
    quick: false,
    seed: 42,
    machine: { cpu: 'test cpu', cores: 2, memoryGb: 8, os: 'Linux', node: 'v22', loadAtStart: 0.5 },
    commit: 'abc1234',
    model: { name: 'use-lite', version: '1', dimensions: 512 },
    sizes,
    embeddingLevers: [],
    annLevers: [],
    relevance: {
      catalog: 'Icecat',
      rows: [
        {
          split: 'dev',
          mode: 'keyword',
          ndcg10: 0.7,
          ndcg10Judged: 0.7,
          ndcg10NoRejected: 0.7,
          unjudgedTop10: 2,
          ceiling: 0.87,
          recall50: 0.9,
          queries: 112,
          p50Ms: 1,
        },
        {
          split: 'dev',
          mode: 'hybrid',
          ndcg10: 0.73,
          ndcg10Judged: 0.73,
          ndcg10NoRejected: 0.73,
          unjudgedTop10: 2,
          ceiling: 0.87,
          recall50: 0.9,
          queries: 112,
          p50Ms: 5,
        },
        {
          split: 'holdout',
          mode: 'keyword',
          ndcg10: 0.66,
          ndcg10Judged: 0.66,
          ndcg10NoRejected: 0.66,
          unjudgedTop10: 2,
          ceiling: 0.87,
          recall50: 0.9,
          queries: 23,
          p50Ms: 1,
        },
        {
          split: 'holdout',
          mode: 'hybrid',
          ndcg10: 0.64,
          ndcg10Judged: 0.64,
          ndcg10NoRejected: 0.64,
          unjudgedTop10: 2,
          ceiling: 0.87,
          recall50: 0.9,
          queries: 23,
          p50Ms: 5,
        },
      ],
    },
    tookSec: 60,
  };
}

const stamp = (label: string) => ({
  label,
  measuredAt: '2026-12-07T09:00:00.000Z',
  commit: 'abc1234',
  machine: { cpu: 'test cpu', cores: 2, memoryGb: 8, os: 'Linux', node: 'v22', loadAtStart: 1.5 },
  tookSec: 120,
});

const importFigures = (engineMs: number, peakRssMb: number, dbBytes: number, indexBytes = 0) => ({
  engineMs,
  processMs: engineMs + 500,
  peakRssMb,
  dbBytes,
  indexBytes,
});

/** A Shopify CSV of `products` products, 3 variant rows each and one image-only row per ten. */
export function shopifyRun(products: number): ShopifyImport {
  const rows = products * 3 + products / 10;
  return {
    ...stamp(sizeLabel(products)),
    csvBytes: products * 1500,
    generateMs: 5000,
    generated: {
      products,
      rows,
      variantRows: products * 3,
      variants: products * 2.8,
      imageRows: products / 10,
      onSale: products / 5,
      untracked: products / 10,
    },
    readStore: { ...importFigures(30_000, 200, 3e8), rowsPerSec: Math.round(rows / 30) },
    searchable: {
      ...importFigures(120_000, 380, 3.5e8, 1.2e8),
      firstSearchProcessMs: 800,
      endToEndMs: 121_300,
      embedded: products,
    },
  };
}

export function xmlRun(targetMib: number, peakRssMb: number): XmlFeedImport {
  const items = targetMib * 900;
  return {
    ...stamp(`${targetMib} MiB`),
    targetMib,
    bytes: targetMib * 2 ** 20 + 800,
    generateMs: targetMib * 30,
    generated: { items, products: items * 0.6, variants: items * 0.55 },
    import: {
      ...importFigures(targetMib * 200, peakRssMb, targetMib * 1e6),
      mibPerSec: 5,
      itemsPerSec: 4500,
    },
  };
}
