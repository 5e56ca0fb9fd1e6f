import { quote } from '../search/analyze.ts';
import type { SqlCondition } from '../search/filter-sql.ts';
import { rankThenFilter } from '../search/keyword.ts';
import { semanticSearch } from '../search/semantic.ts';
import type { Db } from '../store/database.ts';
import type { ProductRow } from '../store/products.ts';
import { PRODUCT_COLUMNS } from '../store/products.ts';
import type { AskEnv } from './draft.ts';
import type { Word } from './words.ts';
import { GRAMMAR_WORDS, QUESTION_WORDS, words } from './words.ts';

// "Which jackets are waterproof?": the noun names the kind of product asked about and is a hard
// constraint (its name or category must say it); the adjectives only rank inside it. A lip gloss whose
// description says waterproof is not a jacket.

export interface ProductNoun {
  /** The noun as the question typed it. */
  label: string;
  /** FTS5 expression over the name and category columns. */
  match: string;
}

/** How a question opens before the noun phrase: "which", "do you have", "is there a", "show me the best". */
const OPENER =
  /^(?:which|what|any|show(?: me)?|list|find(?: me)?|recommend(?: me)?|suggest|do (?:you|we) (?:have|sell|carry)|are there|is there|have (?:you|we) got|i (?:need|want)|looking for|i'?m looking for)\s+(?:(?:a|an|the|some|any|good|best|nice|great|your|our)\s+)*/;

/** The noun of the phrase that follows the question's opener, if the catalog names products by it. */
export function readProductNoun(db: Db, q: string, residual: Word[]): ProductNoun | null {
  const open = OPENER.exec(q);
  if (!open) return null;
  const phrase: Word[] = [];
  for (const w of words(q.slice(open[0].length))) {
    if (QUESTION_WORDS.has(w.text) || GRAMMAR_WORDS.has(w.text) || /^\d/.test(w.text)) break;
    phrase.push(w);
  }
  const head = phrase[phrase.length - 1];
  if (!head || !residual.some((w) => w.text === head.text)) return null;
  const match = `{name category} : ${quote(head.text)}`;
  const known = db.prepare('SELECT 1 FROM products_fts WHERE products_fts MATCH ? LIMIT 1').get(match);
  return known ? { label: head.text, match } : null;
}

/** Products whose name or category names the noun, as SQL over `products p`. */
export function nounSql(noun: ProductNoun): SqlCondition {
  return {
    where: 'p.rowid IN (SELECT rowid FROM products_fts WHERE products_fts MATCH ?)',
    params: [noun.match],
  };
}

/** "-proof", "-resistant", "-repellent" of one thing say nearly the same: "water resistant" for "waterproof". */
const PROTECTION = /^(\p{L}{3,}?)[- ]?(proof|resistant|repellent)$/u;

/** A word and the close wordings a description may use instead, as FTS5 phrases. */
function closeWordings(word: string): string[] {
  const m = PROTECTION.exec(word);
  if (!m) return [quote(word)];
  return [`${m[1]}proof`, `${m[1]} proof`, `${m[1]} resistant`, `${m[1]} repellent`].map(quote);
}

/**
 * The products of the kind asked for, best first: those that say the other words of the question
 * (description included), then those nearest the question in meaning ("water resistant" for
 * "waterproof"), then the search's own hits of that kind. Search ranks the whole catalog, and few of
 * its best hits may be of the kind asked for.
 */
export async function ofTheKind(
  env: AskEnv,
  noun: ProductNoun,
  text: string,
  where: SqlCondition,
  hits: ProductRow[],
): Promise<ProductRow[]> {
  const others = words(text)
    .map((w) => w.text)
    .filter((w) => w !== noun.label && !QUESTION_WORDS.has(w));
  const wordings = others.flatMap(closeWordings);
  const literal = wordings.length
    ? rankThenFilter(env.db, `${noun.match} AND (${wordings.join(' OR ')})`, where, env.budget.maxProducts)
    : [];
  const [vector] = await (await env.embedder()).embed([text]);
  const near = semanticSearch(env.catalog.handle, vector, where, env.budget.maxProducts);
  const order = [...new Set([...literal.map((r) => r.rowid), ...near.map((r) => r.rowid)])];
  const rows = env.db
    .prepare(`SELECT ${PRODUCT_COLUMNS} FROM products p WHERE p.rowid IN (SELECT value FROM json_each(?))`)
    .all(JSON.stringify(order)) as ProductRow[];
  const byRowid = new Map(rows.map((r) => [r.rowid, r]));
  const ranked = order.flatMap((r) => byRowid.get(r) ?? []);
  return [...ranked, ...hits.filter((h) => !byRowid.has(h.rowid))];
}
