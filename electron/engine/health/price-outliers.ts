import type { MemberSink, ScannedProduct } from './scanned-product.ts';

/** Fewer priced products than this and a category has no "usual" price to stand out from. */
const MIN_PEERS = 8;
/** The modified z-score (Iglewicz and Hoaglin) above which a value is an outlier. */
const Z_LIMIT = 3.5;
/**
 * A price must also be this many times the median (or a fraction of it): in a category of near-equal
 * prices a robust z-score flags differences of cents, which no manager would call wrong.
 */
const MIN_RATIO = 3;

export interface FoundOutlier {
  rowid: number;
  category: string;
  median: number;
  peers: number;
  score: number;
  direction: 'high' | 'low';
}

export function median(sorted: Float64Array | number[]): number {
  const n = sorted.length;
  const mid = n >> 1;
  return n % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Prices far from their category's usual price: on the log of the price (prices spread by factors, not
 * amounts), a robust z-score from the median and the median absolute deviation, which a few wild prices
 * cannot drag along as they would a mean. When over half the prices are equal (MAD 0), the mean
 * absolute deviation stands in (scaled by 1.2533, as Iglewicz and Hoaglin give). Zero and negative
 * prices are a finding of their own.
 */
export class PriceOutlierCollector {
  private readonly byCategory = new Map<string, { rowids: number[]; prices: number[] }>();
  private readonly members: MemberSink;
  nonPositive: number[] = [];

  constructor(members: MemberSink) {
    this.members = members;
  }

  add(p: ScannedProduct): void {
    if (p.price === null) return;
    if (p.price <= 0) {
      this.nonPositive.push(p.rowid);
      this.members.add('price-nonpositive', 0, p.rowid, `price ${p.price}`);
      return;
    }
    if (!p.category) return;
    let c = this.byCategory.get(p.category);
    if (!c) this.byCategory.set(p.category, (c = { rowids: [], prices: [] }));
    c.rowids.push(p.rowid);
    c.prices.push(p.price);
  }

  finish(): FoundOutlier[] {
    const found: FoundOutlier[] = [];
    for (const [category, { rowids, prices }] of this.byCategory) {
      if (prices.length < MIN_PEERS) continue;
      const logs = Float64Array.from(prices, Math.log).sort();
      const center = median(logs);
      const deviations = logs.map((x) => Math.abs(x - center)).sort();
      const mad = median(deviations);
      const scale = mad > 0 ? mad / 0.6745 : (1.2533 * deviations.reduce((a, b) => a + b, 0)) / logs.length;
      if (scale === 0) continue;
      prices.forEach((price, i) => {
        const offset = Math.log(price) - center;
        const score = offset / scale;
        if (Math.abs(score) <= Z_LIMIT || Math.abs(offset) < Math.log(MIN_RATIO)) return;
        found.push({
          rowid: rowids[i],
          category,
          median: Math.round(Math.exp(center) * 100) / 100,
          peers: prices.length,
          score: Math.round(score * 10) / 10,
          direction: score > 0 ? 'high' : 'low',
        });
      });
    }
    found.sort((a, b) => Math.abs(b.score) - Math.abs(a.score) || a.rowid - b.rowid);
    for (const o of found) {
      this.members.add(
        'price-outlier',
        0,
        o.rowid,
        `${o.direction}: category median ${o.median} (z ${o.score})`,
      );
    }
    return found;
  }
}
