/**
 * SentencePiece-unigram tokenizer for Universal Sentence Encoder lite. It reproduces the TF.js
 * reference tokenizer (@energetic-ai/embeddings, from tfjs-models) id for id, quirks included:
 * unknown characters score 0, a position's best score of exactly 0 counts as "unset", later
 * candidates win ties, duplicated pieces keep their last id, null scores count as 0, and the
 * backtrack steps by each piece's UTF-16 length.
 */

/** The vocab.json shipped with the model: `[piece, logProb]`, the first entries reserved. */
export type UseVocab = ReadonlyArray<readonly [string, number | null]>;

export interface UseTokenizer {
  encode(text: string): number[];
}

const SEPARATOR = '\u2581';
const UNKNOWN_ID = 0;
const RESERVED_SYMBOLS = 6;

class PieceTrie {
  readonly children: Map<number, number>[] = [new Map()];
  pieceIds: number[] = [-1];
  scores: number[] = [0];

  insert(piece: string, score: number, id: number): void {
    let node = 0;
    for (const symbol of piece) {
      const code = symbol.codePointAt(0)!;
      let next = this.children[node].get(code);
      if (next === undefined) {
        next = this.children.length;
        this.children.push(new Map());
        this.pieceIds.push(-1);
        this.scores.push(0);
        this.children[node].set(code, next);
      }
      node = next;
    }
    this.pieceIds[node] = id;
    this.scores[node] = score;
  }
}

function codePoints(text: string): Int32Array {
  const out = new Int32Array(text.length);
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.codePointAt(i)!;
    out[n++] = code;
    if (code > 0xffff) i++;
  }
  return out.subarray(0, n);
}

export function createUseTokenizer(vocab: UseVocab): UseTokenizer {
  const trie = new PieceTrie();
  for (let id = RESERVED_SYMBOLS; id < vocab.length; id++) trie.insert(vocab[id][0], vocab[id][1] ?? 0, id);
  const backtrackSteps = Int32Array.from(vocab, ([piece]) => piece.length);
  const { children, pieceIds, scores } = trie;
  let best = new Float64Array(256);
  let words = new Int32Array(256);

  return {
    encode(text) {
      const normalized = text.normalize('NFKC');
      if (!normalized.length) return [];
      const symbols = codePoints(SEPARATOR + normalized.replaceAll(' ', SEPARATOR));
      const n = symbols.length;
      if (best.length <= n) {
        best = new Float64Array(2 * (n + 1));
        words = new Int32Array(2 * (n + 1));
      }
      best.fill(0, 0, n + 1);
      words.fill(0, 0, n + 1);

      for (let start = 0; start < n; start++) {
        const base = best[start];
        let node = children[0].get(symbols[start]);
        let matched = false;
        for (let end = start + 1; node !== undefined; end++) {
          const id = pieceIds[node];
          if (id >= 0) {
            matched = true;
            const score = scores[node] + base;
            if (best[end] === 0 || score >= best[end]) {
              best[end] = score;
              words[end] = id;
            }
          }
          node = end < n ? children[node].get(symbols[end]) : undefined;
        }
        if (!matched && (best[start + 1] === 0 || base >= best[start + 1])) {
          best[start + 1] = base;
          words[start + 1] = UNKNOWN_ID;
        }
      }

      const ids: number[] = [];
      let previousUnknown = false;
      for (let at = n; at > 0; at -= backtrackSteps[words[at]]) {
        const id = words[at];
        if (!(previousUnknown && id === UNKNOWN_ID)) ids.push(id);
        previousUnknown = id === UNKNOWN_ID;
      }
      return ids.reverse();
    },
  };
}
