import { once } from 'node:events';
import fs from 'node:fs';
import { finished } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import type { Cell } from './cells.ts';
import type { SheetSink } from './sheet-sink.ts';

/**
 * CSV in UTF-8 with a byte-order mark (without one Excel reads UTF-8 as the system code page and
 * mangles every accent), RFC 4180 quoting by csv-stringify, CRLF line ends as Excel writes them.
 */
export function csvSink(file: string): SheetSink {
  const out = fs.createWriteStream(file);
  const csv = stringify({ bom: true, record_delimiter: 'windows', cast: { number: (n) => String(n) } });
  csv.pipe(out);
  return {
    async write(row: Cell[]) {
      if (!csv.write(row.map((c) => c ?? ''))) await once(csv, 'drain');
    },
    async close() {
      csv.end();
      await finished(out);
    },
    abort() {
      csv.destroy();
      out.destroy();
    },
  };
}
