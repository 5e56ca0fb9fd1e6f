import type { Db } from '../store/database.ts';
import { getMeta } from '../store/database.ts';
import { TypoCorrector } from './typo.ts';

const correctors = new WeakMap<Db, { generation: string; typos: TypoCorrector }>();

/**
 * Typo correction from the catalog's own words (names, brands, categories), built once per import
 * generation and shared by search and ask.
 */
export function catalogTypoCorrector(db: Db): TypoCorrector {
  const generation = getMeta(db, 'import_gen') ?? '0';
  const hit = correctors.get(db);
  if (hit?.generation === generation) return hit.typos;
  const vocab = db.prepare('SELECT term, doc FROM lexicon_vocab').iterate() as IterableIterator<{
    term: string;
    doc: number;
  }>;
  const typos = new TypoCorrector(
    (function* () {
      for (const v of vocab) yield [v.term, v.doc] as [string, number];
    })(),
  );
  correctors.set(db, { generation, typos });
  return typos;
}
