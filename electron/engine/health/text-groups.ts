import { foldText } from '../search/text.ts';
import { wordCount } from './placeholders.ts';
import type { MemberSink, ScannedProduct } from './scanned-product.ts';

/** A description shorter than this many words is not worth comparing: "Red", "See photos". */
const MIN_SHARED_WORDS = 3;

/** 53 bits of a string (cyrb53): products are bucketed by it, and a bucket's texts compared exactly. */
export function hash53(s: string, seed = 0): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** Text as a reader compares it: case, accents and spacing do not count. */
export function comparableText(s: string | null): string {
  return s ? foldText(s).replace(/\s+/g, ' ').trim() : '';
}

/** Rowids by the hash of a key, keeping only the first rowid until a second one shares it. */
class HashBuckets {
  private readonly first = new Map<number, number>();
  private readonly shared = new Map<number, number[]>();

  add(key: string, rowid: number): void {
    const h = hash53(key);
    const list = this.shared.get(h);
    if (list) {
      list.push(rowid);
      return;
    }
    const earlier = this.first.get(h);
    if (earlier === undefined) this.first.set(h, rowid);
    else this.shared.set(h, [earlier, rowid]);
  }

  /** Rowids of every bucket more than one product fell in. */
  candidates(): number[] {
    return [...this.shared.values()].flat();
  }
}

export interface ProductText {
  name: string;
  description: string | null;
}

/** What each text check found: groups of rowids with the same text, largest first. */
export interface TextGroupsFound {
  shortDescriptions: number;
  identicalText: number[][];
  sameDescription: number[][];
}

/**
 * Finds descriptions under `minWords` words, products whose name and description are both the same as
 * another's, and products of different names sharing one description (copied boilerplate). Holds one
 * number per product while scanning; texts are read again only for products whose hash is shared.
 */
export class TextGroupCollector {
  private readonly minWords: number;
  private readonly members: MemberSink;
  private readonly identical = new HashBuckets();
  private readonly described = new HashBuckets();
  private shortCount = 0;

  constructor(minWords: number, members: MemberSink) {
    this.minWords = minWords;
    this.members = members;
  }

  add(p: ScannedProduct): void {
    const words = wordCount(p.description);
    if (words > 0 && words < this.minWords) {
      this.shortCount++;
      this.members.add('short-description', 0, p.rowid, `${words} word${words === 1 ? '' : 's'}`);
    }
    const description = comparableText(p.description);
    this.identical.add(`${comparableText(p.name)}\u0000${description}`, p.rowid);
    if (words >= MIN_SHARED_WORDS) this.described.add(description, p.rowid);
  }

  /** Confirms the shared hashes against the texts (`texts` reads name and description by rowid). */
  finish(texts: (rowids: number[]) => Map<number, ProductText>): TextGroupsFound {
    const identicalRows = this.identical.candidates();
    const describedRows = this.described.candidates();
    const found = texts([...new Set([...identicalRows, ...describedRows])]);
    const group = (rowids: number[], key: (t: ProductText) => string) => {
      const byText = new Map<string, number[]>();
      for (const rowid of rowids) {
        const t = found.get(rowid);
        if (!t) continue;
        const k = key(t);
        const list = byText.get(k);
        if (list) list.push(rowid);
        else byText.set(k, [rowid]);
      }
      return [...byText.values()].filter((g) => g.length > 1);
    };
    const nameOf = (rowid: number) => comparableText(found.get(rowid)?.name ?? '');
    const identicalText = group(
      identicalRows,
      (t) => `${comparableText(t.name)}\u0000${comparableText(t.description)}`,
    );
    // Groups of one name are already identical text; what is left is one description under several names.
    const sameDescription = group(describedRows, (t) => comparableText(t.description)).filter(
      (g) => new Set(g.map(nameOf)).size > 1,
    );
    const bySize = (a: number[], b: number[]) => b.length - a.length || a[0] - b[0];
    identicalText.sort(bySize);
    sameDescription.sort(bySize);
    identicalText.forEach((g, i) => g.forEach((r) => this.members.add('identical-text', i + 1, r)));
    sameDescription.forEach((g, i) => g.forEach((r) => this.members.add('same-description', i + 1, r)));
    return { shortDescriptions: this.shortCount, identicalText, sameDescription };
  }
}
