import { quote } from '../search/analyze.ts';
import { idCandidates, looksLikeId, normalizeIdKey } from '../search/text.ts';
import type { Db } from '../store/database.ts';
import { perImport } from '../store/database.ts';
import type { ProductRow } from '../store/products.ts';
import { PRODUCT_COLUMNS, productCount } from '../store/products.ts';
import type { Word } from './words.ts';
import { QUESTION_WORDS, editDistance, sameWord, words } from './words.ts';

export interface References {
  /** Products the question names by id or by name, in the order it names them. */
  products: ProductRow[];
  /** How each was named. */
  by: Map<string, 'id' | 'name'>;
  /** Code-like words that are no product's id ("DHN0987"). */
  unknownIds: string[];
}

// A name is looked for among the products whose name shares a word with the question; bm25 puts the
// ones sharing the most (and rarest) words first.
const NAME_CANDIDATES = 200;
// A word in more names than this share of the catalog (and this many) names a kind of product ("black",
// "shirt"), never one product: looking names up by it ranked every such name (0.5 s for "black" at 1M).
const KIND_SHARE = 0.01;
const KIND_MIN = 1_000;
const catalogSize = perImport(productCount);
const CODE_TOKEN = /^(?=.*\p{L})(?=.*\p{N})[\p{L}\p{N}]+$/u;

export function findReferences(db: Db, question: string): References {
  const found: { row: ProductRow; at: number; by: 'id' | 'name' }[] = [];
  const keys = idCandidates(question);
  if (keys.length) {
    const rows = db
      .prepare(
        `SELECT ${PRODUCT_COLUMNS}, p.id_key AS idKey FROM products p WHERE p.id_key IN (SELECT value FROM json_each(?))`,
      )
      .all(JSON.stringify(keys)) as (ProductRow & { idKey: string })[];
    const folded = normalizeIdKey(question);
    for (const row of rows) found.push({ row, at: folded.indexOf(row.idKey), by: 'id' });
  }
  const matchedKeys = new Set(found.map((f) => normalizeIdKey(f.row.id)));
  const unknownIds = question
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => CODE_TOKEN.test(t) && looksLikeId(t) && t.length >= 5)
    .filter((t) => ![...matchedKeys].some((k) => k.includes(normalizeIdKey(t))));

  const typed = words(question);
  for (const n of findNames(db, typed)) {
    if (!found.some((f) => f.row.rowid === n.row.rowid))
      found.push({ row: n.row, at: 1e6 + n.at, by: 'name' });
  }
  found.sort((a, b) => a.at - b.at);
  return {
    products: found.map((f) => f.row),
    by: new Map(found.map((f) => [f.row.id, f.by])),
    unknownIds,
  };
}

/** Products whose whole name appears in the question ("what does the Chelsea Boots cost?"). */
function findNames(db: Db, typed: Word[]): { row: ProductRow; at: number }[] {
  const content = [
    ...new Set(typed.filter((w) => !QUESTION_WORDS.has(w.text) && !/^\d+$/.test(w.text)).map((w) => w.text)),
  ];
  const kind = Math.max(KIND_MIN, Math.ceil(catalogSize(db) * KIND_SHARE));
  // Counting stops past the limit: a common word costs a prefix of its postings, not all of them.
  const names = db
    .prepare('SELECT count(*) FROM (SELECT 1 FROM products_fts WHERE products_fts MATCH ? LIMIT ?)')
    .pluck();
  const rare = content.filter((w) => (names.get(`{name} : ${quote(w)}`, kind + 1) as number) <= kind);
  if (!rare.length) return [];
  const rows = db
    .prepare(
      `SELECT ${PRODUCT_COLUMNS} FROM products p WHERE p.rowid IN (
         SELECT rowid FROM products_fts WHERE products_fts MATCH ? ORDER BY rank LIMIT ?)`,
    )
    .all(`{name} : (${rare.map(quote).join(' OR ')})`, NAME_CANDIDATES) as ProductRow[];
  const spans: { row: ProductRow; at: number; end: number }[] = [];
  for (const row of rows) {
    const name = words(row.name);
    if (!name.some((w) => !QUESTION_WORDS.has(w.text))) continue;
    const at = findSequence(typed, name);
    if (at >= 0) spans.push({ row, at, end: at + name.length });
  }
  // "Corduroy Bucket Hat" names that product, not also the Bucket Hat.
  return spans.filter(
    (s) => !spans.some((o) => o.at <= s.at && o.end >= s.end && o.end - o.at > s.end - s.at),
  );
}

/** Positions of the question's words that spell these products' names or ids. */
export function namePositions(typed: Word[], products: ProductRow[]): Set<number> {
  const at = new Set<number>();
  for (const spelled of products.flatMap((p) => [words(p.name), words(p.id)])) {
    const start = findSequence(typed, spelled);
    if (start >= 0) for (let i = start; i < start + spelled.length; i++) at.add(i);
  }
  return at;
}

function findSequence(typed: Word[], name: Word[]): number {
  for (let start = 0; start + name.length <= typed.length; start++) {
    if (name.every((w, i) => sameWord(typed[start + i], w))) return start;
  }
  return -1;
}

/** Ids one or two edits away from a code that matched nothing ("DHN0987" → CHN0987). */
export function nearestIds(db: Db, code: string, limit = 3): ProductRow[] {
  const key = normalizeIdKey(code);
  const maxEdits = key.length >= 8 ? 2 : 1;
  const near: { key: string; d: number }[] = [];
  const rows = db
    .prepare('SELECT id_key AS k FROM products WHERE length(id_key) BETWEEN ? AND ?')
    .iterate(key.length - maxEdits, key.length + maxEdits) as IterableIterator<{ k: string }>;
  for (const r of rows) {
    const d = editDistance(key, r.k, maxEdits);
    if (d <= maxEdits) near.push({ key: r.k, d });
  }
  near.sort((a, b) => a.d - b.d || a.key.localeCompare(b.key));
  return near
    .slice(0, limit)
    .map(
      (n) =>
        db
          .prepare(`SELECT ${PRODUCT_COLUMNS} FROM products p WHERE p.id_key = ? LIMIT 1`)
          .get(n.key) as ProductRow,
    );
}
