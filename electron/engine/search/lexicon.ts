import type { Db } from '../store/database.ts';
import { perImport } from '../store/database.ts';
import { terms } from './text.ts';
import { TypoCorrector } from './typo.ts';

/**
 * Typo correction from the catalog's own words (names, brands, categories), built once per import
 * generation and shared by search and ask.
 */
export const catalogTypoCorrector = perImport((db: Db): TypoCorrector => {
  const vocab = db.prepare('SELECT term, doc FROM lexicon_vocab').iterate() as IterableIterator<{
    term: string;
    doc: number;
  }>;
  return new TypoCorrector(
    (function* () {
      for (const v of vocab) yield [v.term, v.doc] as [string, number];
    })(),
  );
});

/**
 * The catalog's brands and categories by their folded text ("notebook" → category "Notebook"), so a
 * query that names one can favour its products; once per import generation.
 */
export const catalogNamedValues = perImport((db: Db) => {
  const named = new Map<string, { kind: 'category' | 'brand'; original: string }>();
  for (const kind of ['brand', 'category'] as const) {
    const values = db
      .prepare(`SELECT DISTINCT ${kind} AS v FROM products WHERE ${kind} IS NOT NULL`)
      .all() as { v: string }[];
    for (const { v } of values) {
      const folded = terms(v).join(' ');
      if (folded.length >= 3) named.set(folded, { kind, original: v });
    }
  }
  return named;
});
