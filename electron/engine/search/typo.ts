// Typo tolerance from the catalog's own vocabulary, SymSpell-style: two words within edit distance d
// share a string reachable from each by at most d deletions. Only deletions of the first PREFIX_LENGTH
// characters are indexed (the remainder is checked by the exact distance), which bounds the index at
// 29 entries per word, and entries are 32-bit hashes in typed arrays rather than strings in a Map.
import { foldText } from './text.ts';

const PREFIX_LENGTH = 7;
const MIN_CORRECTED_LENGTH = 4;
const LONG_TERM_LENGTH = 8;
const MIN_TARGET_LENGTH = 3;
const MAX_TARGET_LENGTH = 40;
const HAS_DIGIT = /\p{N}/u;

const maxDistanceFor = (length: number): number => (length >= LONG_TERM_LENGTH ? 2 : 1);
// A word is reachable from queries of length ≥ LONG_TERM_LENGTH at distance 2 once it is 2 shorter.
const indexedDistanceFor = (length: number): number => (length >= LONG_TERM_LENGTH - 2 ? 2 : 1);

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a of the first `length` code units of `word` with positions `skipA` and `skipB` left out. */
function hashWithout(word: string, length: number, skipA: number, skipB: number): number {
  let hash = FNV_OFFSET;
  for (let i = 0; i < length; i++) {
    if (i === skipA || i === skipB) continue;
    hash = Math.imul(hash ^ word.charCodeAt(i), FNV_PRIME);
  }
  return hash >>> 0;
}

/** Calls `emit` with the hash of every string made by deleting up to `distance` (≤ 2) characters of the prefix. */
function forEachDeletion(word: string, distance: number, emit: (hash: number) => void): void {
  const length = Math.min(word.length, PREFIX_LENGTH);
  emit(hashWithout(word, length, -1, -1));
  for (let a = 0; a < length; a++) {
    emit(hashWithout(word, length, a, -1));
    if (distance < 2) continue;
    for (let b = a + 1; b < length; b++) emit(hashWithout(word, length, a, b));
  }
}

function deletionCount(length: number, distance: number): number {
  const m = Math.min(length, PREFIX_LENGTH);
  return 1 + m + (distance >= 2 ? (m * (m - 1)) / 2 : 0);
}

/** Sorts the (hash, id) pairs by hash: two stable counting passes over 16-bit digits. */
function sortPairs(hashes: Uint32Array, ids: Uint32Array): void {
  const tmpHashes = new Uint32Array(hashes.length);
  const tmpIds = new Uint32Array(ids.length);
  const counts = new Uint32Array(65537);
  for (const shift of [0, 16]) {
    counts.fill(0);
    for (let i = 0; i < hashes.length; i++) counts[((hashes[i] >>> shift) & 0xffff) + 1]++;
    for (let i = 1; i < counts.length; i++) counts[i] += counts[i - 1];
    for (let i = 0; i < hashes.length; i++) {
      const slot = counts[(hashes[i] >>> shift) & 0xffff]++;
      tmpHashes[slot] = hashes[i];
      tmpIds[slot] = ids[i];
    }
    hashes.set(tmpHashes);
    ids.set(tmpIds);
  }
}

function lowerBound<T>(sorted: ArrayLike<T>, value: T): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export class TypoCorrector {
  /** Every vocabulary term, sorted by code unit, with its document count. */
  private readonly words: string[];
  private readonly docCounts: Float64Array;
  private readonly deletionHashes: Uint32Array;
  private readonly deletionWordIds: Uint32Array;
  /** Marks words already scored in the current lookup; a deletion can point at a word several times. */
  private readonly seenStamp: Uint32Array;
  private stamp = 0;
  private readonly rowA = new Int32Array(MAX_TARGET_LENGTH + 3);
  private readonly rowB = new Int32Array(MAX_TARGET_LENGTH + 3);
  private readonly rowC = new Int32Array(MAX_TARGET_LENGTH + 3);

  constructor(vocabulary: Iterable<[term: string, docCount: number]>) {
    const merged = new Map<string, number>();
    for (const [term, docCount] of vocabulary) merged.set(term, Math.max(docCount, merged.get(term) ?? 0));
    // The default sort compares UTF-16 code units, the same order `<` uses in lowerBound.
    this.words = [...merged.keys()].sort();
    this.docCounts = Float64Array.from(this.words, (word) => merged.get(word) ?? 0);
    merged.clear();

    // Words with digits are model numbers and sizes: never a sensible correction target.
    const depth = Uint8Array.from(this.words, (word) =>
      word.length < MIN_TARGET_LENGTH || word.length > MAX_TARGET_LENGTH || HAS_DIGIT.test(word)
        ? 0
        : indexedDistanceFor(word.length),
    );
    let total = 0;
    this.words.forEach((word, id) => {
      if (depth[id] > 0) total += deletionCount(word.length, depth[id]);
    });
    this.deletionHashes = new Uint32Array(total);
    this.deletionWordIds = new Uint32Array(total);
    let next = 0;
    this.words.forEach((word, id) => {
      if (depth[id] === 0) return;
      forEachDeletion(word, depth[id], (hash) => {
        this.deletionHashes[next] = hash;
        this.deletionWordIds[next++] = id;
      });
    });
    sortPairs(this.deletionHashes, this.deletionWordIds);
    this.seenStamp = new Uint32Array(this.words.length);
  }

  /** Vocabulary terms and index entries, for sizing reports. */
  get size(): { terms: number; deletions: number } {
    return { terms: this.words.length, deletions: this.deletionHashes.length };
  }

  /**
   * The best in-vocabulary correction of a term, or null when the term is known or nothing is close.
   * Distance (Damerau: insert, delete, substitute, transpose adjacent) at most 1 for 4–7 characters and
   * 2 from 8; shorter terms and terms with digits (model numbers, sizes) are never corrected. Prefers the
   * smaller distance, then the higher document count.
   */
  correct(term: string): string | null {
    const word = foldText(term);
    if (word.length < MIN_CORRECTED_LENGTH || word.length > MAX_TARGET_LENGTH || HAS_DIGIT.test(word))
      return null;
    if (this.idOf(word) >= 0) return null;
    const maxDistance = maxDistanceFor(word.length);
    let best = -1;
    let bestDistance = maxDistance + 1;
    this.forEachCandidate(word, maxDistance, (id, candidate) => {
      const distance = this.distance(word, candidate, Math.min(maxDistance, bestDistance));
      if (distance < bestDistance || (distance === bestDistance && best >= 0 && this.isBetter(id, best))) {
        best = id;
        bestDistance = distance;
      }
    });
    return best >= 0 ? this.words[best] : null;
  }

  /**
   * Every vocabulary term within `maxDistance` (at most 2) of a term, found through the deletion index
   * rather than a scan of the vocabulary (3 s a request at 1M products, the index answers in
   * milliseconds). Words shorter than LONG_TERM_LENGTH - 2 are indexed one deletion deep, so a term two
   * substitutions from such a short word is not found: the offers are a subset of a scan's.
   */
  near(term: string, maxDistance: number): { term: string; distance: number; docCount: number }[] {
    const word = foldText(term);
    if (word.length > MAX_TARGET_LENGTH) return [];
    const out: { term: string; distance: number; docCount: number }[] = [];
    this.forEachCandidate(word, maxDistance, (id, candidate) => {
      if (candidate === word) return;
      const distance = this.distance(word, candidate, maxDistance);
      if (distance <= maxDistance) out.push({ term: candidate, distance, docCount: this.docCounts[id] });
    });
    return out;
  }

  /** Known-vocabulary completions of a word still being typed, highest document count first. */
  complete(prefix: string, limit: number): string[] {
    const start = foldText(prefix);
    if (start === '' || limit <= 0) return [];
    // Every word starting with `start` sorts before `start` followed by the highest code unit.
    const end = lowerBound(this.words, start + '\uffff');
    const best: number[] = [];
    for (let id = lowerBound(this.words, start); id < end; id++) {
      if (best.length === limit && !this.isBetter(id, best[limit - 1])) continue;
      let slot = best.length === limit ? limit - 1 : best.length;
      while (slot > 0 && this.isBetter(id, best[slot - 1])) {
        best[slot] = best[slot - 1];
        slot--;
      }
      best[slot] = id;
    }
    return best.map((id) => this.words[id]);
  }

  /** Each indexed word sharing a deletion with `word`, once, whose length is within `maxDistance`. */
  private forEachCandidate(
    word: string,
    maxDistance: number,
    visit: (id: number, candidate: string) => void,
  ) {
    this.stamp = (this.stamp + 1) >>> 0 || 1;
    forEachDeletion(word, maxDistance, (hash) => {
      for (let i = lowerBound(this.deletionHashes, hash); this.deletionHashes[i] === hash; i++) {
        const id = this.deletionWordIds[i];
        if (this.seenStamp[id] === this.stamp) continue;
        this.seenStamp[id] = this.stamp;
        const candidate = this.words[id];
        if (Math.abs(candidate.length - word.length) <= maxDistance) visit(id, candidate);
      }
    });
  }

  private idOf(word: string): number {
    const id = lowerBound(this.words, word);
    return this.words[id] === word ? id : -1;
  }

  /** Higher document count wins; ties go to the alphabetically first word so results are stable. */
  private isBetter(id: number, other: number): boolean {
    return (
      this.docCounts[id] > this.docCounts[other] ||
      (this.docCounts[id] === this.docCounts[other] && id < other)
    );
  }

  /** Optimal-string-alignment distance, or `max + 1` as soon as it must exceed `max`. */
  private distance(a: string, b: string, max: number): number {
    let before = this.rowA;
    let previous = this.rowB;
    let current = this.rowC;
    for (let j = 0; j <= b.length; j++) previous[j] = j;
    for (let i = 1; i <= a.length; i++) {
      current[0] = i;
      let rowMin = i;
      const ca = a.charCodeAt(i - 1);
      for (let j = 1; j <= b.length; j++) {
        const cb = b.charCodeAt(j - 1);
        let value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca === cb ? 0 : 1));
        if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb) {
          value = Math.min(value, before[j - 2] + 1);
        }
        current[j] = value;
        if (value < rowMin) rowMin = value;
      }
      if (rowMin > max) return max + 1;
      [before, previous, current] = [previous, current, before];
    }
    return Math.min(previous[b.length], max + 1);
  }
}
