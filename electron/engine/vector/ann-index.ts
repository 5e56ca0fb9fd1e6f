import fs from 'node:fs';
import path from 'node:path';
import { Index, MetricKind, type ScalarKind } from 'usearch';

/**
 * HNSW parameters; recall@10 against exact search is measured in the benchmark suite. bf16 rather
 * than f16: at 100k products the build took 8.5 s instead of 15.3 s (bf16 distances run on the CPU's
 * bf16 dot-product instructions; f16 ones are converted first) and queries got faster (0.72 vs
 * 0.97 ms). ef_add 96: since the index job adds the vectors as stored, in rowid order, the index a
 * 100k import built scored recall@10 0.985 with 96 and 0.987 with 128, and inserting took 8.2 s
 * instead of 10.7 s of a 71 s import (fed the model's float vectors in text-length order, 96 had
 * scored 0.978 and 128 0.981). Connectivity 14: an index being built holds 61 MiB less at 1M products
 * (1,219 against 1,280 MiB), the import's peak, when the whole index is in memory; the file shrinks by
 * only 15 MiB, as if USearch gave each node a 64-byte-aligned slot that a base layer of 28 neighbours
 * fits in 128 bytes and one of 32 does not. Recall@10 at 100k was 0.987 in two builds against 0.985
 * with 16; at 1M, 0.942 against 0.951, within the spread of fresh 1M builds with 16 (0.939–0.951).
 */
export const ANN_PARAMS = {
  connectivity: 14,
  expansionAdd: 96,
  expansionSearch: 512,
  quantization: 'bf16',
} as const;

/** What an index file's layout depends on: a file written with another one is rebuilt, not read. */
export const ANN_FORMAT = `${ANN_PARAMS.quantization}-m${ANN_PARAMS.connectivity}`;

/**
 * An empty USearch index with the engine's parameters; tests that inspect index files and the
 * benchmark's lever sweeps (another quantization, connectivity, ef_add or ef_search) build theirs here too.
 */
export function newUsearchIndex(
  dimensions: number,
  overrides: {
    quantization?: string;
    expansionSearch?: number;
    connectivity?: number;
    expansionAdd?: number;
  } = {},
): Index {
  const params = { ...ANN_PARAMS, ...overrides };
  return new Index({
    dimensions,
    metric: MetricKind.Cos,
    quantization: params.quantization as ScalarKind,
    connectivity: params.connectivity,
    expansion_add: params.expansionAdd,
    expansion_search: params.expansionSearch,
    multi: false,
  });
}

export interface AnnMatch {
  rowid: number;
  similarity: number;
}

/**
 * The USearch index of one catalog, keyed by product rowid. Read-only use memory-maps the file
 * (`view`) for a fast cold start; the first write switches to a loaded, writable copy. Saves go to a
 * temp file that is fsynced and renamed, so a crash never leaves a torn index on disk.
 */
export class AnnIndex {
  readonly file: string;
  readonly dimensions: number;
  private index: Index;
  private writable: boolean;
  private changed = false;

  private constructor(file: string, dimensions: number, index: Index, writable: boolean) {
    this.file = file;
    this.dimensions = dimensions;
    this.index = index;
    this.writable = writable;
  }

  static open(file: string, dimensions: number): AnnIndex {
    removeStaleTemps(file);
    const index = newUsearchIndex(dimensions);
    if (!fs.existsSync(file)) return new AnnIndex(file, dimensions, index, true);
    index.view(file);
    if (index.dimensions() !== dimensions) {
      throw new Error(`vector index ${file} has ${index.dimensions()} dimensions, the model ${dimensions}`);
    }
    return new AnnIndex(file, dimensions, index, false);
  }

  /** Where a new file for `file` is written before it is renamed into place (removed if its writer dies). */
  static tempFile(file: string): string {
    return `${file}.tmp-${process.pid}`;
  }

  /** Renames a complete, fsynced index file written at `tempFile(file)` into place, and opens it. */
  static adopt(file: string, dimensions: number): AnnIndex {
    fs.renameSync(AnnIndex.tempFile(file), file);
    syncDirectory(path.dirname(file));
    return AnnIndex.open(file, dimensions);
  }

  /** An empty index that replaces `file` when saved, whatever the file holds now (a rebuild). */
  static empty(file: string, dimensions: number): AnnIndex {
    const ann = new AnnIndex(file, dimensions, newUsearchIndex(dimensions), true);
    ann.changed = true;
    return ann;
  }

  get size(): number {
    return this.index.size();
  }

  /** Whether it holds a change the file does not. */
  get unsaved(): boolean {
    return this.changed;
  }

  /** Which of these keys it holds (works on a memory-mapped view too). */
  contains(rowids: number[]): boolean[] {
    if (rowids.length === 0) return [];
    const found = this.index.contains(BigUint64Array.from(rowids, (r) => BigInt(r)));
    return Array.isArray(found) ? found : [found];
  }

  private makeWritable(): void {
    if (this.writable) return;
    const loaded = newUsearchIndex(this.dimensions);
    loaded.load(this.file);
    this.index = loaded;
    this.writable = true;
  }

  /** Adds or replaces vectors (`vectors` is n × dimensions, row-major). */
  upsert(rowids: number[], vectors: Float32Array): void {
    if (rowids.length === 0) return;
    this.makeWritable();
    const keys = BigUint64Array.from(rowids, (r) => BigInt(r));
    const present = this.contains(rowids);
    const existing = rowids.filter((_, i) => present[i]);
    if (existing.length) this.index.remove(BigUint64Array.from(existing, (r) => BigInt(r)));
    this.index.add(keys, vectors, 0);
    this.changed = true;
  }

  /**
   * Removes the keys it holds among these; returns how many that was. Keys it does not hold cost a
   * lookup only: a memory-mapped index is not loaded for them.
   */
  remove(rowids: number[]): number {
    const present = this.contains(rowids);
    const held = rowids.filter((_, i) => present[i]);
    if (held.length === 0) return 0;
    this.makeWritable();
    this.index.remove(BigUint64Array.from(held, (r) => BigInt(r)));
    this.changed = true;
    return held.length;
  }

  search(query: Float32Array, k: number): AnnMatch[] {
    // USearch aborts the whole process on a count that is not an integer: fail this call instead.
    if (!Number.isInteger(k)) throw new RangeError(`ANN search needs a whole number of results, not ${k}`);
    if (this.index.size() === 0 || k <= 0) return [];
    const m = this.index.search(query, Math.min(k, this.index.size()), 0);
    const out: AnnMatch[] = [];
    for (let i = 0; i < m.keys.length; i++) {
      out.push({ rowid: Number(m.keys[i]), similarity: 1 - m.distances[i] });
    }
    return out;
  }

  save(): void {
    if (!this.writable) return;
    const tmp = AnnIndex.tempFile(this.file);
    this.index.save(tmp);
    const fd = fs.openSync(tmp, 'r+');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, this.file);
    syncDirectory(path.dirname(this.file));
    this.changed = false;
  }

  fileBytes(): number {
    return fs.existsSync(this.file) ? fs.statSync(this.file).size : 0;
  }
}

/** A save a crash interrupted leaves `<file>.tmp-<pid>` behind; nothing reads it, so it is only lost disk. */
function removeStaleTemps(file: string): void {
  const dir = path.dirname(file);
  const prefix = `${path.basename(file)}.tmp-`;
  if (!fs.existsSync(dir)) return;
  for (const name of fs.readdirSync(dir)) {
    if (name.startsWith(prefix) && !processAlive(Number(name.slice(prefix.length)))) {
      fs.rmSync(path.join(dir, name), { force: true });
    }
  }
}

function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function syncDirectory(dir: string): void {
  if (process.platform === 'win32') return;
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}
