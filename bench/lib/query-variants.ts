// Queries as a hurried user types them, for the word-repair lever: judged against the original query.

/**
 * One slip: two neighbouring letters swapped in the middle of the query's longest word of at least 5
 * letters ("headphones" → "headhpones"). Deterministic, so every run measures the same queries; a query
 * without such a word (or whose swap would change nothing) is returned unchanged.
 */
export function withTypo(query: string): string {
  const words = query.split(' ');
  let target = -1;
  words.forEach((w, i) => {
    if (/^\p{L}{5,}$/u.test(w) && (target < 0 || w.length > words[target].length)) target = i;
  });
  if (target < 0) return query;
  const w = words[target];
  for (let at = Math.floor(w.length / 2) - 1; at + 1 < w.length - 1; at++) {
    if (w[at] !== w[at + 1]) {
      words[target] = w.slice(0, at) + w[at + 1] + w[at] + w.slice(at + 2);
      return words.join(' ');
    }
  }
  return query;
}

/**
 * The query while its last word is still being typed: a last word of at least 5 letters cut to 60 % of
 * its letters, never fewer than 3 ("wireless headphones" → "wireless headp").
 */
export function typingLastWord(query: string): string {
  const words = query.split(' ');
  const last = words[words.length - 1];
  if (!/^\p{L}{5,}$/u.test(last)) return query;
  words[words.length - 1] = last.slice(0, Math.max(3, Math.ceil(last.length * 0.6)));
  return words.join(' ');
}

/** The query's words in reverse order ("wireless headphones" → "headphones wireless"). */
export function reordered(query: string): string {
  return query.split(' ').reverse().join(' ');
}
