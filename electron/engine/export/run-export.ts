import fs from 'node:fs';
import path from 'node:path';
import type { ExportRequest, ExportResult } from '../../../shared/health.ts';
import { exportFormatOf } from '../../../shared/health.ts';
import type { CatalogService } from '../catalog-service.ts';
import { EngineError } from '../errors.ts';
import type { ProgressMeter } from '../jobs/progress.ts';
import { filterSql } from '../search/filter-sql.ts';
import { parseQuery } from '../search/query-parse.ts';
import type { InsightsList, QueryStat } from '../../../shared/insights.ts';
import type { Cell } from './cells.ts';
import { ExportLayout, safeCell } from './cells.ts';
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

/** What an export writes: a header row, then items (a product and its variant rows, or one query) by pages. */
interface ExportTable {
  header: Cell[];
  total: number;
  pages(signal?: AbortSignal): AsyncIterable<Cell[][][]>;
  /** The items counted in the message: "products", "queries". */
  noun: string;
  /** What was left out, for the message. */
  omitted: string;
}

async function productTable(catalog: CatalogService, req: ExportRequest): Promise<ExportTable> {
  const source = new ProductSource(catalog.handle.reader, await selectProducts(catalog, req));
  const attributes = source.attributeNames();
  const layout = new ExportLayout({
    attributes: attributes.names,
    options: req.variants === 'rows' ? source.optionNames() : [],
    variants: req.variants,
    finding: source.isFinding,
  });
  return {
    header: layout.headerRow(),
    total: source.total,
    async *pages(signal) {
      for await (const page of source.pages(signal)) yield page.map((p) => layout.rows(p));
    },
    noun: 'products',
    omitted: attributes.omitted ? `; ${attributes.omitted} rarer attribute columns left out` : '',
  };
}

const QUERY_HEADERS = [
  'query',
  'mode',
  'searches',
  'last seen',
  'results',
  'mean ms',
  'slowest ms',
  'corrected to',
];

/** One of the Insights view's lists as it shows it: the queries people typed are the user text here. */
function queryTable(catalog: CatalogService, list: InsightsList): ExportTable {
  const stats = catalog.insights()[list];
  const row = (s: QueryStat): Cell[] =>
    [s.query, s.mode, s.count, s.lastAt, s.results, s.meanMs, s.maxMs, s.correctedTo].map(safeCell);
  return {
    header: QUERY_HEADERS.map(safeCell),
    total: stats.length,
    async *pages() {
      yield stats.map((s) => [row(s)]);
    },
    noun: 'queries',
    omitted: '',
  };
}

/**
 * Writes the products (or an Insights list) to a CSV or XLSX file, a page at a time, into a temp file
 * renamed over `out` at the end: a cancelled or failed export leaves no half-written file behind, and an
 * existing file is replaced only by a complete one.
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
  const table = req.report ? queryTable(catalog, req.report) : await productTable(catalog, req);
  const tmp = `${req.out}.tmp-${process.pid}`;
  const sink = format === 'csv' ? csvSink(tmp) : xlsxSink(tmp);
  let items = 0;
  let rows = 0;
  meter.startPhase('writing');
  meter.update(0, table.total, true);
  try {
    await sink.write(table.header);
    for await (const page of table.pages(signal)) {
      for (const itemRows of page) {
        for (const row of itemRows) {
          await sink.write(row);
          rows++;
        }
        items++;
      }
      meter.update(items, table.total);
    }
    if (signal?.aborted) throw new EngineError('cancelled', 'the export was cancelled');
    await sink.close();
    fs.renameSync(tmp, req.out);
  } catch (e) {
    sink.abort();
    fs.rmSync(tmp, { force: true });
    meter.finish(signal?.aborted ? 'cancelled' : 'failed', items, table.total, (e as Error).message);
    throw e;
  }
  const result: ExportResult = {
    out: req.out,
    format,
    products: items,
    rows,
    bytes: fs.statSync(req.out).size,
    tookMs: Math.round(performance.now() - started),
  };
  const counted = table.noun === 'products' ? ` (${rows.toLocaleString('en-US')} rows)` : '';
  meter.finish(
    'done',
    items,
    table.total,
    `Exported ${items.toLocaleString('en-US')} ${table.noun}${counted} to ${path.basename(req.out)}${table.omitted}`,
  );
  return result;
}
