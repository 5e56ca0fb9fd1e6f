import { perImport } from '../store/database.ts';
import type { Db } from '../store/database.ts';
import { LIST_PART } from '../store/attribute-values.ts';
import { vocabularyOf } from './values.ts';
import type { Word } from './words.ts';
import { findWords, QUESTION_WORDS, sameWord, words } from './words.ts';

// The fields a question may name by their own name ("no description", "per season", "most common
// colour"): the product's columns, and any attribute from the file's extra columns.

export type ColumnName = 'description' | 'price' | 'category' | 'brand' | 'stock' | 'season';

export type CatalogField =
  { kind: 'column'; column: ColumnName; label: string } | { kind: 'attribute'; key: string; label: string };

/** What the question calls each column. Plain "stock" is left out: "no stock" means sold out. */
const COLUMN_NAMES: [ColumnName, string[]][] = [
  ['description', ['description', 'desc', 'body']],
  ['price', ['price', 'pricing']],
  ['category', ['category', 'product type']],
  ['brand', ['brand', 'vendor', 'manufacturer', 'maker']],
  ['stock', ['stock quantity', 'stock level', 'stock count', 'quantity', 'qty', 'inventory quantity']],
  ['season', ['season']],
];
const COLUMN_WORDS = COLUMN_NAMES.map(
  ([column, names]) => [column, names.map((n) => words(n))] as [ColumnName, Word[][]],
);

/** Words of an attribute name that say where its value is kept, not what it is ("Image Src"). */
const HOLDER_WORDS = new Set(['src', 'url', 'urls', 'link', 'links', 'path', 'file', 'files']);
const SPELLINGS: [RegExp, string][] = [
  [/\bcolour/g, 'color'],
  [/\bgrey/g, 'gray'],
];
/** Products whose extra columns are read for their names: files keep the same columns on every row. */
const KEY_SAMPLE = 20_000;

/** Attribute names, and variant option names (Shopify keeps "Color" only on variants). */
const attributeKeys = perImport((db: Db): { key: string; words: Word[] }[] => {
  const keys = (
    db
      .prepare(
        `SELECT j.key AS k FROM (SELECT attributes FROM products LIMIT ?) p, json_each(p.attributes) j
         GROUP BY j.key ORDER BY count(*) DESC`,
      )
      .all(KEY_SAMPLE) as { k: string }[]
  ).map((r) => r.k);
  const options = vocabularyOf(db).options.map((o) => o.name);
  const seen = new Set<string>();
  return [...keys, ...options]
    .filter((k) => !seen.has(k.toLowerCase()) && seen.add(k.toLowerCase()))
    .map((key) => ({ key, words: words(spokenKey(key)) }));
});

/** A column name as a question says it: "warrantyInformation" → "warranty Information", "attr_t_colour" → "attr t colour". */
function spokenKey(key: string): string {
  return key.replace(/([\p{Ll}\d])(\p{Lu})/gu, '$1 $2').replace(/_/g, ' ');
}

/** Every field a question may name: the catalog's columns, then its attributes and options. */
export function catalogFields(db: Db): CatalogField[] {
  return [
    ...COLUMN_NAMES.map(([column]): CatalogField => ({ kind: 'column', column, label: column })),
    ...attributeKeys(db).map((a): CatalogField => ({ kind: 'attribute', key: a.key, label: a.key })),
  ];
}

export interface Token {
  word: Word;
  /** Where the token ends in the text it was read from. */
  end: number;
}

/** The words of `text` with where each ends, British and American spellings made one. */
export function tokens(text: string): Token[] {
  return [...text.matchAll(/[\p{L}\p{N}]+/gu)].flatMap((m) =>
    words(SPELLINGS.reduce((t, [re, to]) => t.replace(re, to), m[0])).map((word) => ({
      word,
      end: m.index + m[0].length,
    })),
  );
}

/**
 * The field named at the start of `phrase`, and how many of its words name it: a column by its name,
 * an attribute by its full name ("Short description") or by one word of it ("images" → Image Src,
 * "gender" → Google Shopping / Gender). Columns win over attributes named by the same words.
 */
export function fieldAt(db: Db, phrase: Word[]): { field: CatalogField; length: number } | null {
  if (!phrase.length) return null;
  const at0 = (name: Word[]) =>
    name.length > 0 && findWords(phrase.slice(0, name.length), name, new Set()) === 0;
  let best: { field: CatalogField; length: number; rank: number } | null = null;
  const offer = (field: CatalogField, length: number, rank: number) => {
    if (!best || length > best.length || (length === best.length && rank < best.rank))
      best = { field, length, rank };
  };
  for (const [column, names] of COLUMN_WORDS) {
    const label = column === 'stock' ? 'stock quantity' : column;
    for (const name of names) if (at0(name)) offer({ kind: 'column', column, label }, name.length, 0);
  }
  for (const a of attributeKeys(db)) {
    const field: CatalogField = { kind: 'attribute', key: a.key, label: a.key };
    if (at0(a.words)) offer(field, a.words.length, 1);
    else if (!QUESTION_WORDS.has(phrase[0].text) && a.words.some((w) => sameWord(phrase[0], w))) {
      const others = a.words.filter((w) => !sameWord(phrase[0], w));
      // "images" names Image Src before Image Position; a shorter name before a longer one.
      offer(field, 1, others.every((w) => HOLDER_WORDS.has(w.text)) ? 2 : 3 + others.length);
    }
  }
  return best;
}

/**
 * SQL true when the product has no value for the field: absent, null or blank (an attribute: no row in
 * product_attributes), and no option of its name.
 */
export function emptySql(field: CatalogField): { sql: string; params: string[] } {
  if (field.kind === 'column' && (field.column === 'price' || field.column === 'stock'))
    return { sql: `p.${field.column} IS NULL`, params: [] };
  // Spelled as the partial indexes of store/migrations.ts are, so a count of the few products without one
  // reads only them.
  if (field.kind === 'column')
    return { sql: `coalesce(trim(CAST(p.${field.column} AS TEXT)), '') = ''`, params: [] };
  return {
    sql: `(NOT EXISTS (SELECT 1 FROM product_attributes a WHERE a.product_rowid = p.rowid AND a.name = ? AND a.kind < ${LIST_PART})
      AND NOT EXISTS (SELECT 1 FROM product_options o WHERE o.product_rowid = p.rowid AND o.name = ? COLLATE NOCASE))`,
    params: [field.key, field.key],
  };
}
