import { LIST_PART, splitList } from '../store/attribute-values.ts';
import { perImport } from '../store/database.ts';
import type { Db } from '../store/database.ts';
import { catalogCurrency } from '../store/products.ts';
import type { CatalogOption, OptionMatches } from './options.ts';
import { loadOptions, matchOptions } from './options.ts';
import type { Word } from './words.ts';
import { findWords, QUESTION_WORDS, sameWord, words } from './words.ts';

export interface CatalogValue {
  value: string;
  words: Word[];
  /** How many products have it (for a list part, the products whose lists name it). */
  products: number;
}

/** The values that exist in one catalog, which a question's words are matched against. */
export interface Vocabulary {
  categories: CatalogValue[];
  brands: CatalogValue[];
  /** Distinct season parts ("Spring", "All seasons") and the full season strings containing each. */
  seasons: (CatalogValue & { strings: string[]; allYear: boolean })[];
  attributes: { key: string; values: CatalogValue[] }[];
  /** Variant options (Size, Color…) and their values. */
  options: CatalogOption[];
  /** The currency most prices are in; null when the catalog names none. */
  currency: string | null;
}

export interface ValueMatches {
  categories: string[];
  brands: string[];
  /** Full season strings of the catalog that fit the seasons asked for (all-year products included). */
  seasonStrings: string[];
  seasons: string[];
  attributes: { key: string; values: string[] }[];
  options: OptionMatches['options'];
  optionNames: OptionMatches['names'];
  /** Positions of the question words that named a value. */
  used: Set<number>;
  /** Readings set aside for a commoner one (see commonerAttributes). */
  displaced: Displaced[];
}

/** A category a word also names, not read because an attribute value it names is commoner. */
export interface Displaced {
  category: string;
  /** The word of the question as typed. */
  word: string;
}

// Matching is linear in the number of values; beyond these, the rarest values are not matched at all.
const MAX_VALUES_PER_FIELD = 5_000;
const MAX_ATTRIBUTE_KEYS = 50;
const MAX_VALUES_PER_ATTRIBUTE = 200;
const MAX_ATTRIBUTE_VALUE_LENGTH = 40;
const SEASON_SEPARATORS = /\s*[,/;|&]\s*|\s+and\s+/i;
const SEASON_ALIASES: Record<string, string> = { autumn: 'fall', fall: 'autumn' };

/** The catalog's vocabulary, recomputed only after an import changed the products. */
export const vocabularyOf = perImport(loadVocabulary);

function loadVocabulary(db: Db): Vocabulary {
  const distinct = (column: 'category' | 'brand') =>
    (
      db
        .prepare(
          `SELECT ${column} AS v, count(*) AS n FROM products WHERE ${column} IS NOT NULL AND ${column} <> ''
           GROUP BY ${column} COLLATE NOCASE ORDER BY n DESC LIMIT ?`,
        )
        .all(MAX_VALUES_PER_FIELD) as { v: string; n: number }[]
    ).map((r) => toValue(r.v, r.n));

  const seasonStrings = db
    .prepare(
      "SELECT season AS v, count(*) AS n FROM products WHERE season IS NOT NULL AND season <> '' GROUP BY season LIMIT ?",
    )
    .all(MAX_VALUES_PER_FIELD) as { v: string; n: number }[];
  const parts = new Map<string, { value: string; strings: string[]; products: number }>();
  for (const s of seasonStrings) {
    for (const part of s.v.split(SEASON_SEPARATORS).filter(Boolean)) {
      const k = part.toLowerCase();
      const entry = parts.get(k) ?? { value: part, strings: [], products: 0 };
      entry.strings.push(s.v);
      entry.products += s.n;
      parts.set(k, entry);
    }
  }
  const seasons = [...parts.values()].map((p) => {
    const v = toValue(p.value, p.products);
    return {
      ...v,
      strings: p.strings,
      allYear: v.words.some((w) => ['all', 'year', 'round'].includes(w.text)),
    };
  });

  // Whole values (not the parts of lists, which listParts reads below), off their own index. An
  // attribute with more distinct values than a vocabulary holds (a free-text spec) is left out after
  // reading just past the limit: grouping all of them took seconds at 1M products.
  const whole = `FROM product_attributes WHERE name = ? AND kind < ${LIST_PART}`;
  const distinctValues = db.prepare(`SELECT count(*) FROM (SELECT DISTINCT value ${whole} LIMIT ?)`).pluck();
  const counted = db.prepare(
    `SELECT value AS v, count(*) AS n ${whole} AND length(value) <= ? GROUP BY value ORDER BY n DESC`,
  );
  // The attribute names, one index seek each (DISTINCT would walk every row).
  const names = db
    .prepare(
      `WITH RECURSIVE k(name) AS (SELECT min(name) FROM product_attributes
         UNION ALL SELECT (SELECT min(name) FROM product_attributes WHERE name > k.name) FROM k WHERE k.name IS NOT NULL)
       SELECT name FROM k WHERE name IS NOT NULL`,
    )
    .pluck()
    .all() as string[];
  const byKey = new Map<string, Map<string, number>>();
  const top = new Map<string, number>();
  for (const name of names) {
    const n = distinctValues.get(name, MAX_VALUES_PER_ATTRIBUTE + 1) as number;
    if (n > MAX_VALUES_PER_ATTRIBUTE) continue;
    const rows = counted.all(name, MAX_ATTRIBUTE_VALUE_LENGTH) as { v: string; n: number }[];
    // "Blue, Green, Red" offers red: a listed value is matched by each of its parts.
    const known = new Map<string, number>();
    for (const r of rows) for (const part of listParts(r.v)) known.set(part, (known.get(part) ?? 0) + r.n);
    if (!rows.length) continue;
    byKey.set(name, known);
    top.set(name, rows[0].n);
  }
  // The attributes whose commonest value is commonest first.
  const ranked = [...byKey.entries()].sort((a, b) => (top.get(b[0]) ?? 0) - (top.get(a[0]) ?? 0));
  const attributes = ranked.slice(0, MAX_ATTRIBUTE_KEYS).map(([key, values]) => ({
    key,
    // Numbers and bare question words ("no", "all") are read as numbers and question shape instead.
    values: [...values]
      .map(([value, n]) => toValue(value, n))
      .filter(
        (v) => v.words.length > 0 && v.words.some((w) => !QUESTION_WORDS.has(w.text) && !/^\d/.test(w.text)),
      ),
  }));

  return {
    categories: distinct('category'),
    brands: distinct('brand'),
    seasons,
    attributes,
    options: loadOptions(db, [...byKey.keys()]),
    currency: catalogCurrency(db),
  };
}

/** A stored value and, when it lists several, each of them long enough to be a word of a question. */
export function listParts(value: string): string[] {
  const parts = splitList(value).filter((p) => p.length >= 2);
  return parts.length > 1 ? [value, ...parts] : [value];
}

function toValue(value: string, products: number): CatalogValue {
  return { value, words: words(value), products };
}

interface Found {
  value: CatalogValue;
  start: number;
  end: number;
}

function fullMatches(question: Word[], values: CatalogValue[], used: Set<number>): Found[] {
  const found: Found[] = [];
  for (const value of values) {
    for (let start = findWords(question, value.words, used); start >= 0;) {
      const f = { value, start, end: start + value.words.length };
      if (readable(question, f)) {
        found.push(f);
        break;
      }
      start = findWords(question, value.words, used, start + 1);
    }
  }
  const exact = (f: Found) =>
    f.value.words.every((w, i) => question[f.start + i].stems.some((s) => w.stems.includes(s)));
  // "men's accessories" names Men's Accessories, not also Accessories; "adidas" names ADIDAS, not also
  // ADIVA one typo away.
  return found.filter(
    (f) =>
      !found.some(
        (g) =>
          g !== f &&
          g.start <= f.start &&
          g.end >= f.end &&
          (g.end - g.start > f.end - f.start || (exact(g) && !exact(f))),
      ),
  );
}

/**
 * Categories named in the question. Beyond exact names ("men's shoes"), a category's head word names
 * every category sharing it ("shoes" → Men's Shoes and Women's Shoes; "clothing" → all clothing), and
 * a leading word alone names every category it leads ("men's" → Men's Clothing, Men's Shoes…).
 */
function matchCategories(question: Word[], values: CatalogValue[], used: Set<number>): string[] {
  const chosen = new Set<string>();
  const full = fullMatches(question, values, used);
  for (const f of full) chosen.add(f.value.value);
  const covered = new Set<number>();
  for (const f of full) for (let i = f.start; i < f.end; i++) covered.add(i);
  const multiWordCovered = new Set<number>();
  for (const f of full.filter((x) => x.end - x.start > 1))
    for (let i = f.start; i < f.end; i++) multiWordCovered.add(i);

  question.forEach((typed, i) => {
    if (used.has(i) || multiWordCovered.has(i) || QUESTION_WORDS.has(typed.text)) return;
    // "toner cartridges" is no Printer cleaning cartridge: a head word names the categories it ends
    // only when the word typed before it is none of theirs' other words or not a product word at all.
    const before = question[i - 1];
    const modifier =
      before !== undefined && !used.has(i - 1) && !covered.has(i - 1) && !QUESTION_WORDS.has(before.text)
        ? before
        : null;
    const byHead = values.filter(
      (v) =>
        v.words.length > 1 &&
        sameWord(typed, v.words[v.words.length - 1]) &&
        (!modifier || v.words.slice(0, -1).some((w) => sameWord(modifier, w))),
    );
    // "men's bag" names Bags for men, not every Men's category: a lead word before a named category
    // is left to the rest of the question.
    const next = question[i + 1];
    const beforeCategory =
      covered.has(i + 1) ||
      (next !== undefined && values.some((v) => sameWord(next, v.words[v.words.length - 1])));
    const byLead =
      covered.has(i) || beforeCategory
        ? []
        : // "men's" leads Men's Shoes and Men's Clothing; "printers" is no lead of Printer fuser kit.
          values.filter((v) => v.words.length > 1 && typed.text === v.words[0].text);
    const named = byHead.length ? byHead : byLead;
    for (const v of named) chosen.add(v.value);
    if (named.length) covered.add(i);
  });
  for (const i of covered) used.add(i);
  return [...chosen];
}

/** Words that name a brand or category just before it: "by AND", "from One", "brand All". */
const NAMING_CUES = new Set([
  'by',
  'from',
  'brand',
  'brands',
  'label',
  'vendor',
  'maker',
  'make',
  'category',
]);
/** Words after a value that name it a category: "BLACK category". */
const FIELD_AFTER = new Set(['category', 'categories']);
/** Words after a value that say it names what products are: "AND products", "One items". */
const NAMED_AFTER = new Set(['product', 'products', 'item', 'items', 'brand', 'category', 'range']);

/**
 * A value spelled only with question words ("AND", "It", "One", "All") is read as a value only where the
 * question leaves no other reading: named by a cue ("by AND"), followed by "products", or the question itself.
 */
function readable(question: Word[], f: Found): boolean {
  if (!f.value.words.every((w) => QUESTION_WORDS.has(w.text))) return true;
  const before = question[f.start - 1]?.text;
  const after = question[f.end]?.text;
  return (
    (before !== undefined && NAMING_CUES.has(before)) ||
    (after !== undefined && NAMED_AFTER.has(after)) ||
    question.length === f.end - f.start
  );
}

const oneWord = (values: CatalogValue[]) => values.filter((v) => v.words.length === 1);
const exactly = (typed: Word, value: CatalogValue) =>
  typed.stems.some((s) => value.words[0].stems.includes(s));

/**
 * "How many black products?" of a catalog with a category BLACK (13 products) and a colour Black (22,083
 * products): a word naming a one-word category and a one-word attribute value is read as the attribute
 * when more products have it, unless a cue names the category ("category BLACK", "BLACK category").
 * Brands keep their word ("Intel products" are Intel's, not those with an Intel processor). The
 * categories set aside are returned, to be offered.
 */
function commonerAttributes(
  question: Word[],
  vocabulary: Vocabulary,
  used: Set<number>,
): { attributes: Map<string, string[]>; displaced: Displaced[] } {
  const attributes = new Map<string, string[]>();
  const displaced: Displaced[] = [];
  const exactMatches = (values: CatalogValue[]) =>
    fullMatches(question, oneWord(values), used).filter((f) => exactly(question[f.start], f.value));
  // Where two attributes claim the word, the commoner value takes it.
  const claims = vocabulary.attributes
    .flatMap((a) => exactMatches(a.values).map((f) => ({ key: a.key, ...f })))
    .sort((x, y) => y.value.products - x.value.products);
  if (!claims.length) return { attributes, displaced };
  const categories = exactMatches(vocabulary.categories);
  for (const claim of claims) {
    const at = claim.start;
    const against = categories.filter((c) => c.start === at);
    const cued =
      NAMING_CUES.has(question[at - 1]?.text ?? '') || FIELD_AFTER.has(question[at + 1]?.text ?? '');
    if (
      used.has(at) ||
      cued ||
      !against.length ||
      against.some((c) => c.value.products >= claim.value.products)
    )
      continue;
    used.add(at);
    attributes.set(claim.key, [...(attributes.get(claim.key) ?? []), claim.value.value]);
    for (const c of against) displaced.push({ category: c.value.value, word: question[at].text });
  }
  return { attributes, displaced };
}

function matchExact(question: Word[], values: CatalogValue[], used: Set<number>): CatalogValue[] {
  const found = fullMatches(question, values, used);
  for (const f of found) for (let i = f.start; i < f.end; i++) used.add(i);
  return found.map((f) => f.value);
}

/** Catalog values the question names, by field; the words that named them are marked used. */
export function matchValues(question: Word[], vocabulary: Vocabulary): ValueMatches {
  const used = new Set<number>();
  // "Tagged kitchen tools" names that tag, not every Kitchen… category by its first word: values of
  // several words are read before categories are read from one.
  const phrases = vocabulary.attributes.map((a) => ({
    key: a.key,
    values: matchExact(
      question,
      a.values.filter((v) => v.words.length > 1),
      used,
    ).map((v) => v.value),
  }));
  const commoner = commonerAttributes(question, vocabulary, used);
  const categories = matchCategories(question, vocabulary.categories, used);
  const brands = matchExact(question, vocabulary.brands, used).map((v) => v.value);

  const aliased = question.map((w) =>
    Object.hasOwn(SEASON_ALIASES, w.text) && !vocabulary.seasons.some((s) => s.words[0]?.text === w.text)
      ? words(SEASON_ALIASES[w.text])[0]
      : w,
  );
  const seasonValues = matchExact(aliased, vocabulary.seasons, used) as Vocabulary['seasons'];
  const wanted =
    seasonValues.length && !seasonValues.some((s) => s.allYear)
      ? vocabulary.seasons.filter((s) => s.allYear)
      : [];
  const seasonStrings = [...new Set([...seasonValues, ...wanted].flatMap((s) => s.strings))];

  // Before attributes: a product-level "Color" column rarely lists every colour its variants come in.
  const options = matchOptions(question, vocabulary.options, used);
  const attributes = vocabulary.attributes
    .map((a, i) => ({
      key: a.key,
      values: [
        ...phrases[i].values,
        ...(commoner.attributes.get(a.key) ?? []),
        ...matchExact(question, a.values, used).map((v) => v.value),
      ],
    }))
    .filter((a) => a.values.length > 0);
  return {
    categories,
    brands,
    seasons: seasonValues.map((s) => s.value),
    seasonStrings,
    attributes,
    options: options.options,
    optionNames: options.names,
    used,
    displaced: commoner.displaced,
  };
}
