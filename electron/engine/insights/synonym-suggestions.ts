import type { SynonymSuggestions, TermSuggestion } from '../../../shared/insights.ts';
import type { CatalogHandle } from '../catalog-handle.ts';
import { STOPWORDS } from '../search/analyze.ts';
import { parseQuery } from '../search/query-parse.ts';
import { semanticSearch } from '../search/semantic.ts';
import { terms } from '../search/text.ts';
import { catalogTypoCorrector } from '../search/lexicon.ts';
import { cosine } from '../vector/codec.ts';

const SUGGESTIONS = 5;
/** Nearest products whose words and categories are the candidates of the embedding suggestions. */
const NEIGHBOURS = 50;
const MIN_TERM_LENGTH = 3;
const WORD = /^\p{L}+$/u;

/** Edits a slip may need: 1 up to 4 letters, 2 from 5 ("spectcles" → "spectacles"). */
const maxDistanceFor = (length: number): number => (length >= 5 ? 2 : 1);

const isCandidate = (term: string, queryWords: Set<string>) =>
  term.length >= MIN_TERM_LENGTH && WORD.test(term) && !STOPWORDS.has(term) && !queryWords.has(term);

/**
 * Catalog words (names, brands, categories) within a few edits of each query word, closest first and
 * the more common first among equals: looked up in the typo corrector's deletion index, which search
 * builds once per import anyway, never a scan of the vocabulary.
 */
function bySpelling(cat: CatalogHandle, words: string[]): TermSuggestion[] {
  const queryWords = new Set(words);
  const targets = words.filter((w) => w.length >= MIN_TERM_LENGTH && WORD.test(w));
  if (!targets.length) return [];
  const corrector = catalogTypoCorrector(cat.reader);
  const found = targets.flatMap((word) =>
    corrector
      .near(word, maxDistanceFor(word.length))
      .filter((n) => isCandidate(n.term, queryWords))
      .map((n) => ({ term: n.term, score: n.distance, for: word, doc: n.docCount })),
  );
  return found
    .sort((a, b) => a.score - b.score || b.doc - a.doc || a.term.localeCompare(b.term))
    .slice(0, SUGGESTIONS)
    .map(({ term, score, for: word }) => ({ term, score, for: word }));
}

/** Embeds texts in one call: the query model. */
export type EmbedTexts = (texts: string[]) => Promise<Float32Array[]>;

/**
 * The catalog terms whose own embedding is closest to the query's: the words and categories of the
 * products nearest to the query are the candidates (what the catalog calls the thing the query
 * describes, "spectacles" → "sunglasses"), each embedded and compared with the query.
 */
async function byEmbedding(
  cat: CatalogHandle,
  embed: EmbedTexts,
  words: string[],
): Promise<TermSuggestion[]> {
  if (cat.ann.size === 0 || !words.length) return [];
  const [vector] = await embed([words.join(' ')]);
  const hits = semanticSearch(cat, vector, null, NEIGHBOURS);
  if (!hits.length) return [];
  const rows = cat.reader
    .prepare('SELECT name, category FROM products WHERE rowid IN (SELECT value FROM json_each(?))')
    .all(JSON.stringify(hits.map((h) => h.rowid))) as { name: string; category: string | null }[];
  const queryWords = new Set(words);
  const candidates = new Set<string>();
  for (const row of rows) {
    for (const t of terms(row.name)) if (isCandidate(t, queryWords)) candidates.add(t);
    const category = row.category ? terms(row.category).join(' ') : '';
    if (category.length >= MIN_TERM_LENGTH && !queryWords.has(category)) candidates.add(category);
  }
  const list = [...candidates];
  if (!list.length) return [];
  const vectors = await embed(list);
  const phrase = words.join(' ');
  return list
    .map((term, i) => ({ term, score: Math.round(cosine(vector, vectors[i]) * 1000) / 1000, for: phrase }))
    .sort((a, b) => b.score - a.score || a.term.localeCompare(b.term))
    .slice(0, SUGGESTIONS);
}

/** Terms to offer as a synonym of a query that found nothing, by spelling and by embedding. */
export async function suggestSynonyms(
  cat: CatalogHandle,
  embed: EmbedTexts,
  query: string,
): Promise<SynonymSuggestions> {
  const text = parseQuery(query).text;
  const all = terms(text);
  const content = all.filter((w) => !STOPWORDS.has(w));
  const words = content.length ? content : all;
  return {
    query: words.join(' '),
    bySpelling: bySpelling(cat, words),
    // The folded words, as the synonym group will hold them: case does not change the suggestions.
    byEmbedding: await byEmbedding(cat, embed, words),
  };
}
