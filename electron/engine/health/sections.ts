import type { HealthReport } from '../../../shared/health.ts';
import type { HealthProduct } from '../../../shared/health.ts';
import type { CatalogHandle } from '../catalog-handle.ts';
import type { Db } from '../store/database.ts';
import type { Pair } from './duplicate-rules.ts';
import { clusterPairs } from './duplicate-rules.ts';
import { differingFields, loadHealthProducts } from './health-products.ts';
import {
  dismissedPairs,
  dismissPairs,
  isDismissed,
  loadPairs,
  loadReport,
  MemberBuffer,
  replaceFinding,
} from './report-store.ts';

/** Items of a list a report carries; the rest are counted, and exported with the finding. */
export const SHOWN_ITEMS = 1000;
/** Products of one group shown side by side. */
const SHOWN_PER_GROUP = 12;

export function shownProducts(found: Map<number, HealthProduct>, rowids: number[]): HealthProduct[] {
  return rowids.flatMap((r) => found.get(r) ?? []);
}

/**
 * The duplicate clusters of the confirmed pairs a manager has not dismissed, their members added to
 * `members` under "duplicates" (cluster n is group n).
 */
export function duplicateSection(db: Db, pairs: Pair[], members: MemberBuffer) {
  const dismissed = dismissedPairs(db);
  const ids = new Map<number, string>();
  const idOf = db.prepare('SELECT id FROM products WHERE rowid = ?').pluck();
  const id = (rowid: number) => {
    let known = ids.get(rowid);
    if (known === undefined) ids.set(rowid, (known = (idOf.get(rowid) as string | undefined) ?? ''));
    return known;
  };
  const kept = dismissed.size ? pairs.filter(([a, b]) => !isDismissed(dismissed, id(a), id(b))) : pairs;
  const clusters = clusterPairs(kept);
  clusters.forEach((c, i) =>
    c.rowids.forEach((r) =>
      members.add('duplicates', i + 1, r, `cluster ${i + 1}, similarity ≥ ${c.similarity}`),
    ),
  );
  const shown = clusters.slice(0, SHOWN_ITEMS);
  const found = loadHealthProducts(
    db,
    shown.flatMap((c) => c.rowids.slice(0, SHOWN_PER_GROUP)),
  );
  return {
    ref: clusters.length ? 'duplicates' : null,
    total: clusters.length,
    items: shown.map((c, i) => {
      const products = shownProducts(found, c.rowids.slice(0, SHOWN_PER_GROUP));
      return {
        ref: `duplicates#${i + 1}`,
        similarity: c.similarity,
        products,
        differing: differingFields(products),
      };
    }),
    dismissedPairs: pairs.length - kept.length,
  };
}

export function textSection(db: Db, finding: string, groups: number[][]) {
  const shown = groups.slice(0, SHOWN_ITEMS);
  const found = loadHealthProducts(
    db,
    shown.flatMap((g) => g.slice(0, SHOWN_PER_GROUP)),
  );
  return {
    ref: groups.length ? finding : null,
    total: groups.length,
    items: shown.map((g, i) => {
      const products = shownProducts(found, g.slice(0, SHOWN_PER_GROUP));
      const first = products[0];
      return { ref: `${finding}#${i + 1}`, text: first ? (first.description ?? first.name) : '', products };
    }),
  };
}

/**
 * Remembers pairs as not duplicates and regroups the current report's clusters without them; null
 * when there is no current report (the pairs are remembered all the same, for the next one).
 */
export function dismissDuplicates(cat: CatalogHandle, pairs: [string, string][]): HealthReport | null {
  const db = cat.writer;
  dismissPairs(db, pairs);
  const report = loadReport(db);
  if (!report) return null;
  const members = new MemberBuffer();
  const section = duplicateSection(db, loadPairs(db), members);
  const updated: HealthReport = {
    ...report,
    duplicates: { ...section, notEmbedded: report.duplicates.notEmbedded },
  };
  replaceFinding(db, updated, 'duplicates', members);
  return updated;
}
