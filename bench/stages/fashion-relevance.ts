// Relevance on the fashion catalogs, where shoppers describe what they want more than they name it:
// Myntra (12,491 products) and the Hermes store (99), each imported as its file is, judged by the
// rule-built judgments of bench/lib/fashion-judgments.ts. Nothing is tuned on them.
import path from 'node:path';
import type { JudgedSet } from '../lib/fashion-judgments.ts';
import { hermesJudged, myntraJudged } from '../lib/fashion-judgments.ts';
import type { RelevanceRow } from '../relevance.ts';
import { evaluateRelevance, openImported } from '../relevance.ts';

export interface FashionRelevance {
  catalog: 'Myntra' | 'Hermes';
  products: number;
  rows: RelevanceRow[];
}

const SETS: { catalog: FashionRelevance['catalog']; dir: string; judged: () => JudgedSet }[] = [
  { catalog: 'Myntra', dir: 'myntra', judged: myntraJudged },
  { catalog: 'Hermes', dir: 'hermes', judged: hermesJudged },
];

/** NDCG@10 per mode on each fashion catalog; each is imported under `workDir` once and reused after. */
export async function measureFashionRelevance(workDir: string): Promise<FashionRelevance[]> {
  const out: FashionRelevance[] = [];
  for (const set of SETS) {
    const { file, judgments } = set.judged();
    const catalog = await openImported(path.join(workDir, set.dir), file, set.catalog.toLowerCase());
    try {
      const rows = await evaluateRelevance(catalog, ['all'], undefined, undefined, {
        splits: { all: [...judgments.keys()] },
        judgments,
      });
      out.push({ catalog: set.catalog, products: catalog.info().products, rows });
    } finally {
      catalog.close();
    }
  }
  return out;
}
