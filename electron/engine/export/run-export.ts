import fs from 'node:fs';
import path from 'node:path';
import type { ExportRequest, ExportResult } from '../../../shared/health.ts';
import { exportFormatOf } from '../../../shared/health.ts';
import type { CatalogService } from '../catalog-service.ts';
import { EngineError } from '../errors.ts';
import type { ProgressMeter } from '../jobs/progress.ts';
import { filterSql } from '../search/filter-sql.ts';
import { parseQuery } from '../search/query-parse.ts';
import { ExportLayout } from './cells.ts';
import { csvSink } from './csv-sink.ts';
import type { ExportSelection } from './product-source.ts';
import { ProductSource } from './product-source.ts';
import { xlsxSink } from './xlsx-sink.ts';

/**
 * What the search view shows for this request: a query with words is ranked by the search (its top
 * `limit`, as many as the screen shows), an empty one lists every product passing the filters (those typed in the query too) by
 * name, and a health finding's products come grouped as the report groups them.
 */
async function selectProducts(catalog: CatalogService, req: ExportRequest): Promise<ExportSelection> {
  const parsed = parseQuery(req.query);
  if (parsed.text.trim() === '') {
    const filters = { ...parsed.filters, ...req.filters };
    return { kind: 'filtered', filter: filterSql(filters), health: filters.health };
  }
  const result = await catalog.search({
    query: req.query,
    mode: req.mode,
    limit: req.limit,
    filters: req.filters,
  });
  const rowids = catalog.handle.reader.prepare('SELECT rowid FROM products WHERE id = ?').pluck();
  return {
    kind: 'ranked',
    rowids: result.hits.flatMap((h) => (rowids.get(h.id) as number | undefined) ?? []),
  };
}

/**
 * Writes the products to a CSV or XLSX file, a page at a time, into a temp file renamed over `out` at
 * the end: a cancelled or failed export leaves no half-written file behind, and an existing file is
 * replaced only by a complete one.
 */
export async function runExport(
  catalog: CatalogService,
  req: ExportRequest,
  meter: ProgressMeter,
  signal?: AbortSignal,
): Promise<ExportResult> {
  const started = performance.now();
  const format = exportFormatOf(req.out);
  if (!format) throw new EngineError('invalid-input', `${req.out}: the file name must end in .csv or .xlsx`);
  // The host resolves what the user chose; a relative path would land wherever the engine runs.
  if (!path.isAbsolute(req.out))
    throw new EngineError('invalid-input', `${req.out}: the export path must be absolute`);
  const dir = path.dirname(req.out);
  if (!fs.existsSync(dir))
    throw new EngineError('invalid-input', `${req.out}: the folder ${dir} does not exist`);
  const source = new ProductSource(catalog.handle.reader, await selectProducts(catalog, req));
  const attributes = source.attributeNames();
  const layout = new ExportLayout({
    attributes: attributes.names,
    options: req.variants === 'rows' ? source.optionNames() : [],
    variants: req.variants,
    finding: source.isFinding,
  });
  const tmp = `${req.out}.tmp-${process.pid}`;
  const sink = format === 'csv' ? csvSink(tmp) : xlsxSink(tmp);
  let products = 0;
  let rows = 0;
  meter.startPhase('writing');
  meter.update(0, source.total, true);
  try {
    await sink.write(layout.headerRow());
    for await (const page of source.pages(signal)) {
      for (const p of page) {
        for (const row of layout.rows(p)) {
          await sink.write(row);
          rows++;
        }
        products++;
      }
      meter.update(products, source.total);
    }
    if (signal?.aborted) throw new EngineError('cancelled', 'the export was cancelled');
    await sink.close();
    fs.renameSync(tmp, req.out);
  } catch (e) {
    sink.abort();
    fs.rmSync(tmp, { force: true });
    meter.finish(signal?.aborted ? 'cancelled' : 'failed', products, source.total, (e as Error).message);
    throw e;
  }
  const omitted = attributes.omitted ? `; ${attributes.omitted} rarer attribute columns left out` : '';
  const result: ExportResult = {
    out: req.out,
    format,
    products,
    rows,
    bytes: fs.statSync(req.out).size,
    tookMs: Math.round(performance.now() - started),
  };
  meter.finish(
    'done',
    products,
    source.total,
    `Exported ${products.toLocaleString('en-US')} products (${rows.toLocaleString('en-US')} rows) to ${path.basename(req.out)}${omitted}`,
  );
  return result;
}
