import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import type { Piece } from '../catalog/normalize.ts';

/** Groups read back per statement: small enough to keep a page in memory, big enough to be cheap. */
const PAGE = 500;

const SCRATCH_PREFIX = 'import-staging-';
const SCRATCH_NAME = new RegExp(`^${SCRATCH_PREFIX}(\\d+)-\\d+\\.sqlite$`);

/**
 * The rows of a grouped export (Shopify handles, WooCommerce parents, Magento configurables) parked on
 * disk while the file is read, because a product's rows need not be adjacent and a million-row export
 * does not fit in memory. They go to a scratch database attached next to the catalog and deleted after
 * the import: staged in the catalog itself, 300k Shopify rows left 330 MB of free pages in it for good.
 * SQLite cannot attach inside a transaction, so open() comes before the import's BEGIN and close()
 * after its COMMIT or ROLLBACK.
 */
export class PieceStaging {
  private readonly db: Database.Database;
  private readonly file: string;
  private readonly insertPiece: Database.Statement;
  private readonly insertGroup: Database.Statement;
  /** Configurable products' claims, by the claimed product's id: applied once every row is read. */
  private readonly claims = new Map<string, { group: string; options: Record<string, string> }>();

  static open(db: Database.Database, catalogDir: string): PieceStaging {
    removeAbandoned(catalogDir);
    const file = path.join(catalogDir, `${SCRATCH_PREFIX}${process.pid}-${Date.now()}.sqlite`);
    db.prepare('ATTACH DATABASE ? AS staging').run(file);
    // Nothing here outlives the import: no journal, no fsync.
    db.exec(`
      PRAGMA staging.journal_mode = OFF;
      PRAGMA staging.synchronous = OFF;
      CREATE TABLE staging.pieces (seq INTEGER PRIMARY KEY, grp TEXT NOT NULL, data TEXT NOT NULL);
      CREATE INDEX staging.pieces_grp ON pieces(grp, seq);
      -- The groups in the order the file first names them, so products keep the file's order.
      CREATE TABLE staging.groups (seq INTEGER PRIMARY KEY, grp TEXT NOT NULL UNIQUE);
    `);
    return new PieceStaging(db, file);
  }

  private constructor(db: Database.Database, file: string) {
    this.db = db;
    this.file = file;
    this.insertPiece = db.prepare('INSERT INTO staging.pieces (grp, data) VALUES (?, ?)');
    this.insertGroup = db.prepare('INSERT OR IGNORE INTO staging.groups (grp) VALUES (?)');
  }

  add(piece: Piece): void {
    this.insertGroup.run(piece.group);
    this.insertPiece.run(piece.group, JSON.stringify(piece));
    for (const claim of piece.claims ?? []) {
      if (!this.claims.has(claim.id))
        this.claims.set(claim.id, { group: piece.group, options: claim.options });
    }
  }

  /**
   * Moves each claimed product's rows into the group of the product claiming it, as its variant. A
   * claimed id with no row of its own stays a claim only (the configurable lists a child the file lacks).
   */
  applyClaims(): void {
    const move = this.db.prepare(
      "UPDATE staging.pieces SET grp = ?, data = json_set(data, '$.claimed', json(?), '$.group', ?) WHERE grp = ?",
    );
    for (const [id, { group, options }] of this.claims) {
      if (id !== group) move.run(group, JSON.stringify(options), group, id);
    }
  }

  /** Every group with its pieces in file order, groups in the order the file first named them. */
  *groups(): Generator<Piece[]> {
    const page = this.db.prepare('SELECT seq, grp FROM staging.groups WHERE seq > ? ORDER BY seq LIMIT ?');
    const pieces = this.db.prepare('SELECT data FROM staging.pieces WHERE grp = ? ORDER BY seq');
    let after = 0;
    for (;;) {
      const groups = page.all(after, PAGE) as { seq: number; grp: string }[];
      if (groups.length === 0) break;
      after = groups[groups.length - 1].seq;
      for (const { grp } of groups) {
        const rows = pieces.all(grp) as { data: string }[];
        if (rows.length > 0) yield rows.map((r) => JSON.parse(r.data) as Piece);
      }
    }
  }

  get groupCount(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM staging.groups').get() as { n: number }).n;
  }

  /** Detaches and deletes the scratch database; call once the import's transaction has ended. */
  close(): void {
    this.db.exec('DETACH DATABASE staging');
    fs.rmSync(this.file, { force: true });
  }
}

/** Scratch files of imports whose process died (a crash, a kill) before it could delete them. */
function removeAbandoned(catalogDir: string): void {
  for (const name of fs.readdirSync(catalogDir)) {
    const pid = Number(SCRATCH_NAME.exec(name)?.[1]);
    if (pid && !isRunning(pid)) fs.rmSync(path.join(catalogDir, name), { force: true });
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
