import Database from 'better-sqlite3';
import path from 'node:path';
import { latencyStats, timeEach, timed } from '../lib/timing.ts';
import type { PeerContext } from './context.ts';
import type { PeerResult } from './types.ts';

/** The query's words joined by OR or AND, each quoted so FTS5 syntax in a query cannot break it. */
export function ftsWordsQuery(query: string, op: 'OR' | 'AND' = 'OR'): string {
  const words = query.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.map((w) => `"${w}"`).join(` ${op} `);
}

/** SQLite FTS5 with bm25 ranking and nothing else: what a catalog manager gets from a plain database. */
export async function benchFts5(ctx: PeerContext): Promise<PeerResult> {
  const db = new Database(path.join(ctx.dir, 'fts5-alone.sqlite'));
  db.pragma('journal_mode = WAL');
  db.exec('CREATE VIRTUAL TABLE docs USING fts5(name, brand, category, description, attrs)');
  const insert = db.prepare(
    'INSERT INTO docs (rowid, name, brand, category, description, attrs) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const build = await timed(() =>
    db.transaction(() => {
      for (const d of ctx.data.docs) insert.run(d.rowid, d.name, d.brand, d.category, d.description, d.attrs);
    })(),
  );
  const search = db.prepare('SELECT rowid FROM docs WHERE docs MATCH ? ORDER BY bm25(docs) LIMIT 10');
  const samples = await timeEach(ctx.queries, (q) => {
    const match = ftsWordsQuery(q);
    return match ? search.all(match) : [];
  });
  db.close();
  return {
    name: 'SQLite FTS5 bm25',
    version: (new Database(':memory:').prepare('SELECT sqlite_version() AS v').get() as { v: string }).v,
    skipped: null,
    buildMs: Math.round(build.ms),
    queries: { keyword: latencyStats(samples) },
    recall10: null,
    notes: ['keyword only: OR of the query words, bm25, top 10 ids; no hydration, facets, typos or synonyms'],
  };
}
