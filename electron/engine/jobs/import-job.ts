import path from 'node:path';
import type { ColumnMapping, Format, ImportDetection, RejectedRow } from '../../../shared/types.ts';
import type { CatalogHandle } from '../catalog-handle.ts';
import { assembleProduct } from '../catalog/assemble.ts';
import { fileMapping } from '../catalog/mapping.ts';
import { readPiece, Rejection, singleProduct, type ProductInput } from '../catalog/normalize.ts';
import { detectProfile } from '../catalog/profiles/index.ts';
import { isProblem, isSkip } from '../catalog/profiles/profile.ts';
import { CatalogFileError, openSource } from '../catalog/source.ts';
import { EngineError } from '../errors.ts';
import { getMeta, setMeta } from '../store/database.ts';
import { ProductWriter, type VariantChanges } from '../store/products.ts';
import { PieceStaging } from './piece-staging.ts';
import type { ProgressMeter } from './progress.ts';

export interface ImportOptions {
  file: string;
  format?: Format;
  sheet?: string;
  mapping?: ColumnMapping;
  signal?: AbortSignal;
}

export interface ImportOutcome {
  imported: number;
  updated: number;
  unchanged: number;
  removed: number;
  rejectedRows: RejectedRow[];
  removedIds: string[];
  rowsPerSec: number;
  detection: ImportDetection;
  variantChanges: VariantChanges;
}

/** Rows between yields to the event loop, so searches keep being answered during an import. */
const YIELD_EVERY = 500;

/**
 * Rejected rows are all kept for the report, so their number is bounded: past this many, and more than
 * were accepted, the file is refused (a gzip bomb of one repeated row would otherwise fill memory).
 */
const MAX_REJECTED = 100_000;

const GENERIC_LABEL: Record<Format, string> = {
  csv: 'CSV file',
  tsv: 'TSV file',
  json: 'JSON file',
  jsonl: 'JSON Lines file',
  xlsx: 'Excel workbook',
  xml: 'XML feed',
};

function checkMapping(
  file: string,
  columns: string[],
  mapping: ColumnMapping,
  override?: ColumnMapping,
): void {
  for (const [field, column] of Object.entries(override ?? {})) {
    if (!columns.includes(column)) {
      throw new EngineError('invalid-input', `--map ${field}=${column}: ${file} has no column "${column}"`);
    }
  }
  for (const field of ['id', 'name'] as const) {
    if (!mapping[field] && columns.length > 0) {
      throw new EngineError(
        'bad-file',
        `${file}: no column looks like the product ${field} (columns: ${columns.slice(0, 20).join(', ')}); choose one with --map ${field}=COLUMN`,
      );
    }
  }
}

/**
 * Reads a file into the catalog in one write transaction: either the whole file lands (products matched
 * by id, variants by SKU within their product, unchanged rows untouched, rows missing from the file
 * removed) or, if the file cannot be read to its end, nothing changes. Readers keep seeing the previous
 * catalog until the commit. A platform export with several rows per product is read in two passes:
 * its rows are staged, then assembled product by product.
 */
export async function runImport(
  cat: CatalogHandle,
  opts: ImportOptions,
  meter: ProgressMeter,
): Promise<ImportOutcome> {
  const started = performance.now();
  const file = path.basename(opts.file);
  const source = await openSource(opts.file, {
    format: opts.format,
    sheet: opts.sheet,
    signal: opts.signal,
  }).catch((e: unknown) => {
    throw asBadFile(e, opts.file);
  });
  const profile = detectProfile(source.columns, source.xmlDialect);
  const mapping = fileMapping(source.columns, profile, opts.mapping);
  try {
    checkMapping(file, source.columns, mapping, opts.mapping);
  } catch (e) {
    await source.close();
    throw e;
  }
  const readRow = profile?.rows?.(source.columns) ?? null;
  const groupColumn = profile?.groupColumn ?? mapping.id ?? 'id';

  const db = cat.writer;
  const counts = { imported: 0, updated: 0, unchanged: 0 };
  const accepted = () => counts.imported + counts.updated + counts.unchanged;
  const rejectedRows: RejectedRow[] = [];
  const skipped: Record<string, number> = {};
  let rows = 0;
  let variants = 0;

  const cancelled = () => {
    if (opts.signal?.aborted)
      throw new EngineError('cancelled', 'import cancelled; the catalog is unchanged');
  };
  const checkRejected = (row: number) => {
    if (rejectedRows.length > MAX_REJECTED && rejectedRows.length > accepted()) {
      throw new EngineError(
        'bad-file',
        `${file}: more than ${MAX_REJECTED.toLocaleString('en-US')} rows rejected, more than were accepted (last: row ${row}, ${rejectedRows[rejectedRows.length - 1].reason}); the catalog is unchanged`,
      );
    }
  };

  meter.startPhase('reading');
  const staging = readRow ? PieceStaging.open(db, cat.dir) : null;
  db.exec('BEGIN IMMEDIATE');
  try {
    // Read under the write lock: an import another process committed while this one waited for the lock
    // must not share its generation, or the rows only that file had would survive this import.
    const generation = Number(getMeta(db, 'import_gen') ?? '0') + 1;
    const writer = new ProductWriter(db, generation);
    const store = (product: ProductInput, row: number) => {
      const outcome = writer.upsert(product);
      if (outcome === 'duplicate') {
        rejectedRows.push({
          file,
          row,
          field: mapping.id ?? 'id',
          reason: `duplicate id "${product.id}" (first seen earlier in the file)`,
        });
        return;
      }
      counts[outcome === 'inserted' ? 'imported' : outcome]++;
      variants += product.variants.length;
    };

    for await (const record of source.records()) {
      cancelled();
      rows++;
      const reading = readRow && !record.problem ? readRow(record.values) : null;
      if (reading && isSkip(reading)) {
        skipped[reading.skip] = (skipped[reading.skip] ?? 0) + 1;
      } else if (reading && isProblem(reading)) {
        rejectedRows.push({ file, row: record.row, field: reading.field, reason: reading.reason });
      } else {
        const piece = readPiece(record, mapping, file, profile, reading);
        if (piece instanceof Rejection) rejectedRows.push(piece.rejected);
        else if (staging) staging.add(piece);
        else store(singleProduct(piece.product!, piece.offer), record.row);
      }
      checkRejected(record.row);
      if (rows % YIELD_EVERY === 0) {
        const fraction = source.totalBytes > 0 ? source.bytesRead() / source.totalBytes : 0;
        meter.update(rows, fraction > 0 ? Math.max(rows, Math.round(rows / fraction)) : rows);
        await new Promise((r) => setImmediate(r));
      }
    }
    if (rows === 0) {
      throw new EngineError('bad-file', `${file}: the file holds no product rows; the catalog is unchanged`);
    }
    if (staging) {
      staging.applyClaims();
      meter.startPhase('saving');
      const total = staging.groupCount;
      let done = 0;
      for (const pieces of staging.groups()) {
        cancelled();
        const { product, rejected } = assembleProduct(pieces, file, groupColumn);
        rejectedRows.push(...rejected);
        if (product) store(product, pieces.find((p) => p.product && !p.claimed)!.row);
        checkRejected(pieces[0].row);
        if (++done % YIELD_EVERY === 0) {
          meter.update(done, total);
          await new Promise((r) => setImmediate(r));
        }
      }
    }
    // A file in which no row was usable removes nothing: wiping a catalog takes more than a broken export.
    const removedIds = accepted() === 0 ? [] : writer.removeUnseen();
    setMeta(db, 'import_gen', String(generation));
    db.exec('COMMIT');
    // In the same turn as the commit: no search may meet a removed product's key in between.
    cat.applyRemovals();
    meter.update(rows, rows, true);
    cat.touch();
    const seconds = (performance.now() - started) / 1000;
    return {
      ...counts,
      removed: removedIds.length,
      rejectedRows,
      removedIds,
      rowsPerSec: seconds > 0 ? Math.round(rows / seconds) : rows,
      detection: {
        platform: profile?.id ?? null,
        label: profile?.label ?? GENERIC_LABEL[source.format],
        rows,
        products: accepted(),
        variants,
        skipped,
      },
      variantChanges: { ...writer.variantChanges },
    };
  } catch (e) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw asBadFile(e, opts.file);
  } finally {
    staging?.close();
  }
}

function asBadFile(e: unknown, file: string): Error {
  if (e instanceof EngineError) return e;
  if (e instanceof CatalogFileError) return new EngineError('bad-file', e.message);
  const message = e instanceof Error ? e.message : String(e);
  return new EngineError('bad-file', `${path.basename(file)}: ${message}`);
}
