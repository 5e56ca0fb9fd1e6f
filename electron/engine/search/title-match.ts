import type { TermGroup } from './analyze.ts';
import { singular } from './synonyms.ts';
import { terms } from './text.ts';

/**
 * Share of the query's positions that a product name matches on its own, any alternative counting
 * ("laptop" matches a name saying "Notebook" through its synonym). bm25 adds up every field, so a
 * handheld whose spec sheet lists "Bluetooth" and "speaker" can outrank a Bluetooth speaker; what the
 * name says is what the product is.
 */
export function titleCoverage(name: string, groups: TermGroup[]): number {
  if (groups.length === 0) return 0;
  const words = terms(name).map(singular);
  const inName = new Set(words);
  const matches = (g: TermGroup) =>
    g.alternatives.some((phrase) =>
      g.prefix
        ? words.some((w) => w.startsWith(phrase.join(' ')))
        : phrase.every((t) => inName.has(singular(t))),
    );
  return groups.filter(matches).length / groups.length;
}

/**
 * How much a product name says beyond the query, as a prior: log(1 + words in the name). Long names
 * are mostly kits, bundles and accessories that list what they fit ("Case for iPhone 6/6s/7/8 …") or
 * spec dumps; of two products that match the words alike, the one whose name is short is more often
 * the thing searched.
 */
export function nameLength(name: string): number {
  return Math.log1p(terms(name).length);
}
