import { singular } from '../search/synonyms.ts';
import { foldText } from '../search/text.ts';

/** British and American spellings of words that name product fields and values. */
const SPELLINGS = new Map([
  ['colour', 'color'],
  ['colours', 'colors'],
  ['grey', 'gray'],
  ['jewellery', 'jewelry'],
  ['favourite', 'favorite'],
  ['aluminium', 'aluminum'],
  ['fibre', 'fiber'],
  ['centre', 'center'],
  ['metre', 'meter'],
  ['litre', 'liter'],
]);

/** Clothing sizes written out and abbreviated: "X-Large", "XL", "Extra Large" are one size. */
const SIZE_WORDS = new Map([
  ['xxsmall', 'xxs'],
  ['extraextrasmall', 'xxs'],
  ['2xs', 'xxs'],
  ['xsmall', 'xs'],
  ['extrasmall', 'xs'],
  ['small', 's'],
  ['medium', 'm'],
  ['med', 'm'],
  ['large', 'l'],
  ['xlarge', 'xl'],
  ['extralarge', 'xl'],
  ['xxlarge', 'xxl'],
  ['extraextralarge', 'xxl'],
  ['2xl', 'xxl'],
  ['xxxlarge', 'xxxl'],
  ['3xl', 'xxxl'],
]);

/**
 * The key under which spellings of one value meet: case, accents, punctuation and spacing, plurals,
 * British spellings and written-out sizes do not count; nothing fuzzier (one edit apart would join
 * "men's shirts" and "men's t-shirts") ("T-Shirts", "Tshirts", "t shirt" → "tshirt";
 * "Colour" → "color"; "X-Large" → "xl"). Category path levels stay apart ("Men > Tops" ≠ "Men Tops").
 */
export function valueKey(value: string): string {
  return foldText(value)
    .split('>')
    .map((level) => {
      const words = level.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
      const joined = words.join('');
      const size = SIZE_WORDS.get(joined);
      if (size) return size;
      // Digits either side of a separator stay apart: "1.53" is not "15.3", "2 x 4" not "24".
      return words
        .map((w) => singular(SPELLINGS.get(w) ?? w))
        .reduce((key, w) => (/\d$/.test(key) && /^\d/.test(w) ? `${key}.${w}` : key + w), '');
    })
    .join('>');
}

/** Spellings of one value, grouped by their key; values whose key is empty are left out. */
export function groupSimilarValues(values: Iterable<string>): string[][] {
  const byKey = new Map<string, string[]>();
  for (const v of values) {
    const key = valueKey(v);
    if (key === '') continue;
    const list = byKey.get(key);
    if (list) list.push(v);
    else byKey.set(key, [v]);
  }
  return [...byKey.values()].filter((g) => g.length > 1);
}
