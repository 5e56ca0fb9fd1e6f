import fs from 'node:fs';
import { expect, fixturePath, test } from './harness.ts';
import type { Shelf } from './harness.ts';

/** The fixture catalog repeated with fresh ids: big enough that indexing takes a while to watch. */
function bigCatalog(file: string, copies: number): number {
  const [header, ...rows] = fs.readFileSync(fixturePath('products.csv'), 'utf8').trimEnd().split('\n');
  const lines = [header];
  for (let copy = 0; copy < copies; copy++)
    for (const row of rows) lines.push(row.replace(/^([^,]+)/, `$1-${copy}`));
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  return lines.length - 1;
}

/** Picks a generated catalog, starts its import and waits until embedding is under way. */
async function startBigImport(shelf: Shelf, file: string, copies: number) {
  const rows = bigCatalog(file, copies);
  await shelf.pickNext(file);
  await shelf.page.getByRole('button', { name: 'Choose a file…' }).click();
  await shelf.page
    .getByRole('region', { name: 'Import preview' })
    .getByRole('button', { name: 'Start import' })
    .click();
  const progress = shelf.page.getByRole('region', { name: 'Import progress' });
  await expect(progress.getByText('Embedding products')).toBeVisible();
  return { rows, progress };
}

test('a long import shows its rate and ETA, can be cancelled, and resumes', async ({ shelf }, testInfo) => {
  const { page } = shelf;
  const { rows, progress } = await startBigImport(shelf, testInfo.outputPath('big-catalog.csv'), 40);
  const percentDone = async () =>
    Number(await progress.getByRole('progressbar').getAttribute('aria-valuenow'));
  await expect.poll(percentDone).toBeGreaterThan(3);
  await expect(progress.getByText(/ETA \d/)).toBeVisible();
  await expect(progress.getByText(/[1-9][\d,]* rows\/s/)).toBeVisible();
  await shelf.screenshot('indexing-progress');

  // The engine answers searches while it indexes; the imported rows are already searchable by keyword.
  await page.getByRole('tab', { name: 'Search' }).click();
  await page.getByRole('radio', { name: 'Keyword' }).click();
  await page.getByLabel('Search products').fill('sunglasses');
  await expect(
    page.getByRole('list', { name: 'Search results' }).getByRole('listitem').first(),
  ).toContainText('Retro Sunglasses');
  await expect(page.getByRole('tab', { name: /Import & indexing/ }).getByLabel('running')).toBeVisible();
  await page.getByRole('tab', { name: /Import & indexing/ }).click();

  await progress.getByRole('button', { name: 'Cancel' }).click();
  await expect(progress.getByText('Cancelled')).toBeVisible();
  expect(await percentDone()).toBeLessThan(100);

  await page.getByRole('button', { name: /Resume indexing/ }).click();
  const indexing = page.getByRole('region', { name: 'Indexing progress' });
  await expect(indexing.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '100', {
    timeout: 60_000,
  });
  await expect(page.getByRole('navigation', { name: 'Catalogs' })).toContainText(
    `${rows.toLocaleString()} products`,
  );
  await expect(page.getByRole('button', { name: /Resume indexing/ })).toHaveCount(0);

  // Hundreds of hits, but only the rows in view are in the page.
  await page.getByRole('tab', { name: 'Search' }).click();
  await page.getByRole('radio', { name: 'Hybrid' }).click();
  await page.getByLabel('Search products').fill('leather');
  const results = page.getByRole('list', { name: 'Search results' });
  await expect(results.getByRole('listitem').first()).toBeVisible();
  const total = async () => Number((await page.locator('.result-count').textContent())?.replace(/\D/g, ''));
  await expect.poll(total).toBeGreaterThan(200);
  expect(await results.getByRole('listitem').count()).toBeLessThan(40);
  await results.evaluate((list) => list.scrollTo({ top: list.scrollHeight }));
  await expect(results.getByRole('listitem').last()).toBeInViewport();
});

test('indexing interrupted by quitting the app resumes after a restart', async ({ shelf }, testInfo) => {
  test.skip(!shelf.restart, 'restarting needs the bridged engine');
  const { page } = shelf;
  const { rows } = await startBigImport(shelf, testInfo.outputPath('big-catalog.csv'), 25);

  await shelf.restart!();
  await page.getByRole('tab', { name: /Import & indexing/ }).click();
  const pending = page.getByRole('region', { name: 'Indexing' });
  await expect(pending).toContainText(`of ${rows.toLocaleString()} products are not indexed`);
  await shelf.screenshot('resume-after-restart');
  await pending.getByRole('button', { name: 'Resume indexing' }).click();
  await expect(
    page.getByRole('region', { name: 'Indexing progress' }).getByRole('progressbar'),
  ).toHaveAttribute('aria-valuenow', '100', { timeout: 60_000 });
});
