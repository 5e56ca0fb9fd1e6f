import type { CatalogService } from '../catalog-service.ts';
import type { Embedder } from '../embed/embedder.ts';
import type { ProductRow } from '../store/products.ts';
import { dot } from '../vector/codec.ts';

export interface Evidence {
  /** The description sentence closest in meaning to the question; null when there is no description. */
  sentence: string | null;
  /** Similarity of the question to the best of the product's name and sentences. */
  similarity: number;
}

const MAX_SENTENCES = 12;
const MAX_SENTENCE_CHARS = 400;
const MIN_SENTENCE_CHARS = 12;

/**
 * The query embedder of the catalog's model. CatalogService keeps its model provider to itself; asking
 * needs it to compare a question with description sentences, in the same vector space as the catalog.
 */
export function questionEmbedder(catalog: CatalogService): Promise<Embedder> {
  return catalog.queryEmbedder();
}

export function sentences(description: string | null): string[] {
  if (!description) return [];
  return description
    .split(/(?<=[.!?])\s+|\n+/)
    .map((s) => s.trim())
    .filter((s) => s.length >= MIN_SENTENCE_CHARS)
    .slice(0, MAX_SENTENCES)
    .map((s) => (s.length > MAX_SENTENCE_CHARS ? s.slice(0, MAX_SENTENCE_CHARS) : s));
}

/** For each product, the sentence of its description that best supports an answer to the question. */
export async function chooseEvidence(
  embedder: Embedder,
  question: string,
  rows: ProductRow[],
): Promise<Map<string, Evidence>> {
  const texts = [question];
  const spans = rows.map((row) => {
    const own = sentences(row.description);
    const start = texts.length;
    texts.push(row.name, ...own);
    return { row, own, start };
  });
  const vectors = await embedder.embed(texts);
  const q = vectors[0];
  const out = new Map<string, Evidence>();
  for (const { row, own, start } of spans) {
    const nameSim = dot(q, vectors[start]);
    let best: string | null = null;
    let bestSim = -Infinity;
    own.forEach((s, i) => {
      const sim = dot(q, vectors[start + 1 + i]);
      if (sim > bestSim) {
        bestSim = sim;
        best = s;
      }
    });
    out.set(row.id, { sentence: best, similarity: Math.max(nameSim, bestSim) });
  }
  return out;
}
