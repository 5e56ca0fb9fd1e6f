// The model alone: texts/s of a bare ONNX session on the catalog's own embedding texts, with the
// settings the index worker uses, so the pipeline's overhead can be read off against it.
import path from 'node:path';
import { DEFAULT_BATCH_SIZE, defaultModelsDir, loadEmbedder } from '../../electron/engine/embed/index.ts';
import { DEFAULT_MODEL, INDEX_THREADS } from '../../electron/engine/models.ts';
import type { Db } from '../../electron/engine/store/database.ts';
import { round } from '../lib/timing.ts';

export interface RawThroughput {
  texts: number;
  meanChars: number;
  batchSize: number;
  intraOpThreads: number;
  /** The engine's indexing set-up run bare. */
  textsPerSec: number;
  /** CPU time per text of that bare session (all threads). */
  cpuMsPerText?: number;
}

export interface EmbeddingLever {
  batchSize: number;
  intraOpThreads: number;
  maxChars: number;
  textsPerSec: number;
}

export const MODEL_DIR = path.join(defaultModelsDir(), DEFAULT_MODEL);

/** Every k-th product's rowid and embedding text, so a sample spans the whole file, not its first rows. */
export function sampleProducts(db: Db, count: number): { rowids: number[]; texts: string[] } {
  const total = (db.prepare('SELECT count(*) AS n FROM products').get() as { n: number }).n;
  const step = Math.max(1, Math.floor(total / count));
  const rows = db
    .prepare('SELECT rowid, embed_text AS t FROM products WHERE rowid % ? = 0 ORDER BY rowid LIMIT ?')
    .all(step, count) as { rowid: number; t: string }[];
  return { rowids: rows.map((r) => r.rowid), texts: rows.map((r) => r.t) };
}

async function throughput(texts: string[], batchSize: number, intraOpThreads: number) {
  const embedder = await loadEmbedder(MODEL_DIR, { batchSize, intraOpThreads });
  try {
    await embedder.embed(texts.slice(0, batchSize));
    const cpu = process.cpuUsage();
    const started = performance.now();
    await embedder.embed(texts);
    const used = process.cpuUsage(cpu);
    return {
      textsPerSec: round(texts.length / ((performance.now() - started) / 1000), 0),
      cpuMsPerText: round((used.user + used.system) / 1000 / texts.length, 3),
    };
  } finally {
    await embedder.close();
  }
}

/**
 * The index job's settings (one session, an intra-op thread per core) run bare, in one call: the
 * embedder orders the texts by token count itself.
 */
export function measureBare(texts: string[]) {
  return throughput(texts, DEFAULT_BATCH_SIZE, INDEX_THREADS);
}

/** What one bare pass over `texts` measured, with the settings it ran with. */
export function rawThroughput(
  texts: string[],
  pass: { textsPerSec: number; cpuMsPerText: number },
): RawThroughput {
  return {
    texts: texts.length,
    meanChars: Math.round(texts.reduce((sum, t) => sum + t.length, 0) / Math.max(1, texts.length)),
    batchSize: DEFAULT_BATCH_SIZE,
    intraOpThreads: INDEX_THREADS,
    ...pass,
  };
}

/** Batch size × threads × text length: which knob moves embedding throughput on this machine. */
export async function measureEmbeddingLevers(texts: string[]): Promise<EmbeddingLever[]> {
  const out: EmbeddingLever[] = [];
  for (const maxChars of [320, 160]) {
    const cut = texts.map((t) => t.slice(0, maxChars));
    for (const intraOpThreads of [1, 2]) {
      for (const batchSize of [16, 32, 64, 128]) {
        out.push({
          batchSize,
          intraOpThreads,
          maxChars,
          textsPerSec: (await throughput(cut, batchSize, intraOpThreads)).textsPerSec,
        });
        process.stderr.write(`  embed lever ${JSON.stringify(out[out.length - 1])}\n`);
      }
    }
  }
  return out;
}
