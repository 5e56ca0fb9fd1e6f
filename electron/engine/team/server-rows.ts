// Reading many rows without holding them all: a server-side cursor fetched in slices, parameterised
// (COPY cannot take parameters).
import type pg from 'pg';

const FETCH = 20_000;

export async function* cursorRows<R extends pg.QueryResultRow>(
  client: pg.Client,
  sql: string,
  params: unknown[],
): AsyncGenerator<R> {
  await client.query(`DECLARE shelfscope_rows NO SCROLL CURSOR FOR ${sql}`, params);
  try {
    for (;;) {
      const { rows } = await client.query<R>(`FETCH ${FETCH} FROM shelfscope_rows`);
      yield* rows;
      if (rows.length < FETCH) return;
    }
  } finally {
    await client.query('CLOSE shelfscope_rows');
  }
}
