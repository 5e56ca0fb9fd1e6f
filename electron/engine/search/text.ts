// How text becomes search terms. It must agree with SQLite FTS5's `unicode61 remove_diacritics 2`
// tokenizer, otherwise a term we compute (for synonyms, typo correction, highlighting) would never match
// a term FTS5 stored. The agreement is checked against the real tokenizer in the tests.

// unicode61 strips diacritics from Latin letters only (Greek tonos and Cyrillic breve stay), so only
// these ranges are decomposed; combining diacritics typed as separate code points are always dropped.
const LATIN_WITH_DIACRITICS = /[\u00c0-\u024f\u1e00-\u1eff]/g;
const COMBINING_DIACRITICS = /[\u0300-\u036f]/g;
const NON_ASCII = /[^\u0020-\u007e]/;
// unicode61 folds the micro sign to Greek mu; String#toLowerCase leaves it alone.
const MICRO_SIGN = /\u00b5/g;
const SEPARATORS = /[^\p{L}\p{N}\p{Co}]+/u;

export function foldText(text: string): string {
  const lower = text.toLowerCase();
  if (!NON_ASCII.test(lower)) return lower;
  return lower
    .replace(LATIN_WITH_DIACRITICS, (ch) => ch.normalize('NFD'))
    .replace(COMBINING_DIACRITICS, '')
    .replace(MICRO_SIGN, '\u03bc');
}

export function terms(text: string): string[] {
  return foldText(text)
    .split(SEPARATORS)
    .filter((term) => term !== '');
}

// Separators people put inside product codes: "RSG-8901", "rsg 8901", "RSG_8901", "RSG.8901", "RSG/8901".
const ID_SEPARATORS = /[\s\-_./\u2010-\u2015]+/g;

export function normalizeIdKey(s: string): string {
  return foldText(s).toUpperCase().replace(ID_SEPARATORS, '');
}

const ID_KEY = /^[\p{L}\p{N}]+$/u;
const HAS_DIGIT = /\p{N}/u;
const HAS_LETTER = /\p{L}/u;
const MAX_ID_LENGTH = 64;

/** Ids mix letters and digits ("RSG8901", "ps5") or are long digit runs ("3920564"); "50" or "4k" are not. */
export function looksLikeId(token: string): boolean {
  const key = normalizeIdKey(token);
  if (key.length > MAX_ID_LENGTH || !ID_KEY.test(key) || !HAS_DIGIT.test(key)) return false;
  return key.length >= (HAS_LETTER.test(key) ? 3 : 4);
}

// Only the id separators survive the split, so "RSG-8901?" yields "RSG-8901" and "(CBT 89 01)" three tokens.
const ID_TOKEN_SPLIT = /[^\p{L}\p{N}\-_./\u2010-\u2015]+/u;
const MAX_GROUP_TOKENS = 4;
const MAX_LOWERCASE_PREFIX = 4;

// A word joins a code only when it reads like a code prefix ("CBT 89 01", "rsg 8901"), not like
// ordinary words around a number ("under 50", "iphone 15").
function canBePartOfId(token: string): boolean {
  if (HAS_DIGIT.test(token)) return true;
  return token === token.toUpperCase() || normalizeIdKey(token).length <= MAX_LOWERCASE_PREFIX;
}

/**
 * Exact-lookup keys: the whole query when it reads as one code, then runs of adjacent tokens (longest
 * first, left to right), e.g. "is RSG 8901 in stock" → [..., "RSG8901", ..., "8901"]. A key that matches
 * no product costs one index probe, so the list errs on the side of including a run.
 */
export function idCandidates(query: string): string[] {
  const tokens = query.split(ID_TOKEN_SPLIT).filter((token) => normalizeIdKey(token) !== '');
  const keys = new Set<string>();
  // A query that is one token is looked up as typed too, for ids with other punctuation ("AB#123", "X+1").
  const whole = query.trim();
  if (!/\s/.test(whole) && HAS_DIGIT.test(whole) && whole.length <= MAX_ID_LENGTH)
    keys.add(normalizeIdKey(whole));
  for (let size = tokens.length; size >= 1; size--) {
    if (size > MAX_GROUP_TOKENS && size < tokens.length) continue;
    for (let start = 0; start + size <= tokens.length; start++) {
      const group = tokens.slice(start, start + size);
      if (group.every(canBePartOfId) && looksLikeId(group.join(' ')))
        keys.add(normalizeIdKey(group.join('')));
    }
  }
  return [...keys];
}
