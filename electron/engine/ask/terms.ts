import type { Db } from '../store/database.ts';
import { getMeta } from '../store/database.ts';
import { TypoCorrector } from '../search/typo.ts';
import { termsMatch } from './conditions.ts';

export interface ResolvedTerms {
  terms: string[];
  corrections: { from: string; to: string }[];
  /** Words no product's name, brand, category or attributes contain, even after typo correction. */
  unknown: string[];
}

const correctors = new WeakMap<Db, { generation: string; typos: TypoCorrector }>();

function corrector(db: Db): TypoCorrector {
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

/** Checks each word against the catalog's names, correcting typos from the catalog's own vocabulary. */
export function resolveTerms(db: Db, words: string[]): ResolvedTerms {
  const exists = db.prepare('SELECT 1 FROM products_fts WHERE products_fts MATCH ? LIMIT 1');
  const out: ResolvedTerms = { terms: [], corrections: [], unknown: [] };
  for (const w of words) {
    if (exists.get(termsMatch([w]))) {
      out.terms.push(w);
      continue;
    }
    const fixed = corrector(db).correct(w);
    if (fixed && exists.get(termsMatch([fixed]))) {
      out.terms.push(fixed);
      out.corrections.push({ from: w, to: fixed });
    } else {
      out.unknown.push(w);
    }
  }
  return out;
}
