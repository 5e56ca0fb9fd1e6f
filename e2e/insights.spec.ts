import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from './harness.ts';

test('a query that found nothing shows in Insights, and the synonym it offers makes it find products', async ({
  shelf,
}) => {
  const { page } = shelf;
  await shelf.seed('products.csv', 'Hermes store');
  await page.reload();
  const searchBox = page.getByLabel('Search products');
  const results = page.getByRole('list', { name: 'Search results' });

  // Keyword mode: the model alone may relate the words; this shows the synonym does.
  await page.getByRole('radio', { name: 'Keyword' }).click();
  for (const [query, first] of [
    ['leather wallet', /wallet/i],
    ['retro sunglasses', /Retro Sunglasses/],
    ['leather wallet', /wallet/i],
  ] as const) {
    await searchBox.fill(query);
    await expect(results.getByRole('listitem').first()).toContainText(first);
  }
  await searchBox.fill('purse');
  await expect(page.getByRole('heading', { name: 'No products match' })).toBeVisible();

  await page.getByRole('tab', { name: 'Insights' }).click();
  const zero = page.getByRole('region', { name: 'Zero-result queries' });
  await expect(zero.getByRole('row', { name: /purse/ })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Top queries' }).getByRole('row').nth(1)).toContainText(
    'leather wallet',
  );
  await expect(page.getByRole('region', { name: 'Slowest queries' })).toContainText('ms');
  await shelf.screenshot('insights');

  // Each list exports as shown, through the save dialog, as a job.
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'shelfscope-export-')), 'top-queries.csv');
  await shelf.saveNext(out);
  const top = page.getByRole('region', { name: 'Top queries' });
  await top.getByRole('button', { name: 'Export' }).click();
  await expect(top.getByRole('status')).toContainText('Exported 3 queries');
  const lines = fs
    .readFileSync(out, 'utf8')
    .replace(/^\uFEFF/, '')
    .trim()
    .split(/\r\n/);
  expect(lines[0]).toBe('query,mode,searches,last seen,results,mean ms,slowest ms,corrected to');
  expect(lines[1]).toMatch(/^leather wallet,keyword,2,/);
  expect(lines).toHaveLength(4);

  await zero.getByRole('button', { name: 'Add synonym for purse' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a synonym for “purse”' });
  const group = dialog.getByRole('textbox', { name: 'Synonym group' });
  // Pre-filled with the closest catalog term; one of the offered terms picked by a click.
  await expect(group).toHaveValue(/^purse, \S+/);
  await dialog.getByRole('group', { name: 'By meaning' }).getByRole('button').first().click();
  const term = (await group.inputValue()).split(', ')[1];
  await dialog.getByRole('button', { name: 'Save synonym' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved the synonym' })).toContainText(
    `Saved the synonym group “purse, ${term}”`,
  );

  await page.getByRole('tab', { name: 'Search' }).click();
  await expect(searchBox).toHaveValue('purse');
  await expect(results.getByRole('listitem').first()).toBeVisible();

  // Its latest search found products: it no longer counts as failing.
  await page.getByRole('tab', { name: 'Insights' }).click();
  await expect(zero).toContainText('Every query searched lately found something.');
  await page.getByRole('tab', { name: 'Synonyms' }).click();
  await expect(page.getByRole('textbox', { name: 'Synonym group 1', exact: true })).toHaveValue(
    `purse, ${term}`,
  );

  // Cleared on request, after a confirmation.
  await page.getByRole('tab', { name: 'Insights' }).click();
  await page.getByRole('button', { name: 'Clear query log' }).click();
  await page
    .getByRole('dialog', { name: 'Clear the query log?' })
    .getByRole('button', { name: 'Clear query log' })
    .click();
  await expect(page.getByRole('region', { name: 'Top queries' })).toContainText('No searches recorded yet.');
});

test('with the query log turned off in Settings, searches are not recorded', async ({ shelf }) => {
  const { page } = shelf;
  await shelf.seed('products.csv', 'Hermes store');
  await page.reload();
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('checkbox', { name: /Keep a log of searches/ }).uncheck();
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByLabel('Search products').fill('scarf');
  await expect(
    page.getByRole('list', { name: 'Search results' }).getByRole('listitem').first(),
  ).toBeVisible();
  await page.getByRole('tab', { name: 'Insights' }).click();
  await expect(page.getByText('The query log is off (Settings): nothing new is recorded.')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Top queries' })).toContainText('No searches recorded yet.');
});
