import fs from 'node:fs';
import { INDEX_THREADS } from '../models.ts';
import type { CatalogHandle } from '../catalog-handle.ts';
import { EngineError } from '../errors.ts';
import { decodeVector } from '../vector/codec.ts';
import { newUsearchIndex } from '../vector/ann-index.ts';
import type { Pair } from './duplicate-rules.ts';
import { confirmsDuplicate } from './duplicate-rules.ts';
import type { DuplicateEvidence } from './duplicate-rules.ts';

/** Neighbours asked of each product besides itself: a product listed five times still finds the others. */
const NEIGHBOURS = 6;
/** Queries per native call: the thread is blocked for one call (~50 ms), then a cancel is heard. */
const BATCH = 512;
/**
 * The self-join's beam width. Searches use 512 for their recall of ranked lists; a duplicate is the
 * nearest thing to its twin, which a narrow beam finds: on the generated 100k catalog, 24 found 8,398
 * clusters where 64 found 8,408, and the self-join took 48 s instead of 87 s (both under a load
 * average of ~15 on 2 cores; 27 s of CPU time in all for the whole pass with 24).
 */
const SELF_JOIN_EXPANSION = 24;

export interface SelfJoinOutcome {
  /** Pairs whose embeddings are at least `similarity` apart and whose titles, brands, prices agree. */
  pairs: Pair[];
  candidates: number;
  compared: number;
}

/**
 * The ANN self-join: every stored vector is searched against the saved index (a memory-mapped view of
 * its own, with a narrower beam than searches use), and neighbours above `similarity` are confirmed
 * with `confirmsDuplicate`. The index file is saved first if it holds unsaved vectors.
 */
export async function findNearDuplicates(
  cat: CatalogHandle,
  opts: { similarity: number; signal?: AbortSignal; onProgress: (done: number, total: number) => void },
): Promise<SelfJoinOutcome> {
  if (cat.ann.unsaved) cat.checkpointIndex();
  const total = cat.ann.size;
  if (total < 2 || !fs.existsSync(cat.ann.file)) return { pairs: [], candidates: 0, compared: 0 };
  const dims = cat.ann.dimensions;
  const index = newUsearchIndex(dims, { expansionSearch: SELF_JOIN_EXPANSION });
  index.view(cat.ann.file);
  const select = cat.reader.prepare('SELECT rowid, v FROM vectors WHERE rowid > ? ORDER BY rowid LIMIT ?');
  const candidates = new Map<string, Pair>();
  const k = Math.min(NEIGHBOURS + 1, total);
  let after = 0;
  let done = 0;
  for (;;) {
    if (opts.signal?.aborted) throw new EngineError('cancelled', 'the health check was cancelled');
    const rows = select.all(after, BATCH) as { rowid: number; v: Buffer }[];
    if (rows.length === 0) break;
    after = rows[rows.length - 1].rowid;
    const queries = rows.map((r) => decodeVector(r.v, new Float32Array(dims)));
    const found = index.search(queries, k, INDEX_THREADS);
    rows.forEach((row, q) => {
      const n = Number(found.counts[q]);
      for (let j = 0; j < n; j++) {
        const other = Number(found.keys[q * k + j]);
        const similarity = 1 - found.distances[q * k + j];
        if (other === row.rowid || similarity < opts.similarity) continue;
        const [a, b] = row.rowid < other ? [row.rowid, other] : [other, row.rowid];
        const key = `${a}:${b}`;
        const known = candidates.get(key);
        if (!known || known[2] < similarity) candidates.set(key, [a, b, Math.round(similarity * 1e4) / 1e4]);
      }
    });
    done += rows.length;
    opts.onProgress(done, total);
    await new Promise((resolve) => setImmediate(resolve));
  }
  const evidence = loadEvidence(cat, [...candidates.values()]);
  const pairs = [...candidates.values()].filter(([a, b]) => {
    const ea = evidence.get(a);
    const eb = evidence.get(b);
    return ea !== undefined && eb !== undefined && confirmsDuplicate(ea, eb);
  });
  return { pairs, candidates: candidates.size, compared: done };
}

function loadEvidence(cat: CatalogHandle, pairs: Pair[]): Map<number, DuplicateEvidence> {
  const rowids = [...new Set(pairs.flatMap(([a, b]) => [a, b]))];
  const out = new Map<number, DuplicateEvidence>();
  const select = cat.reader.prepare(
    'SELECT rowid, name, brand, price FROM products WHERE rowid IN (SELECT value FROM json_each(?))',
  );
  for (let i = 0; i < rowids.length; i += 10_000) {
    const rows = select.all(JSON.stringify(rowids.slice(i, i + 10_000))) as (DuplicateEvidence & {
      rowid: number;
    })[];
    for (const r of rows) out.set(r.rowid, r);
  }
  return out;
}
