import { terms } from '../search/text.ts';
import { valueKey } from './value-key.ts';

/** What decides whether two products whose embeddings are close are one product listed twice. */
export interface DuplicateEvidence {
  name: string;
  brand: string | null;
  price: number | null;
}

/** Titles must share this much of their words (Dice coefficient of the word sets). */
const MIN_TITLE_OVERLAP = 0.75;
/** Prices may differ by this factor (a reseller's margin, a sale), not more. */
const MAX_PRICE_RATIO = 1.25;

function titleWords(name: string): Set<string> {
  return new Set(terms(name));
}

/**
 * Confirms an embedding neighbour as a duplicate: the titles share most words and every word with a
 * digit (model numbers, sizes, capacities: "iPhone 12" is not "iPhone 13", 128GB is not 256GB), the
 * brands agree when both are given, and the prices are close when both are given.
 */
export function confirmsDuplicate(a: DuplicateEvidence, b: DuplicateEvidence): boolean {
  if (a.brand && b.brand && valueKey(a.brand) !== valueKey(b.brand)) return false;
  if (a.price !== null && b.price !== null) {
    const [lo, hi] = a.price < b.price ? [a.price, b.price] : [b.price, a.price];
    if (lo <= 0 ? hi !== lo : hi / lo > MAX_PRICE_RATIO) return false;
  }
  const wa = titleWords(a.name);
  const wb = titleWords(b.name);
  const numbered = (w: Set<string>) =>
    [...w]
      .filter((t) => /\d/.test(t))
      .sort()
      .join(' ');
  if (numbered(wa) !== numbered(wb)) return false;
  let shared = 0;
  for (const w of wa) if (wb.has(w)) shared++;
  return wa.size + wb.size > 0 && (2 * shared) / (wa.size + wb.size) >= MIN_TITLE_OVERLAP;
}

/** A pair of rowids and the cosine similarity of their embeddings; `a < b`. */
export type Pair = [a: number, b: number, similarity: number];

/**
 * Joins pairs into clusters (connected components), largest first; each cluster's similarity is its
 * weakest link.
 */
export function clusterPairs(pairs: Pair[]): { rowids: number[]; similarity: number }[] {
  const parent = new Map<number, number>();
  const find = (x: number): number => {
    let root = x;
    while (parent.has(root) && parent.get(root) !== root) root = parent.get(root) as number;
    parent.set(x, root);
    return root;
  };
  for (const [a, b] of pairs) {
    if (!parent.has(a)) parent.set(a, a);
    if (!parent.has(b)) parent.set(b, b);
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent.set(Math.max(ra, rb), Math.min(ra, rb));
  }
  const clusters = new Map<number, { rowids: number[]; similarity: number }>();
  for (const x of [...parent.keys()].sort((p, q) => p - q)) {
    const root = find(x);
    const c = clusters.get(root);
    if (c) c.rowids.push(x);
    else clusters.set(root, { rowids: [x], similarity: 1 });
  }
  for (const [a, , similarity] of pairs) {
    const c = clusters.get(find(a)) as { similarity: number };
    c.similarity = Math.min(c.similarity, similarity);
  }
  return [...clusters.values()].sort(
    (x, y) => y.rowids.length - x.rowids.length || y.similarity - x.similarity || x.rowids[0] - y.rowids[0],
  );
}
