import type { Db } from '../store/database.ts';
import { perImport } from '../store/database.ts';
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
