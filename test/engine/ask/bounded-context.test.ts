import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareAnswer } from '../../../electron/engine/ask/answer.ts';
import type { AskContext, Budget } from '../../../electron/engine/ask/context.ts';
import { renderContext } from '../../../electron/engine/ask/context.ts';
import { CatalogService } from '../../../electron/engine/catalog-service.ts';
import { createModelProvider } from '../../../electron/engine/models.ts';
import { importInto, tempDir } from '../helpers.ts';

// The same generator makes both catalogs, so the first 100 products of the big one are the small one.
const ADJECTIVES = ['Warm', 'Light', 'Classic', 'Rugged', 'Soft', 'Sleek', 'Cozy', 'Bold', 'Urban', 'Alpine'];
const NOUNS = ['Jacket', 'Bag', 'Sweater', 'Boots', 'Scarf', 'Dress', 'Shorts', 'Hat', 'Tote', 'Vest'];
const CATEGORIES = ['Bags', "Men's Clothing", "Women's Clothing", 'Accessories', "Men's Shoes"];
const SEASONS = ['Winter', 'Spring, Summer', 'Fall, Winter', 'All seasons'];

function writeCatalog(dir: string, n: number): string {
  const lines = ['product_id,name,category,description,stock,seasons,price'];
  for (let i = 0; i < n; i++) {
    const adjective = ADJECTIVES[i % 10];
    const noun = NOUNS[Math.floor(i / 10) % 10];
    const season = SEASONS[i % 4];
    lines.push(
      [
        `GEN${String(i).padStart(6, '0')}`,
        `${adjective} ${noun} ${String(i % 1000).padStart(3, '0')}`,
        `"${CATEGORIES[i % 5]}"`,
        `"A ${adjective.toLowerCase()} ${noun.toLowerCase()} for every day. Made to last through ${season.toLowerCase()} and beyond, with room for all you carry."`,
        i % 9,
        `"${season}"`,
        (10.99 + (i % 90)).toFixed(2),
      ].join(','),
    );
  }
  const file = path.join(dir, `catalog-${n}.csv`);
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

const QUESTIONS = [
  'How many bags are in stock?',
  'Which products have fewer than 3 in stock?',
  'Average price of accessories',
  'Cheapest bag for winter',
  'Is GEN000042 in stock?',
  'Difference between GEN000042 and GEN000043',
  'Something warm for winter hikes under $100',
  'Do you have any televisions?',
];

const BUDGET: Budget = { maxProducts: 5, maxChars: 1_500 };
const DIGITS_SLACK = 12;
const sizes: string[] = [];

describe('the context of an answer is bounded whatever the catalog size', () => {
  const models = createModelProvider();
  const root = tempDir('shelfscope-ask-bounded-');
  const catalogs: Record<'small' | 'large', CatalogService> = {} as never;

  beforeAll(async () => {
    for (const [key, n] of [
      ['small', 100],
      ['large', 100_000],
    ] as const) {
      catalogs[key] = CatalogService.open(path.join(root, key), models, { create: true });
      // Vectors do not change the context's size; only the number of products does.
      await importInto(catalogs[key], writeCatalog(root, n), { index: false });
    }
  }, 120_000);

  afterAll(() => {
    console.log(sizes.join('\n'));
    catalogs.small?.close();
    catalogs.large?.close();
  });

  it.each(QUESTIONS)('%s', async (question) => {
    const size = (ctx: AskContext) => ({ products: ctx.products.length, chars: renderContext(ctx).length });
    const small = size((await prepareAnswer(catalogs.small, question, BUDGET)).context);
    const large = size((await prepareAnswer(catalogs.large, question, BUDGET)).context);
    expect(large.products).toBeLessThanOrEqual(BUDGET.maxProducts);
    expect(large.chars).toBeLessThanOrEqual(BUDGET.maxChars);
    expect(large.products).toBeLessThanOrEqual(small.products);
    // Counts grow by a few digits ("12" → "12,000"); nothing else may grow with the catalog.
    expect(large.chars).toBeLessThanOrEqual(small.chars + DIGITS_SLACK);
    sizes.push(`${question}: ${JSON.stringify(small)} → ${JSON.stringify(large)}`);
  });
});
