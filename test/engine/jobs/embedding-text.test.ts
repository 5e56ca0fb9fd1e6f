import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { composeEmbeddingText } from '../../../electron/engine/jobs/embedding-text.ts';
import type { ProductRow } from '../../../electron/engine/store/products.ts';
import { PRODUCT_COLUMNS, rowToProduct } from '../../../electron/engine/store/products.ts';
import type { Product } from '../../../shared/types.ts';
import { HERMES_CSV, withImportedCsv } from '../helpers.ts';

const product: Product = {
  id: 'P1',
  name: 'Trail runner',
  description: 'A light shoe for rough paths.',
  category: 'Shoes',
  brand: 'Salomon',
  price: 120,
  currency: 'EUR',
  stock: 3,
  season: null,
  attributes: { colour: 'Blue', weight_g: '280', material: 'Mesh' },
  compareAtPrice: null,
  priceMax: null,
  stockState: 'in stock',
  variants: [],
};

describe('the text a product is embedded from', () => {
  it('joins name, category, brand, key attributes and description in that order', () => {
    expect(composeEmbeddingText(product)).toBe(
      'Trail runner. Shoes. Salomon. Blue, Mesh. A light shoe for rough paths.',
    );
  });

  it('adds the colours and materials a buyer picks among the variants, once each', () => {
    const variant = (id: string, options: Record<string, string>) => ({
      id,
      options,
      price: 120,
      compareAtPrice: null,
      stock: 1,
      stockState: 'in stock' as const,
      barcode: null,
    });
    const shoe = {
      ...product,
      attributes: {},
      variants: [
        variant('P1-B-42', { Color: 'Blue', Size: '42' }),
        variant('P1-B-43', { Color: 'Blue', Size: '43' }),
        variant('P1-R-42', { Color: 'Red', Size: '42' }),
      ],
    };
    expect(composeEmbeddingText(shoe, { parts: ['name', 'keyAttributes'] })).toBe('Trail runner. Blue, Red');
  });

  it('reads only the parts asked for, in the order asked, skipping empty ones', () => {
    expect(composeEmbeddingText(product, { parts: ['brand', 'name'] })).toBe('Salomon. Trail runner');
    expect(composeEmbeddingText({ ...product, category: ' ' }, { parts: ['name', 'category'] })).toBe(
      'Trail runner',
    );
  });

  it('cuts at a word boundary within the length', () => {
    expect(composeEmbeddingText(product, { maxChars: 30 })).toBe('Trail runner. Shoes. Salomon.');
  });

  it('gives, from a stored product, the text the import stored (the benchmark recomposes texts this way)', async () => {
    await withImportedCsv(fs.readFileSync(HERMES_CSV, 'utf8'), async (catalog) => {
      const rows = catalog.handle.reader
        .prepare(`SELECT ${PRODUCT_COLUMNS}, p.embed_text AS stored FROM products p`)
        .all() as (ProductRow & { stored: string })[];
      expect(rows.length).toBeGreaterThan(50);
      for (const { stored, ...row } of rows) expect(composeEmbeddingText(rowToProduct(row))).toBe(stored);
    });
  }, 60_000);
});
