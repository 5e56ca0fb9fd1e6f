import { CsvTokenizer, type CsvRow } from './csv-tokenizer.ts';
import { sniffDelimiter } from './delimiter.ts';
import { CatalogFileError } from './errors.ts';
import { uniqueHeaders } from './headers.ts';
import type { ReadLimits } from './limits.ts';
import { peek } from './peek.ts';
import type { SourceRecord, TableReader } from './record.ts';

const SNIFF_CHARS = 64 * 1024;

async function* csvRows(
  file: string,
  text: AsyncIterable<string>,
  delimiter: string,
  limits: ReadLimits,
): AsyncGenerator<CsvRow> {
  const tokenizer = new CsvTokenizer(delimiter, limits, limits.maxColumns);
  for await (const chunk of text) {
    const rows = tokenizer.push(chunk);
    const headerProblem = tokenizer.headerProblem;
    if (headerProblem) {
      throw new CatalogFileError(file, `the header row is unusable (${headerProblem})`, {
        row: tokenizer.currentRow,
      });
    }
    yield* rows;
  }
  const unclosed = tokenizer.unclosedQuoteRow;
  if (unclosed !== null) {
    throw new CatalogFileError(file, 'unbalanced quote: a quoted value opened here is never closed', {
      row: unclosed,
    });
  }
  yield* tokenizer.end();
}

function toRecord(row: CsvRow, columns: readonly string[]): SourceRecord {
  const values: Record<string, unknown> = {};
  const n = Math.min(row.fields.length, columns.length);
  for (let i = 0; i < n; i++) values[columns[i]] = row.fields[i];
  const record: SourceRecord = { row: row.row, values };
  if (row.problem) {
    record.problem = row.problem;
    if (row.problemField !== undefined)
      record.problemField = columns[row.problemField] ?? `column_${row.problemField + 1}`;
    return record;
  }
  const extraValues = row.fields.slice(columns.length).some((f) => f.trim() !== '');
  if (row.fields.length < columns.length || extraValues) {
    record.problem = `the row has ${row.fields.length} fields but the header has ${columns.length}`;
  }
  return record;
}

/**
 * Reads delimited text (CSV, TSV, semicolon- or pipe-separated): the header row now, the records as
 * they are iterated. Without an explicit delimiter it is sniffed from the first lines.
 */
export async function openDelimited(
  file: string,
  text: AsyncIterable<string>,
  opts: { delimiter?: string; limits: ReadLimits },
): Promise<TableReader & { delimiter: string }> {
  let source = text;
  let delimiter = opts.delimiter;
  if (!delimiter) {
    let chars = 0;
    const peeked = await peek(text, (b) => {
      chars = b.reduce((n, s) => n + s.length, 0);
      return chars >= SNIFF_CHARS;
    });
    delimiter = sniffDelimiter(peeked.buffered.join(''), peeked.ended);
    source = peeked.rest;
  }
  const rows = csvRows(file, source, delimiter, opts.limits);
  const first = await rows.next();
  if (first.done) throw new CatalogFileError(file, 'file is empty (no header row)');
  const header = first.value;
  if (header.problem) {
    throw new CatalogFileError(file, `the header row is unusable (${header.problem})`, { row: header.row });
  }
  const columns = uniqueHeaders(header.fields);

  async function* records(): AsyncGenerator<SourceRecord> {
    for await (const row of rows) yield toRecord(row, columns);
  }
  return { columns, records: records(), delimiter };
}
