import type { Locator } from '@playwright/test';
import { expect, test } from './harness.ts';

async function facetCounts(facet: Locator): Promise<Record<string, number>> {
  const entries = await facet
    .locator('.facet-value')
    .evaluateAll((labels) =>
      labels.map((label) => [
        label.querySelector('.facet-label')?.textContent ?? '',
        Number(label.querySelector('.facet-count')?.textContent?.replace(/\D/g, '')),
      ]),
    );
  return Object.fromEntries(entries);
}

test.describe('searching a catalog', () => {
  test.beforeEach(async ({ shelf }) => {
    await shelf.seed('products.csv', 'Hermes store');
    await shelf.page.reload();
    await expect(shelf.page.getByRole('heading', { name: 'Hermes store', level: 1 })).toBeVisible();
  });

  test('search as you type finds the expected product and highlights the match', async ({ shelf }) => {
    const { page } = shelf;
    await page.keyboard.press('Control+k');
    await expect(page.getByLabel('Search products')).toBeFocused();
    await page.keyboard.type('retro sunglasses');
    const first = page.getByRole('list', { name: 'Search results' }).getByRole('listitem').first();
    await expect(first).toContainText('Retro Sunglasses');
    await expect(first.locator('.result-name mark').first()).toHaveText(/retro|sunglasses/i);
    await shelf.screenshot('search');

    // Keyboard only: down into the results, open one, Esc back to where we were.
    await page.keyboard.press('ArrowDown');
    await expect(first.getByRole('button')).toBeFocused();
    await page.keyboard.press('ArrowDown');
    const second = page
      .getByRole('list', { name: 'Search results' })
      .getByRole('listitem')
      .nth(1)
      .getByRole('button');
    await expect(second).toBeFocused();
    const secondName = (await second.locator('.result-name').textContent()) ?? '';
    await page.keyboard.press('Enter');
    const panel = page.getByRole('complementary', { name: 'Product details' });
    await expect(panel.getByRole('heading', { level: 2 })).toHaveText(secondName);
    await page.keyboard.press('Escape');
    await expect(panel).toBeHidden();
    await expect(second).toBeFocused();

    for (const mode of ['Keyword', 'Semantic']) {
      await page.getByRole('radio', { name: mode }).click();
      await expect(page.locator('.result-header')).toContainText(mode.toLowerCase());
      await expect(first).toContainText('Retro Sunglasses');
    }
  });

  test('a price filter changes the facet counts', async ({ shelf }) => {
    const { page } = shelf;
    const categories = page.locator('fieldset[data-facet="category"]');
    await expect(categories.locator('.facet-value').first()).toBeVisible();
    const before = await facetCounts(categories);
    const totalBefore = Object.values(before).reduce((a, b) => a + b, 0);

    await page.getByLabel('Maximum price').fill('30');
    await page.getByLabel('Maximum price').press('Enter');
    await expect
      .poll(async () => Object.values(await facetCounts(categories)).reduce((a, b) => a + b, 0))
      .toBeLessThan(totalBefore);
    const after = await facetCounts(categories);
    expect(after).not.toEqual(before);
    const prices = await page.locator('.result .price').allTextContents();
    expect(prices.length).toBeGreaterThan(0);
    for (const price of prices) expect(Number(price.replace(/[^\d.]/g, ''))).toBeLessThanOrEqual(30);
    await shelf.screenshot('search-filtered');
  });

  test('an impossible query says why nothing matched', async ({ shelf }) => {
    const { page } = shelf;
    await page.getByLabel('Search products').fill('zzqxv');
    await page.getByRole('radio', { name: 'Keyword' }).click();
    await expect(page.getByRole('heading', { name: 'No products match' })).toBeVisible();
  });

  test('a product opens with all its fields, and "more like this" leads on', async ({ shelf }) => {
    const { page } = shelf;
    await page.getByLabel('Search products').fill('leather wallet');
    await page
      .getByRole('list', { name: 'Search results' })
      .locator('.result-name', { hasText: 'Leather Bifold Wallet' })
      .click();
    const panel = page.getByRole('complementary', { name: 'Product details' });
    await expect(panel.getByRole('heading', { name: 'Leather Bifold Wallet' })).toBeVisible();
    await expect(panel.getByText('LTH0976')).toBeVisible();
    await expect(panel.locator('dt', { hasText: 'Category' }).locator('..')).toContainText('Accessories');
    const similar = panel.getByRole('region', { name: 'More like this' }).getByRole('button');
    await expect(similar.first()).toBeVisible();
    await shelf.screenshot('product');

    const next = (await similar.first().locator('.similar-name').textContent()) ?? '';
    await similar.first().click();
    await expect(panel.getByRole('heading', { level: 2 })).toHaveText(next);
    await page.keyboard.press('Escape');
    await expect(panel).toBeHidden();
  });

  test('a question is answered and its citation opens the product', async ({ shelf }) => {
    const { page } = shelf;
    await page.getByRole('tab', { name: 'Ask' }).click();
    await page.getByLabel('Question').fill('Which bag is good for travel?');
    await page.getByRole('button', { name: 'Ask' }).click();
    const answer = page.getByRole('article', { name: 'Answer' });
    await expect(answer).toBeVisible();
    const citation = answer.getByRole('button', { name: /^\[1\]/ });
    await expect(citation).toBeVisible();
    await expect(answer).toContainText('answered by the built-in engine');
    await answer.getByRole('button', { name: /what this answer is based on/ }).click();
    await expect(answer.locator('.based-on table')).toBeVisible();
    await shelf.screenshot('ask');
    const cited = (await citation.textContent())?.replace(/^\[1\]\s*/, '') ?? '';
    await citation.click();
    const panel = page.getByRole('complementary', { name: 'Product details' });
    await expect(panel.getByRole('heading', { level: 2 })).toHaveText(cited.split(/\s+[A-Z]{3}\d{4}$/)[0]);

    // The answer survives a trip to another screen.
    await page.keyboard.press('Escape');
    await page.getByRole('tab', { name: 'Search' }).click();
    await page.getByRole('tab', { name: 'Ask' }).click();
    await expect(answer.getByRole('button', { name: /^\[1\]/ })).toBeVisible();
  });

  test('stats show the catalog size, model and recent query latencies', async ({ shelf }) => {
    const { page } = shelf;
    await page.getByLabel('Search products').fill('scarf');
    await expect(
      page.getByRole('list', { name: 'Search results' }).getByRole('listitem').first(),
    ).toBeVisible();
    await page.getByRole('tab', { name: 'Stats' }).click();
    // A card by its label alone: "Model" also appears in the indexing card's "84 % model".
    const card = (label: string) =>
      page.locator('.stat', { has: page.locator('.stat-label', { hasText: new RegExp(`^${label}$`) }) });
    await expect(card('Products')).toContainText('99');
    await expect(card('Model')).toContainText('512 dimensions');
    await expect(card('Indexing time')).toContainText(/\d+ % model/);
    await expect(page.getByRole('region', { name: 'Recent query latencies' })).toContainText('median');
    await shelf.screenshot('stats');
  });

  test('catalogs can be renamed and deleted after confirming', async ({ shelf }) => {
    const { page } = shelf;
    const catalogs = page.getByRole('navigation', { name: 'Catalogs' });
    await catalogs.getByRole('button', { name: 'Rename Hermes store' }).click();
    await catalogs.getByLabel('Catalog name').fill('Fashion');
    await catalogs.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByRole('heading', { name: 'Fashion', level: 1 })).toBeVisible();

    await catalogs.getByRole('button', { name: 'Delete Fashion' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete “Fashion”?' });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(catalogs.getByText('Fashion')).toBeVisible();
    await catalogs.getByRole('button', { name: 'Delete Fashion' }).click();
    await dialog.getByRole('button', { name: 'Delete catalog' }).click();
    await expect(page.getByRole('heading', { name: 'Welcome to Shelfscope' })).toBeVisible();
  });

  test('the dark theme follows the system', async ({ shelf }) => {
    const { page } = shelf;
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.getByLabel('Search products').fill('winter');
    await expect(
      page.getByRole('list', { name: 'Search results' }).getByRole('listitem').first(),
    ).toBeVisible();
    type Styles = { getComputedStyle(element: unknown): { backgroundColor: string } };
    const background = await page
      .locator('html')
      .evaluate((root) => (globalThis as unknown as Styles).getComputedStyle(root).backgroundColor);
    expect(background).toBe('rgb(21, 24, 29)');
    await shelf.screenshot('search-dark');
  });
});

test('the stock facet filters out-of-stock and in-stock products, next to the in-stock toggle', async ({
  shelf,
}) => {
  const { page } = shelf;
  await shelf.seed('stock-levels.csv', 'Stock levels');
  await page.reload();
  const stock = page.locator('fieldset[data-facet="stock"]');
  const names = page.getByRole('list', { name: 'Search results' }).locator('.result-name');
  await expect(stock.getByRole('checkbox', { name: /out of stock/ })).toBeVisible();
  await expect(names).toHaveCount(6);

  await stock.getByRole('checkbox', { name: /out of stock/ }).check();
  await expect(names).toHaveCount(3);
  await expect(page.locator('.result .badge-out')).toHaveCount(3);
  expect((await names.allTextContents()).sort()).toEqual([
    'Leather Weekender Bag',
    'Rain Jacket',
    'Suede Loafers',
  ]);
  await expect(page.getByRole('checkbox', { name: 'In stock only' })).not.toBeChecked();
  await shelf.screenshot('search-out-of-stock');

  await stock.getByRole('checkbox', { name: /out of stock/ }).uncheck();
  await expect(names).toHaveCount(6);
  await page.getByRole('checkbox', { name: 'In stock only' }).check();
  await expect(names).toHaveCount(3);
  await expect(page.locator('.result .badge-ok')).toHaveCount(3);
  await expect(stock.getByRole('checkbox', { name: /^in stock/ })).toBeChecked();
});
