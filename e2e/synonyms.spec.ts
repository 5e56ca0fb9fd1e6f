import type { Page } from '@playwright/test';
import type { ShelfscopeApi } from '../shared/api.ts';
import { expect, test } from './harness.ts';

const lastIndexedAt = (page: Page, catalogId: string) =>
  page.evaluate(
    async (id) =>
      (await (globalThis as unknown as { shelfscope: ShelfscopeApi }).shelfscope.stats({ catalogId: id }))
        .lastIndexedAt,
    catalogId,
  );

test('a synonym group added in the app changes the next search, without re-indexing', async ({ shelf }) => {
  const { page } = shelf;
  const catalogId = await shelf.seed('products.csv', 'Hermes store');
  await page.reload();
  const results = page.getByRole('list', { name: 'Search results' });
  const group = (n: number) => page.getByRole('textbox', { name: `Synonym group ${n}`, exact: true });

  // Keyword mode: the model alone may relate the words; this proves the synonym does.
  await page.getByRole('radio', { name: 'Keyword' }).click();
  await page.getByLabel('Search products').fill('spectacles');
  await expect(page.getByRole('heading', { name: 'No products match' })).toBeVisible();
  const indexedBefore = await lastIndexedAt(page, catalogId);

  await page.getByRole('tab', { name: 'Synonyms' }).click();
  await expect(page.getByRole('region', { name: 'Built-in synonyms' })).toContainText('laptop and notebook');
  await page.getByRole('button', { name: 'Add group' }).click();
  await expect(group(1)).toBeFocused();
  await page.keyboard.type('Spectacles');
  await page.getByRole('button', { name: 'Save synonyms' }).click();
  await expect(page.getByRole('alert')).toContainText('at least two different terms');
  await group(1).fill('Spectacles, sunglasses');
  await page.getByRole('button', { name: 'Add group' }).click();
  await group(2).fill('tote, shopper');
  await page.getByRole('button', { name: 'Remove synonym group 2' }).click();
  await page.getByRole('button', { name: 'Save synonyms' }).click();
  await expect(page.getByRole('status')).toContainText('Saved 1 group');
  // The engine folds case; what is shown is what was saved.
  await expect(group(1)).toHaveValue('spectacles, sunglasses');
  await expect(group(2)).toHaveCount(0);
  await shelf.screenshot('synonyms');

  await page.getByRole('tab', { name: 'Search' }).click();
  await expect(page.getByLabel('Search products')).toHaveValue('spectacles');
  await expect(results.locator('[data-id="RSG8901"]')).toBeVisible();
  await expect(results.locator('[data-id="RSG8901"] .result-name mark').first()).toHaveText(/sunglasses/i);

  // Saved with the catalog: a fresh window shows the group again, and nothing was re-indexed.
  await page.reload();
  await page.getByRole('tab', { name: 'Synonyms' }).click();
  await expect(group(1)).toHaveValue('spectacles, sunglasses');
  expect(await lastIndexedAt(page, catalogId)).toBe(indexedBefore);
});
