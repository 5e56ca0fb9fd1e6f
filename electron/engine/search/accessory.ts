import { singular } from './synonyms.ts';
import { terms } from './text.ts';

// Nouns that make the word before them a modifier: a "keyboard cover" is a cover, a "laptop bag" a bag.
const ACCESSORY_NOUNS = new Set(
  (
    'accessory adapter adaptor bag battery bracket cable case charger clip cooler cover dock filter foot holder ' +
    'kit lock mount pad pen protector rest screen shield skin sleeve stand strap stylus support tray wallet ' +
    'cleaner mat hub converter extender splitter bumper folio pouch enclosure film glass guard cradle cord ' +
    'drawer riser arm privacy replacement part spare backpack briefcase roller messenger docking station lamp bulb'
  ).split(' '),
);
// Words after which a product name names what the product is *for*: "sleeve for iPad".
const LINKING = new Set(['for', 'to', 'with', 'compatible', 'fits']);

/**
 * True when every query word that a product name contains is only a modifier there — followed within two
 * words by an accessory noun the query did not ask for, or after "for"/"with" — so the product is an accessory of
 * what was searched, not the thing itself. Search ranks such products below the things themselves.
 */
export function isAccessoryOf(name: string, queryTerms: string[]): boolean {
  const wanted = new Set(queryTerms.map(singular));
  if ([...wanted].some((t) => ACCESSORY_NOUNS.has(t))) return false;
  const words = terms(name).map(singular);
  let found = false;
  for (let i = 0; i < words.length; i++) {
    if (!wanted.has(words[i])) continue;
    found = true;
    const linked = words.slice(Math.max(0, i - 3), i).some((w) => LINKING.has(w));
    const modifies = words.slice(i + 1, i + 3).some((w) => !wanted.has(w) && ACCESSORY_NOUNS.has(w));
    if (!linked && !modifies) return false;
  }
  return found;
}
