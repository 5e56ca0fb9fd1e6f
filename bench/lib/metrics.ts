/** Graded relevance of documents for one query (unjudged documents count as 0). */
export type Judgments = Map<string, number>;

export function dcg(gains: number[]): number {
  return gains.reduce((sum, rel, i) => sum + (2 ** rel - 1) / Math.log2(i + 2), 0);
}

/** NDCG@k; a query without any relevant judgment scores 0 (nothing can be ranked right). */
export function ndcgAt(ranked: string[], judged: Judgments, k: number): number {
  const ideal = dcg(
    [...judged.values()]
      .filter((r) => r > 0)
      .sort((a, b) => b - a)
      .slice(0, k),
  );
  if (ideal === 0) return 0;
  return dcg(ranked.slice(0, k).map((id) => judged.get(id) ?? 0)) / ideal;
}

/** Share of the relevant documents (grade ≥ 1) found in the top k. */
export function recallAt(ranked: string[], judged: Judgments, k: number): number {
  const relevant = [...judged.entries()].filter(([, r]) => r > 0).map(([id]) => id);
  if (relevant.length === 0) return 0;
  const top = new Set(ranked.slice(0, k));
  return relevant.filter((id) => top.has(id)).length / relevant.length;
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export function mean(values: number[]): number {
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : 0;
}

/** The middle value (the upper one of an even count), ignoring values that are not finite. */
export function median(values: number[]): number {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  return sorted.length ? sorted[Math.floor(sorted.length / 2)] : 0;
}
