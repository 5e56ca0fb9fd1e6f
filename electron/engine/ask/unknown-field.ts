import { quote } from '../search/analyze.ts';
import type { Db } from '../store/database.ts';
import { perImport } from '../store/database.ts';
import { dot } from '../vector/codec.ts';
import type { AskEnv, Draft } from './draft.ts';
import { catalogFields, tokens } from './fields.ts';
import { orList } from './conditions.ts';
import { resolveTerms } from './terms.ts';
import { GRAMMAR_WORDS, QUESTION_WORDS } from './words.ts';

// "How many products have a warranty?" of a catalog with no warranty field: say so and name the fields
// nearest in meaning, never count products whose name happens to mention the word.

/** Phrases that ask about a field by name: "have a warranty", "without a warranty", "missing a barcode". */
/** The subject of "have" is the products, never the shop ("do you have any televisions?"). */
const ASKS_PRESENCE =
  /\b(?:(?<!\b(?:you|we|i|ya)\s)(?:have|has|having|with)\s+(?:an?|any|no|some)|without(?:\s+an?)?|missing(?:\s+an?)?|lacking(?:\s+an?)?)\s+([\p{L}\p{N}]+)/gu;
/** Phrases that group by a field: "per material", "for each fabric", "most common material". */
const ASKS_GROUP = /\b(?:per|for each|most common|most popular|most frequent)\s+(?:the\s+)?([\p{L}\p{N}]+)/gu;
const CLOSEST = 3;

/** Field names embedded once per import: a catalog may have dozens of extra columns. */
const labelVectors = perImport(() => new Map<string, Float32Array>());

/**
 * The field a question asks about that the catalog does not have; null when there is none. A field it
 * groups by ("per material") or counts ("how many products have a warranty?") names a field whatever
 * products' names say (the names are offered as the other reading); "which hoodies have a pocket?"
 * may ask about a feature, so there the word must also be in no product's name, brand, category or
 * attributes.
 */
export function readUnknownField(
  db: Db,
  q: string,
  valueWords: Set<string>,
  counting: boolean,
): string | null {
  for (const [pattern, feature] of [
    [ASKS_GROUP, false],
    [ASKS_PRESENCE, true],
  ] as const) {
    for (const m of q.matchAll(pattern)) {
      const [word] = tokens(m[1]).map((t) => t.word.text);
      if (!word || QUESTION_WORDS.has(word) || GRAMMAR_WORDS.has(word) || valueWords.has(word)) continue;
      if (/^\d/.test(word)) continue;
      if (!feature || counting || resolveTerms(db, [word]).unknown.length) return word;
    }
  }
  return null;
}

/** "This catalog has no warranty field; the closest fields are …", ranked by meaning. */
export async function answerUnknownField(env: AskEnv, name: string): Promise<Draft> {
  const fields = catalogFields(env.db);
  const known = labelVectors(env.db);
  const missing = fields.map((f) => f.label).filter((l) => !known.has(l));
  const [asked, ...fresh] = await (await env.embedder()).embed([name, ...missing]);
  missing.forEach((l, i) => known.set(l, fresh[i]));
  const labels = fields.map((f) => known.get(f.label) as Float32Array);
  // Descriptions are free text: one that mentions the word is where a manager would look first.
  const mentioned = env.db
    .prepare('SELECT 1 FROM products_fts WHERE products_fts MATCH ? LIMIT 1')
    .get(`{description} : ${quote(name)}`);
  const ranked = fields
    .map((f, i) => ({ label: f.label, sim: dot(asked, labels[i]) }))
    .sort((a, b) => b.sim - a.sim)
    .map((f) => f.label);
  const closest = [
    ...(mentioned ? [`description (some descriptions mention “${name}”)`] : []),
    ...ranked.filter((l) => !(mentioned && l === 'description')),
  ].slice(0, CLOSEST);
  return {
    route: 'no-match',
    facts: [
      `This catalog has no ${name} field; the closest fields are ${orList(closest).replace(/ or ([^,]+)$/, ' and $1')}.`,
      'Nothing was counted: no field holds what was asked about.',
    ],
    products: [],
    qualifying: 0,
    listProducts: false,
  };
}
