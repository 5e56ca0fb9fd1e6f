import { describe, expect, it } from 'vitest';
import type { ContextProduct } from '../../../electron/engine/ask/context.ts';
import { buildContext, renderContext } from '../../../electron/engine/ask/context.ts';

const product = (i: number, evidenceChars: number): ContextProduct => ({
  id: `P${i}`,
  name: `Product ${i}`,
  fields: [['price', `$${i}.00`]],
  evidence: 'word '.repeat(evidenceChars / 5).trim(),
});

describe('buildContext', () => {
  it('keeps at most K products and C characters, clipping evidence rather than dropping products', () => {
    const products = Array.from({ length: 50 }, (_, i) => product(i, 2_000));
    const ctx = buildContext(
      'which is best?',
      'descriptive',
      ['A fact.'],
      products,
      { maxProducts: 5, maxChars: 1_500 },
      50,
    );
    expect(ctx.products).toHaveLength(5);
    expect(ctx.omitted).toBe(45);
    expect(renderContext(ctx).length).toBeLessThanOrEqual(1_500);
    expect(ctx.products.every((p) => (p.evidence?.length ?? 0) < 300 && p.evidence?.endsWith('…'))).toBe(
      true,
    );
  });

  it('clips facts to their share and keeps short material whole', () => {
    const ctx = buildContext('q', 'aggregate', ['x'.repeat(10_000)], [product(1, 50)], {
      maxProducts: 8,
      maxChars: 2_000,
    });
    expect(ctx.facts[0].length).toBeLessThanOrEqual(600);
    expect(ctx.products[0].evidence).toBe(product(1, 50).evidence);
    expect(ctx.omitted).toBe(0);
  });
});
