// Relevance on the real Icecat judgments: NDCG@10 and recall@50 per search mode, dev and holdout
// reported separately (tune on dev only). Usage: node bench/relevance.ts [--catalog DIR] [--split dev|holdout|both]
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { SearchMode, SearchResult } from '../shared/types.ts';
import type { SearchRequest } from '../electron/engine/search/search-service.ts';
import { CatalogService } from '../electron/engine/catalog-service.ts';
import { ProgressMeter } from '../electron/engine/jobs/progress.ts';
import { createModelProvider } from '../electron/engine/models.ts';
import type { Judgments } from './lib/metrics.ts';
import { mean, ndcgAt, percentile, recallAt } from './lib/metrics.ts';
import { DATASETS_DIR } from './lib/sources.ts';

export const ICECAT_DIR = path.join(DATASETS_DIR, 'icecat-chorus-electronics');

export function requireIcecat(): void {
  if (!fs.existsSync(path.join(ICECAT_DIR, 'products.jsonl.gz'))) {
    throw new Error(
      `The Icecat dataset is not at ${ICECAT_DIR}; the relevance benchmark reads it from the team's shared folder.`,
    );
  }
}

export function loadJudgments(): Map<string, Judgments> {
  const lines = fs
    .readFileSync(path.join(ICECAT_DIR, 'Broad_Query_Set_rated.csv'), 'utf8')
    .trim()
    .split('\n');
  const out = new Map<string, Judgments>();
  for (const line of lines.slice(1)) {
    const m = /^(.*),(\d+),(\d+)$/.exec(line.trim());
    if (!m) continue;
    const query = m[1].replace(/^"|"$/g, '');
    if (!out.has(query)) out.set(query, new Map());
    (out.get(query) as Judgments).set(m[2], Number(m[3]));
  }
  return out;
}

export function loadSplit(name: 'dev' | 'holdout'): string[] {
  return fs
    .readFileSync(path.join(ICECAT_DIR, 'splits', `${name}.txt`), 'utf8')
    .split('\n')
    .map((q) => q.trim())
    .filter(Boolean);
}

/** Judged queries: the query lists of each split, and each query's graded judgments. */
export interface JudgedQueries {
  splits: Record<string, string[]>;
  judgments: Map<string, Judgments>;
}

export function icecatJudged(): JudgedQueries {
  return { splits: { dev: loadSplit('dev'), holdout: loadSplit('holdout') }, judgments: loadJudgments() };
}

/**
 * Opens the Icecat catalog in `dir`, importing and indexing it first if it is not there yet; `file` may
 * name a subset of the Icecat products (quick benchmark runs).
 */
export async function openIcecat(
  dir: string,
  file = path.join(ICECAT_DIR, 'products.jsonl.gz'),
): Promise<CatalogService> {
  requireIcecat();
  return openImported(dir, file, 'icecat');
}

/**
 * Opens the catalog in `dir`, importing `file` and indexing it first unless an earlier run left it
 * there fully embedded: later runs reuse its vectors instead of embedding it again.
 */
export async function openImported(dir: string, file: string, name: string): Promise<CatalogService> {
  const fresh = !fs.existsSync(path.join(dir, 'manifest.json'));
  const catalog = CatalogService.open(dir, createModelProvider(), { create: true, name });
  if (fresh || catalog.info().embedded < catalog.info().products || catalog.info().products === 0) {
    let last = 0;
    const meter = new ProgressMeter({ jobId: 'bench', catalogId: name, kind: 'import' }, (p) => {
      if (Date.now() - last > 5000) {
        last = Date.now();
        process.stderr.write(`${p.phase} ${p.done}/${p.total} (${p.ratePerSec}/s)\n`);
      }
    });
    const result = await catalog.importFile({ file, jobId: randomUUID() }, meter);
    process.stderr.write(`imported ${result.imported}, embedded ${result.embedded} in ${result.tookMs} ms\n`);
  }
  return catalog;
}

export interface RelevanceRow {
  split: string;
  mode: SearchMode;
  ndcg10: number;
  /** NDCG@10 over judged products only: the pool came from a keyword engine, so unjudged hits are unknown, not wrong. */
  ndcg10Judged: number;
  /**
   * NDCG@10 with every product the raters judged irrelevant taken out of the ranking: the most that
   * demoting what they rejected could reach, whatever the ranking signal.
   */
  ndcg10NoRejected: number;
  /** Products in the top 10 that nobody judged, per query: they count as irrelevant in NDCG@10. */
  unjudgedTop10: number;
  /** Share of the queries with at least one relevant judgment: NDCG@10 cannot exceed it. */
  ceiling: number;
  recall50: number;
  queries: number;
  p50Ms: number;
}

/** Anything that answers a search: a catalog, or a search service tuned otherwise (the levers). */
export interface Searcher {
  search(req: SearchRequest): Promise<SearchResult>;
}

/**
 * NDCG@10 and recall@50 per split and mode, on the Icecat judgments unless others are given. `typed`
 * turns each judged query into what is searched (a slip, a word cut short); the ranking is judged
 * against the judged query either way.
 */
export async function evaluateRelevance(
  catalog: Searcher,
  splits: string[],
  modes: SearchMode[] = ['keyword', 'semantic', 'hybrid'],
  typed: (query: string) => string = (q) => q,
  judged: JudgedQueries = icecatJudged(),
): Promise<RelevanceRow[]> {
  const { judgments } = judged;
  const rows: RelevanceRow[] = [];
  for (const split of splits) {
    const queries = (judged.splits[split] ?? []).filter((q) => judgments.has(q));
    for (const mode of modes) {
      const ndcg: number[] = [];
      const ndcgJudged: number[] = [];
      const ndcgNoRejected: number[] = [];
      const unjudged: number[] = [];
      const recall: number[] = [];
      const took: number[] = [];
      for (const query of queries) {
        const result = await catalog.search({ query: typed(query), mode, limit: 50, filters: {} });
        const ids = result.hits.map((h) => h.id);
        const graded = judgments.get(query) as Judgments;
        const ndcgOf = (keep: (id: string) => boolean) => ndcgAt(ids.filter(keep), graded, 10);
        ndcg.push(ndcgOf(() => true));
        ndcgJudged.push(ndcgOf((id) => graded.has(id)));
        ndcgNoRejected.push(ndcgOf((id) => graded.get(id) !== 0));
        unjudged.push(ids.slice(0, 10).filter((id) => !graded.has(id)).length);
        recall.push(recallAt(ids, graded, 50));
        took.push(result.tookMs);
      }
      rows.push({
        split,
        mode,
        ndcg10: round(mean(ndcg)),
        ndcg10Judged: round(mean(ndcgJudged)),
        ndcg10NoRejected: round(mean(ndcgNoRejected)),
        unjudgedTop10: Math.round(mean(unjudged) * 10) / 10,
        ceiling: round(
          queries.filter((q) => [...(judgments.get(q) as Judgments).values()].some((g) => g > 0)).length /
            queries.length,
        ),
        recall50: round(mean(recall)),
        queries: queries.length,
        p50Ms: percentile(took, 50),
      });
    }
  }
  return rows;
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { catalog: { type: 'string' }, split: { type: 'string' } },
  });
  const dir = path.resolve(values.catalog ?? path.join(import.meta.dirname, 'out', 'icecat'));
  const split = values.split ?? 'both';
  const splits: ('dev' | 'holdout')[] = split === 'both' ? ['dev', 'holdout'] : [split as 'dev' | 'holdout'];
  const catalog = await openIcecat(dir);
  try {
    const rows = await evaluateRelevance(catalog, splits);
    console.log('| split | mode | NDCG@10 | recall@50 | queries |');
    console.log('|---|---|---|---|---|');
    for (const r of rows)
      console.log(`| ${r.split} | ${r.mode} | ${r.ndcg10} | ${r.recall50} | ${r.queries} |`);
  } finally {
    catalog.close();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  await main();
}
