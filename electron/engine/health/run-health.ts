import type { HealthOptions, HealthReport } from '../../../shared/health.ts';
import type { AttributeValue } from '../../../shared/types.ts';
import type { CatalogHandle } from '../catalog-handle.ts';
import { EngineError } from '../errors.ts';
import type { ProgressMeter } from '../jobs/progress.ts';
import type { Db } from '../store/database.ts';
import { productCount } from '../store/products.ts';
import { CoverageCounter } from './coverage.ts';
import { loadHealthProducts } from './health-products.ts';
import { InconsistencyCollector } from './inconsistencies.ts';
import { findNearDuplicates } from './near-duplicates.ts';
import { optionCoverage } from './option-gaps.ts';
import { PriceOutlierCollector } from './price-outliers.ts';
import { currentGeneration, MemberBuffer, saveReport } from './report-store.ts';
import { duplicateSection, SHOWN_ITEMS, shownProducts, textSection } from './sections.ts';
import type { ScannedProduct } from './scanned-product.ts';
import { SCAN_PAGE_SQL, SCAN_SQL } from './scanned-product.ts';
import { TextGroupCollector } from './text-groups.ts';

/** Products read per statement: the reader is free between pages for searches made meanwhile. */
const PAGE = 2000;

type Row = Omit<ScannedProduct, 'attributes'> & { attributes: string };

/** Every product in rowid order, a page at a time, with the event loop free between pages. */
async function scanProducts(
  db: Db,
  visit: (p: ScannedProduct) => void,
  opts: { signal?: AbortSignal; onPage?: (done: number) => void },
): Promise<void> {
  const select = db.prepare(SCAN_PAGE_SQL);
  let after = 0;
  let done = 0;
  for (;;) {
    if (opts.signal?.aborted) throw new EngineError('cancelled', 'the health check was cancelled');
    const rows = select.all(after, PAGE) as Row[];
    if (rows.length === 0) return;
    for (const r of rows) {
      visit({ ...r, attributes: JSON.parse(r.attributes) as Record<string, AttributeValue> });
    }
    after = rows[rows.length - 1].rowid;
    done += rows.length;
    opts.onPage?.(done);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/**
 * The whole health pass over a catalog: one scan of the products feeds the coverage, text, price and
 * value checks; variant options are read from their table; then the ANN self-join finds near-duplicates.
 * The report and its findings' products are saved together, so a cancel keeps the previous report.
 */
export async function runHealth(
  cat: CatalogHandle,
  options: HealthOptions,
  meter: ProgressMeter,
  signal?: AbortSignal,
): Promise<HealthReport> {
  const started = performance.now();
  const timing: Record<string, number> = {};
  let mark = started;
  const lap = (name: string) => {
    const now = performance.now();
    timing[name] = Math.round(now - mark);
    mark = now;
  };
  const db = cat.reader;
  const generation = currentGeneration(db);
  const total = productCount(db);
  const members = new MemberBuffer();
  const coverage = new CoverageCounter();
  const texts = new TextGroupCollector(options.minWords, members);
  const prices = new PriceOutlierCollector(members);
  const values = new InconsistencyCollector();

  meter.startPhase('scanning');
  meter.update(0, total, true, 'missing data, texts, prices, values');
  await scanProducts(
    db,
    (p) => {
      coverage.add(p);
      texts.add(p);
      prices.add(p);
      values.add(p);
    },
    { signal, onPage: (done) => meter.update(done, total, false, 'missing data, texts, prices, values') },
  );
  lap('scanMs');
  const textGroups = texts.finish((rowids) => {
    const out = new Map<number, { name: string; description: string | null }>();
    const select = db.prepare(
      'SELECT rowid, name, description FROM products WHERE rowid IN (SELECT value FROM json_each(?))',
    );
    for (let i = 0; i < rowids.length; i += 10_000) {
      for (const r of select.all(JSON.stringify(rowids.slice(i, i + 10_000))) as {
        rowid: number;
        name: string;
        description: string | null;
      }[])
        out.set(r.rowid, r);
    }
    return out;
  });
  const outliers = prices.finish();
  const options_ = optionCoverage(db, members);
  lap('textPriceOptionMs');
  const inconsistencies = values.finish(db, members, (visit) => {
    for (const r of db.prepare(SCAN_SQL).iterate() as IterableIterator<Row>) {
      visit({ ...r, attributes: JSON.parse(r.attributes) as Record<string, AttributeValue> });
    }
  });
  lap('valuesMs');

  meter.startPhase('comparing');
  const selfJoin = await findNearDuplicates(cat, {
    similarity: options.similarity,
    signal,
    onProgress: (done, of) => meter.update(done, of, false, 'near-duplicates'),
  });
  lap('nearDuplicatesMs');
  const duplicates = duplicateSection(db, selfJoin.pairs, members);

  const outlierProducts = loadHealthProducts(
    db,
    outliers.slice(0, SHOWN_ITEMS).map((o) => o.rowid),
  );
  const nonPositive = loadHealthProducts(db, prices.nonPositive.slice(0, SHOWN_ITEMS));
  const report: HealthReport = {
    generation,
    computedAt: new Date().toISOString(),
    tookMs: 0,
    products: total,
    options,
    timing,
    coverage: [...coverage.report(), ...options_],
    shortDescriptions: {
      ref: textGroups.shortDescriptions ? 'short-description' : null,
      total: textGroups.shortDescriptions,
    },
    identicalText: textSection(db, 'identical-text', textGroups.identicalText),
    sameDescription: textSection(db, 'same-description', textGroups.sameDescription),
    duplicates: { ...duplicates, notEmbedded: Math.max(0, total - selfJoin.compared) },
    priceOutliers: {
      ref: outliers.length ? 'price-outlier' : null,
      total: outliers.length,
      items: outliers.slice(0, SHOWN_ITEMS).flatMap((o) => {
        const product = outlierProducts.get(o.rowid);
        return product
          ? [
              {
                product,
                category: o.category,
                median: o.median,
                peers: o.peers,
                score: o.score,
                direction: o.direction,
              },
            ]
          : [];
      }),
    },
    nonPositivePrices: {
      ref: prices.nonPositive.length ? 'price-nonpositive' : null,
      total: prices.nonPositive.length,
      items: shownProducts(nonPositive, prices.nonPositive.slice(0, SHOWN_ITEMS)),
    },
    inconsistencies: {
      ref: inconsistencies.length ? 'values' : null,
      total: inconsistencies.length,
      items: inconsistencies.slice(0, SHOWN_ITEMS),
    },
  };
  lap('reportMs');
  meter.startPhase('saving');
  meter.update(total, total, true);
  report.tookMs = Math.round(performance.now() - started);
  saveReport(cat.writer, report, members, selfJoin.pairs);
  meter.finish('done', total, total);
  return report;
}
