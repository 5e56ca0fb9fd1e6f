import type { HealthReport } from '../../../shared/health.ts';
import type { Db } from '../store/database.ts';
import { getMeta, setMeta } from '../store/database.ts';
import type { Pair } from './duplicate-rules.ts';
import { GENERATION_SQL } from './finding-sql.ts';
import type { MemberSink } from './scanned-product.ts';

/** The catalog's state as the report store compares it: imports and indexing both change it. */
export function currentGeneration(db: Db): string {
  return (db.prepare(`SELECT ${GENERATION_SQL} AS g`).get() as { g: string }).g;
}

/** Members held until the report is saved, so a cancelled pass leaves the last report's in place. */
export class MemberBuffer implements MemberSink {
  findings: string[] = [];
  groups: number[] = [];
  rowids: number[] = [];
  notes: (string | null)[] = [];

  add(finding: string, grp: number, rowid: number, note?: string): void {
    this.findings.push(finding);
    this.groups.push(grp);
    this.rowids.push(rowid);
    this.notes.push(note ?? null);
  }

  get size(): number {
    return this.rowids.length;
  }
}

/** The last report of a catalog: in `meta`, its products in `health_members`, the confirmed pairs aside. */
export function saveReport(db: Db, report: HealthReport, members: MemberBuffer, pairs: Pair[]): void {
  const insert = db.prepare(
    'INSERT INTO health_members (finding, grp, product_rowid, note) VALUES (?, ?, ?, ?)',
  );
  db.transaction(() => {
    db.exec('DELETE FROM health_members');
    for (let i = 0; i < members.size; i++) {
      insert.run(members.findings[i], members.groups[i], members.rowids[i], members.notes[i]);
    }
    setMeta(db, 'health_report', JSON.stringify(report));
    setMeta(db, 'health_pairs', JSON.stringify(pairs));
    setMeta(db, 'health_generation', report.generation);
  })();
}

/** Replaces the members of one finding and the report, in one transaction (a dismissal's regrouping). */
export function replaceFinding(db: Db, report: HealthReport, finding: string, members: MemberBuffer): void {
  const insert = db.prepare(
    'INSERT INTO health_members (finding, grp, product_rowid, note) VALUES (?, ?, ?, ?)',
  );
  db.transaction(() => {
    db.prepare('DELETE FROM health_members WHERE finding = ?').run(finding);
    for (let i = 0; i < members.size; i++) {
      insert.run(members.findings[i], members.groups[i], members.rowids[i], members.notes[i]);
    }
    setMeta(db, 'health_report', JSON.stringify(report));
  })();
}

/** The stored report if it still describes the catalog as it is, else null. */
export function loadReport(db: Db): HealthReport | null {
  const json = getMeta(db, 'health_report');
  if (!json) return null;
  const report = JSON.parse(json) as HealthReport;
  return report.generation === currentGeneration(db) ? report : null;
}

export function loadPairs(db: Db): Pair[] {
  return JSON.parse(getMeta(db, 'health_pairs') ?? '[]') as Pair[];
}

const pairKey = (a: string, b: string) => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`);

/** Pairs of product ids a manager said are not duplicates, as keys `pairKey` gives. */
export function dismissedPairs(db: Db): Set<string> {
  const rows = db.prepare('SELECT a, b FROM health_not_duplicates').all() as { a: string; b: string }[];
  return new Set(rows.map((r) => pairKey(r.a, r.b)));
}

export function isDismissed(dismissed: Set<string>, a: string, b: string): boolean {
  return dismissed.has(pairKey(a, b));
}

/** Remembers pairs as not duplicates, by product id: a re-import keeps them apart. */
export function dismissPairs(db: Db, pairs: [string, string][]): void {
  const insert = db.prepare('INSERT OR IGNORE INTO health_not_duplicates (a, b) VALUES (?, ?)');
  db.transaction(() => {
    for (const [x, y] of pairs) if (x !== y) insert.run(...(x < y ? [x, y] : [y, x]));
  })();
}
