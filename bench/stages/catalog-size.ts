// Every figure for one generated catalog size: end to end in child processes, then in-process search,
// ANN, ask and the peers on the same rows and vectors.
import fs from 'node:fs';
import path from 'node:path';
import { CatalogService } from '../../electron/engine/catalog-service.ts';
import type { ModelProvider } from '../../electron/engine/catalog-service.ts';
import { INDEX_THREADS } from '../../electron/engine/models.ts';
import { loadCatalogData } from '../lib/catalog-data.ts';
import { askCategories, buildQuestions, buildWorkload } from '../lib/queries.ts';
import type { SizeResult } from '../lib/results.ts';
import { median } from '../lib/metrics.ts';
import { latencyStats } from '../lib/timing.ts';
import type { PeerContext } from '../peers/context.ts';
import { cosineTo } from '../peers/context.ts';
import { benchFts5 } from '../peers/fts5.ts';
import { benchHnswlib } from '../peers/hnswlib.ts';
import { benchLanceDb } from '../peers/lancedb.ts';
import { benchOrama } from '../peers/orama.ts';
import type { PeerResult } from '../peers/types.ts';
import { skippedPeer } from '../peers/types.ts';
import type { AnnGraphLever, AnnLever } from './ann.ts';
import { exactTop10, measureAnn, measureAnnGraphLevers, measureAnnLevers } from './ann.ts';
import { measureAsk } from './ask.ts';
import type { EmbeddingLever } from './embedding.ts';
import { measureEmbeddingLevers, sampleProducts } from './embedding.ts';
import type { EndToEnd } from './end-to-end.ts';
import { measureColdOpen, measureEndToEnd } from './end-to-end.ts';
import { measurePipelineOverhead } from './overhead.ts';
import type { ParallelEmbeddingLever } from './parallel-embedding.ts';
import { measureParallelEmbedding } from './parallel-embedding.ts';
import { measureFtsAllWords, measureSearch } from './search-latency.ts';

export interface SizeOptions {
  label: string;
  csv: string;
  csvBytes: number;
  workDir: string;
  models: ModelProvider;
  peers: boolean;
  /** Why the peers are not run at this size (they are listed as skipped, with this reason). */
  peersSkipped?: string;
  levers: boolean;
  /** ANN connectivity and ef_add builds (worth it only where recall is below 1: the 100k catalog). */
  annGraphLevers: boolean;
  /** Texts the bare model and the index job each embed per round of the overhead measurement. */
  overheadTexts: number;
  /** Keep an existing catalog and the end-to-end figures measured when it was imported. */
  reuse: boolean;
}

const log = (s: string) => process.stderr.write(`[bench] ${s}\n`);

async function runPeer(name: string, run: () => Promise<PeerResult>): Promise<PeerResult> {
  log(`peer ${name}`);
  try {
    return await run();
  } catch (e) {
    return skippedPeer(name, `failed: ${(e as Error).message.split('\n')[0]}`);
  }
}

export async function measureSize(opts: SizeOptions): Promise<{
  result: SizeResult;
  embeddingLevers: EmbeddingLever[];
  parallelEmbedding: ParallelEmbeddingLever[];
  annLevers: AnnLever[];
  annGraphLevers: AnnGraphLever[];
}> {
  const catalogDir = path.join(opts.workDir, `catalog-${opts.label}`);
  const scratch = path.join(opts.workDir, `scratch-${opts.label}`);
  fs.rmSync(scratch, { recursive: true, force: true });
  fs.mkdirSync(scratch, { recursive: true });

  const saved = path.join(catalogDir, 'bench-end-to-end.json');
  const reused = opts.reuse && fs.existsSync(saved);
  let endToEnd: EndToEnd;
  if (reused) {
    log(`${opts.label}: reusing ${catalogDir} and its end-to-end figures`);
    endToEnd = JSON.parse(fs.readFileSync(saved, 'utf8')) as EndToEnd;
  } else {
    log(`${opts.label}: shelfscope import (child process)`);
    endToEnd = await measureEndToEnd(opts.csv, catalogDir, 'usb cable');
    fs.writeFileSync(saved, JSON.stringify(endToEnd));
  }
  log(`${opts.label}: ${JSON.stringify(endToEnd)}`);
  const coldOpen = await measureColdOpen(catalogDir, 'wireless headphones');

  log(
    `${opts.label}: pipeline overhead, index job passes between bare model passes on ${opts.overheadTexts} texts`,
  );
  const { raw, overhead } = await measurePipelineOverhead(
    catalogDir,
    scratch,
    opts.models,
    opts.overheadTexts,
  );

  const catalog = CatalogService.open(catalogDir, opts.models);
  try {
    const db = catalog.handle.reader;
    const data = loadCatalogData(db, opts.models.identity.dimensions);
    const medianPrice = median(data.docs.map((d) => d.price));
    const workload = buildWorkload(
      data.docs.map((d) => d.id),
      medianPrice,
    );
    log(`${opts.label}: search latency, ${workload.queries.length} queries × 6`);
    const search = await measureSearch(catalog, workload);
    const ftsAllWords = await measureFtsAllWords(db, workload.queries);
    const queryEmbedder = await opts.models.queryEmbedder();
    const embed = async (text: string) => (await queryEmbedder.embed([text]))[0];
    const annQueries: Float32Array[] = [];
    const embedSamples: number[] = [];
    for (const q of workload.queries) {
      const t = performance.now();
      annQueries.push(await embed(q));
      embedSamples.push(performance.now() - t);
    }
    const exact = exactTop10(data, annQueries);
    log(`${opts.label}: ANN recall and rebuild`);
    const ann = await measureAnn(catalog.handle.ann, data, annQueries, exact, scratch);
    const categories = askCategories(data.docs.map((d) => d.category));
    const ask = await measureAsk(catalog, buildQuestions(categories, medianPrice));

    const ctx: PeerContext = {
      data,
      queries: workload.queries,
      filter: workload.filter,
      embed,
      annQueries,
      exactTop10: exact,
      similarity: cosineTo(data, annQueries),
      dir: scratch,
    };
    const peers: PeerResult[] = [];
    if (opts.peers) {
      const runs: [string, (c: PeerContext) => Promise<PeerResult>][] = [
        ['SQLite FTS5 bm25', benchFts5],
        ['hnswlib-node', benchHnswlib],
        ['LanceDB', benchLanceDb],
        ['Orama', benchOrama],
      ];
      const skipped = opts.peersSkipped;
      for (const [name, bench] of runs) {
        peers.push(skipped ? skippedPeer(name, skipped) : await runPeer(name, () => bench(ctx)));
      }
    }
    let embeddingLevers: EmbeddingLever[] = [];
    let parallelEmbedding: ParallelEmbeddingLever[] = [];
    let annLevers: AnnLever[] = [];
    if (opts.levers) {
      log(`${opts.label}: levers`);
      embeddingLevers = await measureEmbeddingLevers(sampleProducts(db, 600).texts);
      parallelEmbedding = await measureParallelEmbedding(sampleProducts(db, 3000).texts, INDEX_THREADS);
      annLevers = await measureAnnLevers(catalog.handle.ann.file, data, annQueries, exact, scratch);
    }
    let annGraphLevers: AnnGraphLever[] = [];
    if (opts.annGraphLevers) {
      log(`${opts.label}: ANN connectivity and ef_add`);
      annGraphLevers = await measureAnnGraphLevers(data, annQueries, exact, scratch);
    }
    return {
      result: {
        label: opts.label,
        products: endToEnd.products,
        csvBytes: opts.csvBytes,
        endToEnd,
        endToEndReused: reused,
        coldOpen,
        raw,
        overhead,
        search,
        ftsAllWords,
        queryEmbed: latencyStats(embedSamples),
        ask,
        ann,
        queries: workload.queries.length,
        peers,
      },
      embeddingLevers,
      parallelEmbedding,
      annLevers,
      annGraphLevers,
    };
  } finally {
    catalog.close();
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}
