/**
 * The model's say in a keyword candidate's rank: its similarity to the query, min-max normalised over
 * the candidates, times `weight`. The closest gets the whole weight, the farthest none; when the model
 * cannot tell them apart, each gets the same and the words decide. Candidates without a vector (not
 * embedded yet) are not in `similarities` and get nothing.
 */
export function rerankBonus(similarities: Map<number, number>, weight: number): Map<number, number> {
  const values = [...similarities.values()];
  const hi = Math.max(...values);
  const lo = Math.min(...values);
  const out = new Map<number, number>();
  for (const [rowid, s] of similarities) out.set(rowid, weight * (hi > lo ? (s - lo) / (hi - lo) : 1));
  return out;
}
