import type { CatalogHandle } from '../catalog-handle.ts';
import type { Embedder } from '../embed/embedder.ts';
import { getMeta, setMeta } from '../store/database.ts';
import { pendingEmbeddingCount } from '../store/products.ts';
import { encodeVector } from '../vector/codec.ts';
import type { ProgressMeter } from './progress.ts';

export interface IndexOptions {
  batchSize: number;
  signal?: AbortSignal;
  /**
   * Save the ANN index after this many new vectors, or a quarter of the index if that is more (and
   * at the end).
   */
  checkpointEvery?: number;
  /** Store embeddings (SQLite, then the ANN index) once this many are waiting; STORE_ROWS by default. */
  storeEvery?: number;
}

export interface IndexOutcome {
  embedded: number;
  cancelled: boolean;
  textsPerSec: number;
}

interface Pending {
  rowid: number;
  text: string;
  hash: string;
}

/** Rows read per query; sorted by length inside a chunk so batches carry little padding. */
const CHUNK = 4096;

/**
 * Embedded texts are stored this many at a time: vectors and embedded marks in one SQLite transaction,
 * then the vectors into the ANN index. Length-sorted batches touch rows all over a chunk's pages, and
 * a transaction per batch of 16 wrote each page to the WAL again and again (30k products: 1.3 s of SQL
 * against 20 s of model time). USearch also spreads a large batch over its threads far better than a
 * small one (20k vectors: 1.2 s in batches of 1,024, 2.0 s in batches of 64). A crash loses at most
 * this many embeddings, about a second of work, which the next run redoes.
 */
const STORE_ROWS = 1024;

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
 * Embeds every product whose embedding text has no vector yet, in batches, stored STORE_ROWS at a
 * time: vectors commit to SQLite together with the products' embedded marks, so a kill at any moment
 * loses at most the embeddings not stored yet; the ANN file is saved at checkpoints and caught up
 * from SQLite on the next open.
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
  const storeEvery = opts.storeEvery ?? STORE_ROWS;
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

  let embedded: { batch: Pending[]; vectors: Float32Array[] }[] = [];
  let unstored = 0;
  const store = () => {
    if (embedded.length === 0) return;
    db.transaction(() => {
      for (const { batch, vectors } of embedded) {
        seq++;
        batch.forEach((b, i) => {
          putVector.run(b.rowid, encodeVector(vectors[i]));
          markEmbedded.run(b.hash, seq, b.rowid, b.hash);
        });
      }
      setMeta(db, 'embed_seq', String(seq));
    })();
    const rowids = embedded.flatMap(({ batch }) => batch.map((b) => b.rowid));
    const dims = cat.ann.dimensions;
    const matrix = new Float32Array(rowids.length * dims);
    embedded.flatMap(({ vectors }) => vectors).forEach((v, i) => matrix.set(v, i * dims));
    cat.ann.upsert(rowids, matrix);
    cat.touch();
    done += unstored;
    sinceCheckpoint += unstored;
    embedded = [];
    unstored = 0;
  };

  meter.startPhase('embedding');
  meter.update(0, total, true);
  // One batch at a time: the model runs in this thread, so a batch embedded ahead would only hold its
  // texts longer. A cancel takes effect at a batch boundary.
  const nextBatch = batchSource(select, opts.batchSize);
  try {
    for (let batch = nextBatch(); batch; batch = nextBatch()) {
      if (opts.signal?.aborted) {
        cancelled = true;
        break;
      }
      embedded.push({ batch, vectors: await embedder.embed(batch.map((b) => b.text)) });
      unstored += batch.length;
      if (unstored >= storeEvery) store();
      // Each save writes the whole index: a fixed interval would write ~28 GB over a 1M-product index
      // (50 saves of a growing 1.2 GB file); growing with the index keeps the total to ~5× its size,
      // and a crash still loses no stored embedding (the catch-up re-adds the stored vectors).
      if (sinceCheckpoint >= Math.max(checkpointEvery, cat.ann.size / 4)) {
        meter.startPhase('saving');
        cat.checkpointIndex();
        sinceCheckpoint = 0;
        meter.startPhase('embedding');
      }
      meter.update(done + unstored, total);
    }
  } finally {
    // Also when embedding fails or is cancelled: what was embedded is kept and searchable at once.
    store();
  }
  if (sinceCheckpoint > 0 || cancelled) {
    meter.startPhase('saving');
    cat.checkpointIndex();
  }
  const seconds = (performance.now() - started) / 1000;
  return { embedded: done, cancelled, textsPerSec: seconds > 0 ? Math.round(done / seconds) : done };
}
