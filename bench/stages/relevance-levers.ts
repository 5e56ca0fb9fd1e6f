// The relevance levers, on the Icecat judgments (--levers): the fusion and re-rank weights, what completing and
// correcting words adds when queries are typed with a slip or cut mid-word, and what the embedding text
// is made of. Every row is hybrid search (the app's default) unless it says otherwise.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { SearchMode } from '../../shared/types.ts';
import type { ModelProvider } from '../../electron/engine/catalog-service.ts';
import { CatalogService } from '../../electron/engine/catalog-service.ts';
import type { EmbedPart } from '../../electron/engine/jobs/embedding-text.ts';
import { composeEmbeddingText, EMBED_PARTS } from '../../electron/engine/jobs/embedding-text.ts';
import { ProgressMeter } from '../../electron/engine/jobs/progress.ts';
import type { ProductRow } from '../../electron/engine/store/products.ts';
import { PRODUCT_COLUMNS, rowToProduct, sha1 } from '../../electron/engine/store/products.ts';
import type { FusionWeights } from '../../electron/engine/search/search-service.ts';
import { FUSION } from '../../electron/engine/search/search-service.ts';
import { typingLastWord, withTypo } from '../lib/query-variants.ts';
import type { RelevanceRow } from '../relevance.ts';
import { evaluateRelevance, loadJudgments, loadSplit } from '../relevance.ts';

export type RelevanceLeverKind =
  'semantic weight' | 're-rank weight' | 'name-length penalty' | 'word repair' | 'embedding text';

export interface RelevanceLever {
  lever: RelevanceLeverKind;
  setting: string;
  /** The queries searched: as judged, with one slip in their longest word, or with the last word cut short. */
  queries: 'as judged' | 'one typo' | 'last word cut';
  mode: SearchMode;
  /** NDCG@10 on the dev and holdout splits. */
  dev: number;
  holdout: number;
  /** The setting the engine ships with. */
  engine: boolean;
  /** How many of the judged queries (both splits) the typing form changed. */
  changedQueries?: number;
}

const SEMANTIC_WEIGHTS = [0, 0.05, 0.1, 0.15, 0.2, 0.3];
// 0: the model scores only the products among its own nearest neighbours (the fusion before re-ranking).
const RERANK_WEIGHTS = [0, 0.1, 0.15, 0.2, 0.25, 0.3];
const NAME_LENGTH_PENALTIES = [0, 0.1, 0.2, 0.3];
const QUERY_FORMS = [
  { queries: 'as judged', typed: (q: string) => q },
  { queries: 'one typo', typed: withTypo },
  { queries: 'last word cut', typed: typingLastWord },
] as const;
const COMPOSITIONS: { setting: string; parts: readonly EmbedPart[] }[] = [
  { setting: 'name', parts: ['name'] },
  { setting: 'name, category, brand', parts: ['name', 'category', 'brand'] },
  { setting: 'name, category, brand, key attributes', parts: ['name', 'category', 'brand', 'keyAttributes'] },
  { setting: 'name, category, brand, key attributes, description', parts: EMBED_PARTS },
];

function ndcgBySplit(rows: RelevanceRow[], mode: SearchMode): { dev: number; holdout: number } {
  const of = (split: string) => rows.find((r) => r.split === split && r.mode === mode)?.ndcg10 ?? 0;
  return { dev: of('dev'), holdout: of('holdout') };
}

async function fusionLevers(catalog: CatalogService): Promise<RelevanceLever[]> {
  const out: RelevanceLever[] = [];
  const sweep = async (lever: RelevanceLeverKind, key: keyof FusionWeights, values: number[]) => {
    for (const value of values) {
      const searcher = catalog.tunedSearcher({ fusion: { ...FUSION, [key]: value } });
      const rows = await evaluateRelevance(searcher, ['dev', 'holdout'], ['hybrid']);
      out.push({
        lever,
        setting: String(value),
        queries: 'as judged',
        mode: 'hybrid',
        ...ndcgBySplit(rows, 'hybrid'),
        engine: FUSION[key] === value,
      });
    }
  };
  await sweep('semantic weight', 'semanticWeight', SEMANTIC_WEIGHTS);
  await sweep('re-rank weight', 'rerankWeight', RERANK_WEIGHTS);
  await sweep('name-length penalty', 'nameLengthPenalty', NAME_LENGTH_PENALTIES);
  return out;
}

async function wordRepairLevers(catalog: CatalogService): Promise<RelevanceLever[]> {
  const out: RelevanceLever[] = [];
  const judgments = loadJudgments();
  const judged = [...loadSplit('dev'), ...loadSplit('holdout')].filter((q) => judgments.has(q));
  for (const form of QUERY_FORMS) {
    const changedQueries = judged.filter((q) => form.typed(q) !== q).length;
    for (const repairWords of [true, false]) {
      const rows = await evaluateRelevance(
        catalog.tunedSearcher({ repairWords }),
        ['dev', 'holdout'],
        ['hybrid'],
        form.typed,
      );
      out.push({
        lever: 'word repair',
        setting: repairWords ? 'completed and corrected' : 'as typed',
        queries: form.queries,
        mode: 'hybrid',
        ...ndcgBySplit(rows, 'hybrid'),
        engine: repairWords,
        ...(form.queries === 'as judged' ? {} : { changedQueries }),
      });
    }
  }
  return out;
}

/**
 * Each composition re-embeds a copy of the Icecat catalog (its stored products, their texts rewritten)
 * and is judged in semantic and hybrid search. The engine's own composition is measured the same way.
 */
async function compositionLevers(
  catalog: CatalogService,
  models: ModelProvider,
  scratchDir: string,
): Promise<RelevanceLever[]> {
  const out: RelevanceLever[] = [];
  const copyDir = path.join(scratchDir, 'icecat-composition');
  for (const { setting, parts } of COMPOSITIONS) {
    fs.rmSync(copyDir, { recursive: true, force: true });
    fs.mkdirSync(copyDir, { recursive: true });
    catalog.handle.reader.exec(`VACUUM INTO '${path.join(copyDir, 'catalog.sqlite').replace(/'/g, "''")}'`);
    for (const file of ['manifest.json', 'vectors.usearch'])
      fs.copyFileSync(path.join(catalog.handle.dir, file), path.join(copyDir, file));
    const copy = CatalogService.open(copyDir, models);
    try {
      rewriteEmbeddingTexts(copy, parts);
      const meter = new ProgressMeter({ jobId: 'levers', catalogId: 'icecat', kind: 'index' }, () => {});
      await copy.index(randomUUID(), meter);
      const rows = await evaluateRelevance(copy, ['dev', 'holdout'], ['semantic', 'hybrid']);
      for (const mode of ['semantic', 'hybrid'] as const) {
        out.push({
          lever: 'embedding text',
          setting,
          queries: 'as judged',
          mode,
          ...ndcgBySplit(rows, mode),
          engine: parts === EMBED_PARTS,
        });
      }
    } finally {
      copy.close();
    }
    process.stderr.write(`  embedding text "${setting}": ${JSON.stringify(out.slice(-2))}\n`);
  }
  fs.rmSync(copyDir, { recursive: true, force: true });
  return out;
}

function rewriteEmbeddingTexts(catalog: CatalogService, parts: readonly EmbedPart[]): void {
  const db = catalog.handle.writer;
  const rows = db.prepare(`SELECT ${PRODUCT_COLUMNS} FROM products p`).all() as ProductRow[];
  const update = db.prepare('UPDATE products SET embed_text = ?, embed_hash = ? WHERE rowid = ?');
  db.transaction(() => {
    for (const row of rows) {
      const text = composeEmbeddingText(rowToProduct(row), { parts });
      update.run(text, sha1(text), row.rowid);
    }
  })();
}

export async function measureRelevanceLevers(
  catalog: CatalogService,
  models: ModelProvider,
  scratchDir: string,
): Promise<RelevanceLever[]> {
  return [
    ...(await fusionLevers(catalog)),
    ...(await wordRepairLevers(catalog)),
    ...(await compositionLevers(catalog, models, scratchDir)),
  ];
}
