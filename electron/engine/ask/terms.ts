import type { Db } from '../store/database.ts';
import { catalogTypoCorrector } from '../search/lexicon.ts';
import { termsMatch } from './conditions.ts';

export interface ResolvedTerms {
  terms: string[];
  corrections: { from: string; to: string }[];
  /** Words no product's name, brand, category or attributes contain, even after typo correction. */
  unknown: string[];
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
    const fixed = catalogTypoCorrector(db).correct(w);
    if (fixed && exists.get(termsMatch([fixed]))) {
      out.terms.push(fixed);
      out.corrections.push({ from: w, to: fixed });
    } else {
      out.unknown.push(w);
    }
  }
  return out;
}
