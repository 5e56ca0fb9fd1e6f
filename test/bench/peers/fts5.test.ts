import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ftsWordsQuery } from '../../../bench/peers/fts5.ts';

describe('ftsWordsQuery', () => {
  it('quotes each word so FTS5 syntax in a query is inert', () => {
    expect(ftsWordsQuery('USB-C "cable" OR NOT*')).toBe('"usb" OR "c" OR "cable" OR "or" OR "not"');
    expect(ftsWordsQuery('USB-C cable', 'AND')).toBe('"usb" AND "c" AND "cable"');
    expect(ftsWordsQuery('  ?! ')).toBe('');
  });

  it('is accepted by a real FTS5 table, and AND needs every word', () => {
    const db = new Database(':memory:');
    db.exec('CREATE VIRTUAL TABLE t USING fts5(x)');
    db.prepare('INSERT INTO t (x) VALUES (?)').run('usb cable braided');
    const count = (match: string) => db.prepare('SELECT x FROM t WHERE t MATCH ?').all(match).length;
    expect(count(ftsWordsQuery('USB-C (cable) NEAR'))).toBe(1);
    expect(count(ftsWordsQuery('usb cable', 'AND'))).toBe(1);
    expect(count(ftsWordsQuery('usb charger', 'AND'))).toBe(0);
  });
});
