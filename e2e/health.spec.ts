import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from './harness.ts';

// health-catalog.csv: 142 DummyJSON products (MIT; /work/shared/datasets/dummyjson-products, the
// categories without duplicate listings of their own) with planted problems: four copies of three
// products (near-duplicates), a 4,999 kitchen item and a 0.01 grocery (price outliers), a zero price,
// "beauty"/"Beauty", "Colour"/"Color" columns, "XL"/"X-Large" and two two-word descriptions.
test.describe('catalog health', () => {
  test.beforeEach(async ({ shelf }) => {
    await shelf.seed('health-catalog.csv', 'Health demo');
    await shelf.page.reload();
    await expect(shelf.page.getByRole('heading', { name: 'Health demo', level: 1 })).toBeVisible();
  });

  test('finds the planted problems, links them to search and exports them', async ({ shelf }) => {
    const { page } = shelf;
    await page.getByRole('tab', { name: 'Health' }).click();
    await page.getByRole('button', { name: 'Check catalog health' }).click();
    const section = (id: string) => page.locator(`section[data-section="${id}"]`);
    await expect(section('duplicates').locator('.health-count')).toHaveText('3', { timeout: 60_000 });
    await expect(section('outliers').locator('.health-count')).toHaveText('2');
    await expect(section('zero').locator('.health-count')).toHaveText('1');
    await expect(section('values').locator('.health-count')).toHaveText('3');
    await expect(section('short').locator('.health-count')).toHaveText('2');
    await expect(page.getByTestId('health-summary')).toContainText('146 products checked');

    const clusters = page.getByRole('list', { name: 'Near-duplicate clusters' });
    const laptop = clusters.getByRole('article').filter({ hasText: 'dup-3a' });
    await expect(laptop.locator('tr.differs th')).toContainText(['Name', 'Price', 'Description']);
    await shelf.screenshot('health');
    await section('duplicates').scrollIntoViewIfNeeded();
    await shelf.screenshot('health-duplicates');

    // "Not duplicates" is remembered: the cluster leaves the report.
    await clusters
      .getByRole('article')
      .filter({ hasText: 'dup-2' })
      .getByRole('button', { name: 'Not duplicates' })
      .click();
    await expect(section('duplicates').locator('.health-count')).toHaveText('2');

    // A finding opens the search with its filter.
    await section('outliers').getByRole('button', { name: 'Show products' }).click();
    await expect(page.getByTestId('filter-health')).toContainText('price outliers');
    await expect(page.locator('.result-count')).toHaveText('2 products');

    // The results export as shown, through the save dialog, as a job.
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'shelfscope-export-')), 'outliers.csv');
    await shelf.saveNext(out);
    await page.locator('.result-header').getByRole('button', { name: 'Export' }).click();
    await expect(page.locator('.result-header').getByRole('status')).toContainText('Exported 2 products');
    const bytes = fs.readFileSync(out);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8').trim().split(/\r\n/)).toHaveLength(3);
  });
});
