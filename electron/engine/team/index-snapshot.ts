// The ANN index travels with the rows: building the HNSW graph of 100k vectors is most of a fresh desk's
// open (54 of 80 s measured), while the publisher already has that graph on disk. A publish uploads its
// index file when the server has none it can use, or when more than a tenth of the products changed
// since; a fresh desk loads it and adds only the vectors of products changed after it.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import type pg from 'pg';
import type { CatalogHandle } from '../catalog-handle.ts';
import { EngineError } from '../errors.ts';
import type { ProgressMeter } from '../jobs/progress.ts';
import { getMeta, setMeta } from '../store/database.ts';
import { productCount } from '../store/products.ts';
import { ANN_FORMAT, AnnIndex } from '../vector/ann-index.ts';
import { modelTag } from './local-products.ts';

/** 8 MiB per row: bytea's 1 GB limit and the client's memory both stay far away. */
const CHUNK_BYTES = 8 << 20;

/** Changed products, as a share of the catalog, past which a publish uploads a fresh snapshot. */
export const SNAPSHOT_STALE_SHARE = 0.1;

export interface SnapshotInfo {
  generation: number;
  model: string;
  format: string;
  keys: number;
  maxKey: number;
  bytes: number;
  sha256: string;
}

/** The layout a snapshot must have to be loaded: the engine's ANN parameters and the model's width. */
export function snapshotFormat(dimensions: number): string {
  return `${ANN_FORMAT}/${dimensions}`;
}

export async function readSnapshotInfo(client: pg.Client, catalogId: string): Promise<SnapshotInfo | null> {
  const { rows } = await client.query<Record<keyof SnapshotInfo, string>>(
    'SELECT generation, model, format, keys, max_key AS "maxKey", bytes, sha256 FROM shelfscope.index_snapshots WHERE catalog_id = $1',
    [catalogId],
  );
  const r = rows[0];
  if (!r) return null;
  return {
    generation: Number(r.generation),
    model: r.model,
    format: r.format,
    keys: Number(r.keys),
    maxKey: Number(r.maxKey),
    bytes: Number(r.bytes),
    sha256: r.sha256,
  };
}

export async function dropSnapshot(client: pg.Client, catalogId: string): Promise<void> {
  await client.query('DELETE FROM shelfscope.index_snapshot_chunks WHERE catalog_id = $1', [catalogId]);
  await client.query('DELETE FROM shelfscope.index_snapshots WHERE catalog_id = $1', [catalogId]);
}

/**
 * Replaces the catalog's snapshot with the publisher's saved index file (the caller checkpoints it
 * first, so the file holds what SQLite holds); returns the bytes sent.
 */
export async function uploadSnapshot(
  client: pg.Client,
  catalogId: string,
  generation: number,
  cat: CatalogHandle,
  model: string,
): Promise<number> {
  await dropSnapshot(client, catalogId);
  const hash = createHash('sha256');
  const fd = fs.openSync(cat.ann.file, 'r');
  let bytes = 0;
  try {
    const chunk = Buffer.allocUnsafe(CHUNK_BYTES);
    for (let seq = 0; ; seq++) {
      const n = fs.readSync(fd, chunk, 0, CHUNK_BYTES, bytes);
      if (n === 0) break;
      const data = chunk.subarray(0, n);
      hash.update(data);
      await client.query(
        'INSERT INTO shelfscope.index_snapshot_chunks (catalog_id, seq, data) VALUES ($1, $2, $3)',
        [catalogId, seq, data],
      );
      bytes += n;
    }
  } finally {
    fs.closeSync(fd);
  }
  await client.query(
    `INSERT INTO shelfscope.index_snapshots (catalog_id, generation, model, format, keys, max_key, bytes, sha256)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      catalogId,
      generation,
      model,
      snapshotFormat(cat.ann.dimensions),
      cat.ann.size,
      Number(getMeta(cat.writer, 'vector_max_key') ?? '0'),
      bytes,
      hash.digest('hex'),
    ],
  );
  return bytes;
}

/**
 * Writes the snapshot to `file` (fsynced), checking its size and digest: a torn or altered download is
 * an error, and the pull then builds the index itself.
 */
async function downloadSnapshot(
  client: pg.Client,
  catalogId: string,
  info: SnapshotInfo,
  file: string,
  onChunk: (bytes: number) => void,
): Promise<void> {
  const hash = createHash('sha256');
  const fd = fs.openSync(file, 'w');
  let bytes = 0;
  try {
    for (let seq = 0; bytes < info.bytes; seq++) {
      const { rows } = await client.query<{ data: Buffer }>(
        'SELECT data FROM shelfscope.index_snapshot_chunks WHERE catalog_id = $1 AND seq = $2',
        [catalogId, seq],
      );
      if (!rows[0]) break;
      fs.writeSync(fd, rows[0].data);
      hash.update(rows[0].data);
      bytes += rows[0].data.length;
      onChunk(bytes);
    }
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  if (bytes !== info.bytes || hash.digest('hex') !== info.sha256) {
    fs.rmSync(file, { force: true });
    throw new EngineError(
      'bad-file',
      `the team catalog's index snapshot arrived damaged (${bytes} of ${info.bytes} bytes, digest mismatch)`,
    );
  }
}

/**
 * Loads the server's snapshot as an empty replica's index; returns the generation whose products it
 * holds, or null when there is none this desk can use (another model, another layout, a damaged
 * download): the pull then builds the index from the vectors, as it always could.
 */
export async function installSnapshot(
  client: pg.Client,
  cat: CatalogHandle,
  catalogId: string,
  meter: ProgressMeter,
): Promise<number | null> {
  if (cat.ann.size > 0 || productCount(cat.writer) > 0) return null;
  const info = await readSnapshotInfo(client, catalogId);
  if (
    !info ||
    info.model !== modelTag(cat.manifest.model) ||
    info.format !== snapshotFormat(cat.ann.dimensions)
  ) {
    return null;
  }
  try {
    const mb = (n: number) => Math.round(n / 1e6);
    await downloadSnapshot(client, catalogId, info, AnnIndex.tempFile(cat.ann.file), (bytes) =>
      meter.update(
        mb(bytes),
        mb(info.bytes),
        false,
        `the search index: ${mb(bytes)} of ${mb(info.bytes)} MB`,
      ),
    );
  } catch (e) {
    if (e instanceof EngineError && e.code === 'bad-file') return null;
    throw e;
  }
  cat.replaceIndex(AnnIndex.adopt(cat.ann.file, cat.ann.dimensions));
  // Keys up to the publisher's highest are checked against SQLite when the pull ends.
  const known = Number(getMeta(cat.writer, 'vector_max_key') ?? '0');
  setMeta(cat.writer, 'vector_max_key', String(Math.max(known, info.maxKey)));
  return info.generation;
}
