// The question as the engine read it, under the answer, and the other reading of an ambiguous question
// as a one-click rephrasing. Counts from the fixture file.
import fs from 'node:fs';
import { parse } from 'csv-parse/sync';
import { expect, fixturePath, test } from './harness.ts';

const rows = parse(fs.readFileSync(fixturePath('products.csv'), 'utf8'), { columns: true }) as {
  category: string;
}[];
const bags = rows.filter((r) => r.category === 'Bags').length;
const accessories = rows.filter((r) => r.category.endsWith('Accessories')).length;

test('a comparison shows how it was read, and the other reading is one click away', async ({ shelf }) => {
  const { page } = shelf;
  await shelf.seed('products.csv', 'Hermes store');
  await page.reload();
  await page.getByRole('tab', { name: 'Ask' }).click();
  await page.getByLabel('Question').fill('Do we have more bags or accessories?');
  await page.getByRole('button', { name: 'Ask' }).click();

  const answer = page.getByRole('article', { name: 'Answer' });
  await expect(answer.locator('.answer-text')).toContainText(
    `More products in Accessories or Men's Accessories: ${accessories}, against ${bags} products in Bags.`,
  );
  await expect(answer.getByLabel('Based on')).toHaveText(
    "Based on: compared (count): category = Bags vs category = Accessories | Men's Accessories",
  );
  await shelf.screenshot('ask-reading');

  await answer.getByRole('button', { name: 'both groups counted together' }).click();
  await expect(page.getByLabel('Question')).toHaveValue('How many bags or accessories?');
  await expect(answer.locator('.answer-text')).toContainText(
    `${bags + accessories} products in Accessories, Bags or Men's Accessories.`,
  );
  await expect(answer.getByLabel('Based on')).toHaveText(
    "Based on: counted: category = Accessories | Bags | Men's Accessories",
  );
});
