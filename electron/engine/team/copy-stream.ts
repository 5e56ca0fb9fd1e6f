// COPY in both directions, streamed: rows go to the server as CSV in chunks with backpressure, and come
// back in COPY's text format, split into fields as the bytes arrive. Nothing here builds SQL from data.
import { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';

export type CsvValue = string | number | Buffer | null;

/** Rows per chunk written to the socket: one string of ~0.5–1 MB instead of a write per row. */
const ROWS_PER_CHUNK = 500;

/** One field of COPY … (FORMAT csv): NULL unquoted and empty, text quoted, bytea as quoted hex. */
function csvField(v: CsvValue): string {
  if (v === null) return '';
  if (typeof v === 'number') return String(v);
  if (Buffer.isBuffer(v)) return `"\\x${v.toString('hex')}"`;
  return `"${v.replaceAll('"', '""')}"`;
}

/** Streams rows into `COPY table (columns) FROM STDIN (FORMAT csv)`; resolves with the bytes sent. */
export async function copyRowsIn(
  client: pg.Client,
  sql: string,
  rows: Iterable<CsvValue[]> | AsyncIterable<CsvValue[]>,
): Promise<number> {
  let bytes = 0;
  async function* chunks() {
    let chunk = '';
    let n = 0;
    for await (const row of rows) {
      chunk += `${row.map(csvField).join(',')}\n`;
      if (++n === ROWS_PER_CHUNK) {
        bytes += Buffer.byteLength(chunk);
        yield chunk;
        chunk = '';
        n = 0;
      }
    }
    if (chunk) {
      bytes += Buffer.byteLength(chunk);
      yield chunk;
    }
  }
  await pipeline(Readable.from(chunks()), client.query(copyFrom(sql)));
  return bytes;
}

/** COPY text-format escapes: \\N is NULL, and backslash sequences stand for the bytes below. */
function unescapeText(field: string): string | null {
  if (field === '\\N') return null;
  if (!field.includes('\\')) return field;
  return field.replace(/\\(.)/g, (_, c: string) =>
    c === 'n'
      ? '\n'
      : c === 't'
        ? '\t'
        : c === 'r'
          ? '\r'
          : c === 'b'
            ? '\b'
            : c === 'f'
              ? '\f'
              : c === 'v'
                ? '\v'
                : c,
  );
}

/** Streams the rows of `COPY (query) TO STDOUT` (text format) as arrays of fields. */
export async function* copyRowsOut(client: pg.Client, sql: string): AsyncGenerator<(string | null)[]> {
  const stream = client.query(copyTo(sql));
  // A chunk may end inside a multi-byte character: the decoder keeps its first bytes for the next one.
  const decoder = new StringDecoder('utf8');
  let rest = '';
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    const text = rest + decoder.write(chunk);
    const lines = text.split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) yield line.split('\t').map(unescapeText);
  }
  rest += decoder.end();
  if (rest) yield rest.split('\t').map(unescapeText);
}
