import path from 'node:path';
import type { ColumnMapping, Format, RejectedRow } from '../../../shared/types.ts';
import type { CatalogHandle } from '../catalog-handle.ts';
import { detectMapping } from '../catalog/mapping.ts';
import { toProduct } from '../catalog/normalize.ts';
import { CatalogFileError, openSource } from '../catalog/source.ts';
import { EngineError } from '../errors.ts';
import { getMeta, setMeta } from '../store/database.ts';
import { ProductWriter } from '../store/products.ts';
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
}

/** Rows between yields to the event loop, so searches keep being answered during an import. */
const YIELD_EVERY = 500;

/**
 * Rejected rows are all kept for the report, so their number is bounded: past this many, and more than
 * were accepted, the file is refused (a gzip bomb of one repeated row would otherwise fill memory).
 */
const MAX_REJECTED = 100_000;

/**
 * Reads a file into the catalog in one write transaction: either the whole file lands (rows matched by
 * id, unchanged rows untouched, rows missing from the file removed) or, if the file cannot be read to
 * its end, nothing changes. Readers keep seeing the previous catalog until the commit.
 */
export async function runImport(
  cat: CatalogHandle,
  opts: ImportOptions,
  meter: ProgressMeter,
): Promise<ImportOutcome> {
  const started = performance.now();
  const source = await openSource(opts.file, {
    format: opts.format,
    sheet: opts.sheet,
    signal: opts.signal,
  }).catch((e: unknown) => {
    throw asBadFile(e, opts.file);
  });
  const mapping: ColumnMapping = { ...detectMapping(source.columns), ...opts.mapping };
  for (const [field, column] of Object.entries(opts.mapping ?? {})) {
    if (!source.columns.includes(column)) {
      throw new EngineError(
        'invalid-input',
        `--map ${field}=${column}: ${path.basename(opts.file)} has no column "${column}"`,
      );
    }
  }
  for (const field of ['id', 'name'] as const) {
    if (!mapping[field] && source.columns.length > 0) {
      throw new EngineError(
        'bad-file',
        `${path.basename(opts.file)}: no column looks like the product ${field} (columns: ${source.columns.slice(0, 20).join(', ')}); choose one with --map ${field}=COLUMN`,
      );
    }
  }

  const db = cat.writer;
  const counts = { imported: 0, updated: 0, unchanged: 0 };
  const accepted = () => counts.imported + counts.updated + counts.unchanged;
  const rejectedRows: RejectedRow[] = [];
  const file = path.basename(opts.file);
  let rows = 0;

  meter.startPhase('reading');
  db.exec('BEGIN IMMEDIATE');
  try {
    // Read under the write lock: an import another process committed while this one waited for the lock
    // must not share its generation, or the rows only that file had would survive this import.
    const generation = Number(getMeta(db, 'import_gen') ?? '0') + 1;
    const writer = new ProductWriter(db, generation);
    for await (const record of source.records()) {
      if (opts.signal?.aborted)
        throw new EngineError('cancelled', 'import cancelled; the catalog is unchanged');
      rows++;
      const mapped = toProduct(record, mapping, file);
      if ('rejected' in mapped) {
        rejectedRows.push(mapped.rejected);
      } else {
        const outcome = writer.upsert(mapped.product);
        if (outcome === 'duplicate') {
          rejectedRows.push({
            file,
            row: record.row,
            field: mapping.id ?? 'id',
            reason: `duplicate id "${mapped.product.id}" (first seen earlier in the file)`,
          });
        } else if (outcome === 'inserted') counts.imported++;
        else if (outcome === 'updated') counts.updated++;
        else counts.unchanged++;
      }
      if (rejectedRows.length > MAX_REJECTED && rejectedRows.length > accepted()) {
        throw new EngineError(
          'bad-file',
          `${file}: more than ${MAX_REJECTED.toLocaleString('en-US')} rows rejected, more than were accepted (last: row ${record.row}, ${rejectedRows[rejectedRows.length - 1].reason}); the catalog is unchanged`,
        );
      }
      if (rows % YIELD_EVERY === 0) {
        const fraction = source.totalBytes > 0 ? source.bytesRead() / source.totalBytes : 0;
        meter.update(rows, fraction > 0 ? Math.max(rows, Math.round(rows / fraction)) : rows);
        await new Promise((r) => setImmediate(r));
      }
    }
    if (rows === 0) {
      throw new EngineError('bad-file', `${file}: the file holds no product rows; the catalog is unchanged`);
    }
    // A file in which no row was usable removes nothing: wiping a catalog takes more than a broken export.
    const removedIds = accepted() === 0 ? [] : writer.removeUnseen();
    setMeta(db, 'import_gen', String(generation));
    db.exec('COMMIT');
    meter.update(rows, rows, true);
    cat.touch();
    const seconds = (performance.now() - started) / 1000;
    return {
      ...counts,
      removed: removedIds.length,
      rejectedRows,
      removedIds,
      rowsPerSec: seconds > 0 ? Math.round(rows / seconds) : rows,
    };
  } catch (e) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw asBadFile(e, opts.file);
  }
}

function asBadFile(e: unknown, file: string): Error {
  if (e instanceof EngineError) return e;
  if (e instanceof CatalogFileError) return new EngineError('bad-file', e.message);
  const message = e instanceof Error ? e.message : String(e);
  return new EngineError('bad-file', `${path.basename(file)}: ${message}`);
}
