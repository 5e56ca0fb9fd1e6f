// Writes pulled rows into a local replica: products through the same ProductWriter an import uses (so
// keyword indexes, variants and hashes are exactly an import's), and each vector the server sent for the
// same text by the same model straight into SQLite and the ANN index — nothing is embedded twice. A
// replica that loaded the server's index snapshot (index-snapshot.ts) takes each product under its
// position as rowid, the snapshot's key for it, and adds to the index only what changed after the snapshot.
import type { Product } from '../../../shared/types.ts';
import type { CatalogHandle } from '../catalog-handle.ts';
import { getMeta, setMeta } from '../store/database.ts';
import { ProductWriter } from '../store/products.ts';
import { decodeVector } from '../vector/codec.ts';
import { compareWithSqlite, runNow } from '../vector/consistency.ts';

export interface PulledRow {
  id: string;
  /** bigint columns: pg hands them over as text. */
  position: string;
  generation: string;
  doc: Product;
  vector: Buffer | null;
  vector_hash: string | null;
  vector_model: string | null;
}

export interface ReplicaCounts {
  inserted: number;
  updated: number;
  unchanged: number;
  removed: number;
  /** Vectors taken from the server. */
  vectors: number;
  /** Of those, the ones the index snapshot already held: not added to the index one by one. */
  fromSnapshot: number;
}

export class ReplicaWriter {
  readonly counts: ReplicaCounts = {
    inserted: 0,
    updated: 0,
    unchanged: 0,
    removed: 0,
    vectors: 0,
    fromSnapshot: 0,
  };
  private readonly cat: CatalogHandle;
  private readonly products: ProductWriter;
  private readonly model: string;
  private readonly importGen: number;
  /** The generation of the index snapshot the replica loaded, or null when it builds its own. */
  private readonly snapshot: number | null;
  private readonly embedState;
  private readonly putVector;
  private readonly storedVector;
  private readonly dropTombstone;
  private readonly markEmbedded;

  constructor(cat: CatalogHandle, opts: { importGen: number; model: string; snapshot: number | null }) {
    const db = cat.writer;
    const { importGen, model, snapshot } = opts;
    this.cat = cat;
    this.model = model;
    this.importGen = importGen;
    this.snapshot = snapshot;
    this.products = new ProductWriter(db, importGen);
    this.embedState = db.prepare(
      'SELECT rowid, embed_hash AS embedHash, embedded_hash AS embeddedHash FROM products WHERE id = ?',
    );
    // As the index job writes them: an upsert keeps the stored-vector count's triggers right.
    this.putVector = db.prepare(
      'INSERT INTO vectors (rowid, v) VALUES (?, ?) ON CONFLICT(rowid) DO UPDATE SET v = excluded.v',
    );
    this.storedVector = db.prepare('SELECT v FROM vectors WHERE rowid = ?').pluck();
    this.dropTombstone = db.prepare('DELETE FROM vector_tombstones WHERE rowid = ?');
    this.markEmbedded = db.prepare(
      'UPDATE products SET embedded_hash = embed_hash, embed_seq = ? WHERE rowid = ?',
    );
  }

  /**
   * Applies one page in one transaction, together with `commitPoint` (where a resumed pull continues);
   * then gives the ANN index the page's vectors.
   */
  applyPage(rows: PulledRow[], commitPoint: () => void): void {
    const db = this.cat.writer;
    const dims = this.cat.ann.dimensions;
    const rowids: number[] = [];
    const vectors: Buffer[] = [];
    /** Of `rowids`, the ones whose product the snapshot holds as pulled: its key is already right. */
    const inSnapshot: boolean[] = [];
    const snapshot = this.snapshot;
    db.transaction(() => {
      const seq = Number(getMeta(db, 'embed_seq') ?? '0') + 1;
      for (const row of rows) {
        const outcome = this.products.upsert(row.doc, snapshot === null ? undefined : Number(row.position));
        if (outcome !== 'duplicate') this.counts[outcome]++;
        const local = this.embedState.get(row.id) as
          { rowid: number; embedHash: string; embeddedHash: string | null } | undefined;
        const usable =
          local &&
          row.vector !== null &&
          row.vector.length === dims + 4 &&
          row.vector_model === this.model &&
          row.vector_hash === local.embedHash &&
          // A product whose text kept its vector (a new price) usually holds this one already; a text
          // the publisher embedded again may come with a vector a rounding apart, which the replica takes.
          (local.embeddedHash !== local.embedHash || !this.holds(local.rowid, row.vector));
        // A key the snapshot holds for a product it cannot serve (another text's vector) has no stored
        // vector: searches never return it, and the comparison that ends the pull removes it.
        if (!usable) continue;
        this.putVector.run(local.rowid, row.vector);
        this.dropTombstone.run(local.rowid);
        this.markEmbedded.run(seq, local.rowid);
        rowids.push(local.rowid);
        vectors.push(row.vector!);
        inSnapshot.push(snapshot !== null && Number(row.generation) <= snapshot);
      }
      setMeta(db, 'embed_seq', String(seq));
      setMeta(db, 'import_gen', String(this.importGen));
      commitPoint();
    })();
    // A key the snapshot should hold may be gone (a repair on reopening after a crash mid-pull removed it).
    const present = snapshot === null ? rowids.map(() => false) : this.cat.ann.contains(rowids);
    const add = rowids.flatMap((_, i) => (inSnapshot[i] && present[i] ? [] : [i]));
    const addRowids = add.map((i) => rowids[i]);
    const matrix = new Float32Array(add.length * dims);
    add.forEach((i, n) => decodeVector(vectors[i], matrix.subarray(n * dims, (n + 1) * dims)));
    this.cat.ann.upsert(addRowids, matrix);
    this.counts.vectors += rowids.length;
    this.counts.fromSnapshot += rowids.length - addRowids.length;
    this.cat.touch();
  }

  private holds(rowid: number, vector: Buffer): boolean {
    const held = this.storedVector.get(rowid) as Buffer | undefined;
    return held !== undefined && held.equals(vector);
  }

  /**
   * Ends the pull in one transaction: removes what the server no longer has (for a full pull, every
   * product this pull did not write) and records the new state; then saves the ANN index.
   */
  finish(removal: { ids: string[] } | 'unseen', commitPoint: () => void): void {
    const db = this.cat.writer;
    db.transaction(() => {
      this.counts.removed +=
        removal === 'unseen' ? this.products.removeUnseen().length : this.products.removeIds(removal.ids);
      setMeta(db, 'import_gen', String(this.importGen));
      // Vectors came into the index: the catalog was indexed now, as after an index job.
      if (this.counts.vectors > 0) setMeta(db, 'last_indexed_at', new Date().toISOString());
      commitPoint();
    })();
    this.cat.applyRemovals();
    // The snapshot may hold keys of products removed since it was taken: SQLite says which keys stay.
    if (this.snapshot !== null) runNow(compareWithSqlite(this.cat));
    this.cat.touch();
    if (this.cat.ann.unsaved) this.cat.checkpointIndex();
  }
}
