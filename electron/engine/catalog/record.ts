import type { Format } from '../../../shared/types.ts';

export type { Format };

/**
 * One record read from a catalog file. `row` counts the header as row 1 for CSV/TSV/XLSX (first data
 * row = 2); for JSON it is the 1-based record number, for JSONL the line number, for an XML feed the
 * 1-based number of the `<item>` / `<entry>` in the file.
 */
export interface SourceRecord {
  row: number;
  values: Record<string, unknown>;
  /** Set when the record cannot be used as read (ragged row, oversized value, bad JSON line…). */
  problem?: string;
  /** The column the problem is about; `(row)` is reported when absent. */
  problemField?: string;
}

/** What every format reader produces once its header (or first records) has been read. */
export interface TableReader {
  columns: string[];
  records: AsyncGenerator<SourceRecord>;
}
