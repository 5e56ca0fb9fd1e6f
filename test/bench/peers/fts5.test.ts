import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ftsOrQuery } from '../../../bench/peers/fts5.ts';

describe('ftsOrQuery', () => {
  it('quotes each word so FTS5 syntax in a query is inert', () => {
    expect(ftsOrQuery('USB-C "cable" OR NOT*')).toBe('"usb" OR "c" OR "cable" OR "or" OR "not"');
    expect(ftsOrQuery('  ?! ')).toBe('');
  });

  it('is accepted by a real FTS5 table', () => {
    const db = new Database(':memory:');
    db.exec('CREATE VIRTUAL TABLE t USING fts5(x)');
    db.prepare('INSERT INTO t (x) VALUES (?)').run('usb cable braided');
    const rows = db
      .prepare('SELECT x FROM t WHERE t MATCH ?')
      .all(ftsOrQuery('USB-C (cable) NEAR')) as unknown[];
    expect(rows).toHaveLength(1);
  });
});
