import type Database from 'better-sqlite3';
import type { Piece } from '../catalog/normalize.ts';

/** Groups read back per statement: small enough to keep a page in memory, big enough to be cheap. */
const PAGE = 500;

/**
 * The rows of a grouped export (Shopify handles, WooCommerce parents, Magento configurables) parked in
 * the catalog database while the file is read, because a product's rows need not be adjacent and a
 * million-row export does not fit in memory. Lives inside the import's transaction: a rollback leaves
 * nothing behind.
 */
export class PieceStaging {
  private readonly db: Database.Database;
  private readonly insertPiece: Database.Statement;
  private readonly insertGroup: Database.Statement;
  /** Configurable products' claims, by the claimed product's id: applied once every row is read. */
  private readonly claims = new Map<string, { group: string; options: Record<string, string> }>();

  constructor(db: Database.Database) {
    this.db = db;
    db.exec('DELETE FROM import_pieces; DELETE FROM import_groups');
    this.insertPiece = db.prepare('INSERT INTO import_pieces (grp, data) VALUES (?, ?)');
    this.insertGroup = db.prepare('INSERT OR IGNORE INTO import_groups (grp) VALUES (?)');
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
      "UPDATE import_pieces SET grp = ?, data = json_set(data, '$.claimed', json(?), '$.group', ?) WHERE grp = ?",
    );
    for (const [id, { group, options }] of this.claims) {
      if (id !== group) move.run(group, JSON.stringify(options), group, id);
    }
  }

  /** Every group with its pieces in file order, groups in the order the file first named them. */
  *groups(): Generator<Piece[]> {
    const page = this.db.prepare('SELECT seq, grp FROM import_groups WHERE seq > ? ORDER BY seq LIMIT ?');
    const pieces = this.db.prepare('SELECT data FROM import_pieces WHERE grp = ? ORDER BY seq');
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
    return (this.db.prepare('SELECT count(*) AS n FROM import_groups').get() as { n: number }).n;
  }

  clear(): void {
    this.db.exec('DELETE FROM import_pieces; DELETE FROM import_groups');
  }
}
