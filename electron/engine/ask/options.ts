import type { Db } from '../store/database.ts';
import type { OptionCondition } from './conditions.ts';
import { resolveTerms } from './terms.ts';
import type { Word } from './words.ts';
import { findWords, QUESTION_WORDS, sameWord, words } from './words.ts';

// Variant options (Size, Color…) as a question names them: "in red", "size M", "which sizes".

export interface CatalogOption {
  /** The option's name, spelled as most products spell it. */
  name: string;
  words: Word[];
  values: { value: string; words: Word[] }[];
  /** Product attributes spelled like the option, where products sold as one item state it. */
  attributeKeys: string[];
}

export interface OptionMatches {
  /** Option values named, by option. */
  options: OptionCondition[];
  /** Options named without a value ("which sizes…"), with the word after the name, which may be a value
   * the catalog does not have ("size 32", "colour teal") or may not ("size jackets"). */
  names: { name: string; next: string | null }[];
}

// Matching is linear in the number of values: the most common ones are matched, the rarest not at all.
const MAX_OPTIONS = 20;
const MAX_VALUES_PER_OPTION = 300;
const MAX_VALUE_LENGTH = 40;

/** The options products of the catalog offer and their values, most common first. */
export function loadOptions(db: Db, attributeKeys: string[]): CatalogOption[] {
  const rows = db
    .prepare(
      `SELECT name AS k, value AS v FROM product_options WHERE length(value) <= ?
       GROUP BY name COLLATE NOCASE, value COLLATE NOCASE ORDER BY count(*) DESC`,
    )
    .all(MAX_VALUE_LENGTH) as { k: string; v: string }[];
  const byName = new Map<string, CatalogOption>();
  for (const r of rows) {
    const key = r.k.toLowerCase();
    let option = byName.get(key);
    if (!option) {
      if (byName.size >= MAX_OPTIONS) continue;
      const keys = attributeKeys.filter((k) => k.toLowerCase() === key);
      option = { name: r.k, words: words(r.k), values: [], attributeKeys: keys };
      byName.set(key, option);
    }
    if (option.values.length < MAX_VALUES_PER_OPTION) option.values.push({ value: r.v, words: words(r.v) });
  }
  return [...byName.values()].filter((o) => o.words.length > 0);
}

/**
 * Whether a value is read only next to its option's name: "M", "30" or "No" alone are too common in
 * questions to stand for a size or a choice ("size M", "waist 30", "logo: no").
 */
function needsName(value: Word[]): boolean {
  return (
    (value.length === 1 && (value[0].text.length <= 2 || /^\d/.test(value[0].text))) ||
    value.every((w) => QUESTION_WORDS.has(w.text))
  );
}

/** Where the option's name stands in the question, from `from` on; -1 when it does not. */
function nameAt(question: Word[], option: CatalogOption, used: Set<number>, from = 0): number {
  if (option.words.every((w) => QUESTION_WORDS.has(w.text))) return -1;
  return findWords(question, option.words, used, from);
}

/** The question's words just before or after a span that spell the option's name, if they do. */
function adjacentName(question: Word[], option: CatalogOption, start: number, end: number): number[] {
  const n = option.words.length;
  const before = start - n;
  if (before >= 0 && option.words.every((w, i) => sameWord(question[before + i], w))) {
    return Array.from({ length: n }, (_, i) => before + i);
  }
  if (end + n <= question.length && option.words.every((w, i) => sameWord(question[end + i], w))) {
    return Array.from({ length: n }, (_, i) => end + i);
  }
  return [];
}

/** Option values and names the question names; the words that named them are marked used. */
export function matchOptions(question: Word[], catalog: CatalogOption[], used: Set<number>): OptionMatches {
  const options: OptionCondition[] = [];
  for (const option of catalog) {
    const values: string[] = [];
    for (const value of option.values) {
      for (let at = findWords(question, value.words, used); at >= 0;) {
        const end = at + value.words.length;
        const name = adjacentName(question, option, at, end);
        if (name.length || !needsName(value.words)) {
          values.push(value.value);
          for (const i of [...name, ...Array.from({ length: end - at }, (_, k) => at + k)]) used.add(i);
          break;
        }
        at = findWords(question, value.words, used, at + 1);
      }
    }
    if (values.length) options.push({ name: option.name, values, attributeKeys: option.attributeKeys });
  }
  const names: OptionMatches['names'] = [];
  for (const option of catalog) {
    const at = nameAt(question, option, used);
    if (at < 0) continue;
    const end = at + option.words.length;
    for (let i = at; i < end; i++) used.add(i);
    const next = question[end] as Word | undefined;
    const free = next !== undefined && !used.has(end) && !QUESTION_WORDS.has(next.text);
    names.push({ name: option.name, next: free ? next.text : null });
  }
  return { options, names };
}

/**
 * The first option named with a value no product has ("size 32", "colour teal"): the word after the
 * name is read as a value when it looks like one (digits, a short code) or is no word of the catalog.
 */
export function unknownOptionValue(
  db: Db,
  names: OptionMatches['names'],
): { name: string; value: string } | null {
  for (const { name, next } of names) {
    if (next === null) continue;
    if (/\d/.test(next) || next.length <= 4 || resolveTerms(db, [next]).unknown.length)
      return { name, value: next };
  }
  return null;
}
