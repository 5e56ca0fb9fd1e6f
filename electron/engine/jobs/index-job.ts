import type { CatalogHandle } from '../catalog-handle.ts';
import type { Embedder } from '../embed/embedder.ts';
import { getMeta, setMeta } from '../store/database.ts';
import { pendingEmbeddingCount } from '../store/products.ts';
import { encodeVector } from '../vector/codec.ts';
import type { IndexTiming } from '../../../shared/types.ts';
import type { ProgressMeter } from './progress.ts';

export interface IndexOptions {
  /** Texts per call to the embedder, stored together: one SQLite transaction, then one ANN add. */
  batchSize: number;
  signal?: AbortSignal;
  /**
   * Save the ANN index after this many new vectors, or a quarter of the index if that is more (and
   * at the end).
   */
  checkpointEvery?: number;
}

export interface IndexOutcome {
  embedded: number;
  cancelled: boolean;
  textsPerSec: number;
  /** Where the time went: waiting for the model, adding to the ANN index, and the rest (SQLite, saves). */
  timing: IndexTiming;
}

interface Pending {
  rowid: number;
  text: string;
  hash: string;
}

/** Rows read per query; sorted by length inside a chunk so batches carry little padding. */
const CHUNK = 4096;

/** Pending products in batches: chunks in rowid order, each sorted by text length. */
function batchSource(select: { all(after: number, limit: number): unknown[] }, batchSize: number) {
  let afterRowid = 0;
  const batches: Pending[][] = [];
  return (): Pending[] | undefined => {
    if (batches.length === 0) {
      const chunk = select.all(afterRowid, CHUNK) as Pending[];
      if (chunk.length === 0) return undefined;
      afterRowid = chunk[chunk.length - 1].rowid;
      chunk.sort((a, b) => a.text.length - b.text.length);
      for (let i = 0; i < chunk.length; i += batchSize) batches.push(chunk.slice(i, i + batchSize));
    }
    return batches.shift();
  };
}

/**
 * Embeds every product whose embedding text has no vector yet, in batches. Each batch commits its
 * vectors to SQLite together with the products' embedded marks, so a kill at any moment loses at
 * most the batch being embedded; the ANN file is saved at checkpoints and caught up from SQLite on
 * the next open.
 */
export async function runIndex(
  cat: CatalogHandle,
  embedder: Embedder,
  opts: IndexOptions,
  meter: ProgressMeter,
): Promise<IndexOutcome> {
  const db = cat.writer;
  const total = pendingEmbeddingCount(db);
  const checkpointEvery = opts.checkpointEvery ?? 20_000;
  const started = performance.now();
  const select = db.prepare(
    `SELECT rowid, embed_text AS text, embed_hash AS hash FROM products
     WHERE (embedded_hash IS NULL OR embedded_hash <> embed_hash) AND rowid > ? ORDER BY rowid LIMIT ?`,
  );
  const putVector = db.prepare('INSERT OR REPLACE INTO vectors (rowid, v) VALUES (?, ?)');
  const markEmbedded = db.prepare(
    'UPDATE products SET embedded_hash = ?, embed_seq = ? WHERE rowid = ? AND embed_hash = ?',
  );
  let seq = Number(getMeta(db, 'embed_seq') ?? '0');
  let done = 0;
  let sinceCheckpoint = 0;
  let cancelled = false;
  let modelMs = 0;
  let annMs = 0;

  const store = (batch: Pending[], vectors: Float32Array[]) => {
    db.transaction(() => {
      seq++;
      batch.forEach((b, i) => {
        putVector.run(b.rowid, encodeVector(vectors[i]));
        markEmbedded.run(b.hash, seq, b.rowid, b.hash);
      });
      setMeta(db, 'embed_seq', String(seq));
    })();
    const dims = cat.ann.dimensions;
    const matrix = new Float32Array(batch.length * dims);
    vectors.forEach((v, i) => matrix.set(v, i * dims));
    const annStart = performance.now();
    cat.ann.upsert(
      batch.map((b) => b.rowid),
      matrix,
    );
    annMs += performance.now() - annStart;
    cat.touch();
    done += batch.length;
    sinceCheckpoint += batch.length;
  };

  // Said before the save starts: at 1M products one save writes 1.2 GB and takes seconds, which the
  // progress bar must show as saving rather than as a stalled embedding.
  const save = () => {
    meter.startPhase('saving');
    meter.update(done, total, true);
    cat.checkpointIndex();
    sinceCheckpoint = 0;
  };

  meter.startPhase('embedding');
  meter.update(0, total, true);
  // One batch at a time: the model runs in this thread, so a batch embedded ahead would only hold its
  // texts longer. A cancel stops the model between its runs; the batch under way is dropped (under a
  // second of work) and every batch before it is kept.
  const nextBatch = batchSource(select, opts.batchSize);
  const embed = (batch: Pending[]) =>
    embedder
      .embed(
        batch.map((b) => b.text),
        { onProgress: (n) => meter.update(done + n, total), signal: opts.signal },
      )
      .catch((e: unknown) => {
        if (opts.signal?.aborted) return null;
        throw e;
      });
  for (let batch = nextBatch(); batch; batch = nextBatch()) {
    const modelStart = performance.now();
    const vectors = await embed(batch);
    modelMs += performance.now() - modelStart;
    if (vectors) {
      store(batch, vectors);
      // Each save writes the whole index: a fixed interval would write ~28 GB over a 1M-product
      // index (50 saves of a growing 1.2 GB file); growing with the index keeps the total to ~5× its
      // size, and a crash still loses no embedding (the catch-up re-adds the stored vectors).
      if (sinceCheckpoint >= Math.max(checkpointEvery, cat.ann.size / 4)) {
        save();
        meter.startPhase('embedding');
      }
      meter.update(done, total);
    }
    if (opts.signal?.aborted) {
      cancelled = true;
      break;
    }
  }
  if (sinceCheckpoint > 0 || cancelled) save();
  const totalMs = performance.now() - started;
  const seconds = totalMs / 1000;
  return {
    embedded: done,
    cancelled,
    textsPerSec: seconds > 0 ? Math.round(done / seconds) : done,
    timing: {
      modelMs: Math.round(modelMs),
      annMs: Math.round(annMs),
      otherMs: Math.round(totalMs - modelMs - annMs),
    },
  };
}
