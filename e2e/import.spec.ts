import { expect, test } from './harness.ts';

test.describe('importing a catalog', () => {
  test('a dropped CSV is previewed, mapped and imported to 100 %', async ({ shelf }) => {
    test.skip(
      shelf.target === 'electron',
      'a File built in the page has no disk path for webUtils; needs a real OS drag',
    );
    const { page } = shelf;
    await expect(page.getByRole('heading', { name: 'Welcome to Shelfscope' })).toBeVisible();
    await shelf.screenshot('welcome');
    await shelf.drop('products.csv');

    const preview = page.getByRole('region', { name: 'Import preview' });
    await expect(preview.getByRole('heading', { name: 'Import products.csv' })).toBeVisible();
    await expect(preview.getByRole('cell', { name: 'RSG8901', exact: true })).toBeVisible();
    await expect(preview.getByLabel('ID / SKU')).toHaveValue('product_id');
    // The detected mapping is editable, and the sample table shows which column feeds which field.
    const season = preview.getByLabel('Season', { exact: true });
    await season.selectOption('');
    await expect(preview.getByText('→ season')).toHaveCount(0);
    await season.selectOption('seasons');
    await expect(preview.getByText('→ season')).toBeVisible();
    await shelf.screenshot('import-preview');

    await preview.getByRole('button', { name: 'Start import' }).click();
    const progress = page.getByRole('region', { name: 'Import progress' });
    await expect(progress.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '100');
    await expect(progress.getByText('100 %')).toBeVisible();
    await expect(progress.getByText('Done')).toBeVisible();
    const result = progress.getByLabel('Import result');
    await expect(result.getByText('imported')).toBeVisible();
    await expect(result.locator('div', { hasText: 'imported' }).locator('dd')).toHaveText('99');
    await expect(page.getByRole('navigation', { name: 'Catalogs' }).getByText('99 products')).toBeVisible();
    await shelf.screenshot('indexing');
  });

  test('a file chosen with the file picker imports too', async ({ shelf }) => {
    const { page } = shelf;
    await shelf.pickNext('products.csv');
    await page.getByRole('button', { name: 'Choose a file…' }).click();
    const preview = page.getByRole('region', { name: 'Import preview' });
    await expect(preview.getByLabel('New catalog name')).toHaveValue('products');
    await preview.getByLabel('New catalog name').fill('Hermes store');
    await preview.getByRole('button', { name: 'Start import' }).click();
    await expect(page.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '100');
    await expect(page.getByRole('heading', { name: 'Hermes store', level: 1 })).toBeVisible();
  });

  test('a malformed file lists its rejected rows with row, field and reason', async ({ shelf }) => {
    const { page } = shelf;
    await shelf.pickNext('malformed.csv');
    await page.getByRole('button', { name: 'Choose a file…' }).click();
    await page
      .getByRole('region', { name: 'Import preview' })
      .getByRole('button', { name: 'Start import' })
      .click();
    await expect(page.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '100');

    const rejected = page.getByRole('region', { name: 'Rejected rows' });
    await expect(rejected.getByRole('heading', { name: '5 rejected rows' })).toBeVisible();
    const rows = rejected.locator('tbody tr');
    await expect(rows).toHaveCount(5);
    await expect(rows.filter({ hasText: 'cheap' })).toContainText('4');
    await expect(rows.filter({ hasText: 'cheap' })).toContainText('price');
    await expect(rows.filter({ hasText: '1.5' })).toContainText('stock');
    await shelf.screenshot('rejected-rows');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      rejected.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    const text = await (await download.createReadStream()).toArray();
    const csv = Buffer.concat(text).toString('utf8');
    expect(csv.split('\r\n')[0]).toBe('file,row,field,reason');
    expect(csv).toContain('malformed.csv,4,price,');
  });

  test('a file that cannot be read is explained in a banner, not a blank screen', async ({ shelf }) => {
    const { page } = shelf;
    await shelf.pickNext('truncated.json');
    await page.getByRole('button', { name: 'Choose a file…' }).click();
    const banner = page.getByRole('alert').filter({ hasText: 'The file could not be read' });
    await expect(banner).toContainText('truncated.json: invalid JSON');
    await expect(page.getByRole('heading', { name: 'Welcome to Shelfscope' })).toBeVisible();
    await shelf.screenshot('error-banner');
    await banner.getByRole('button', { name: 'Dismiss' }).click();
    await expect(banner).toHaveCount(0);
  });

  test('a catalog created empty invites an import, which fills it', async ({ shelf }) => {
    const { page } = shelf;
    const catalogs = page.getByRole('navigation', { name: 'Catalogs' });
    await catalogs.getByRole('button', { name: 'New' }).click();
    await catalogs.getByLabel('New catalog name').fill('Autumn 2026');
    await catalogs.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByRole('heading', { name: 'Autumn 2026', level: 1 })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'This catalog has no products yet' })).toBeVisible();

    await shelf.pickNext('products.csv');
    await page.getByRole('button', { name: 'Choose a file…' }).click();
    const preview = page.getByRole('region', { name: 'Import preview' });
    await expect(preview.getByLabel('Into')).toHaveValue('autumn-2026');
    await preview.getByRole('button', { name: 'Start import' }).click();
    await expect(page.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '100');
    await page.getByRole('tab', { name: 'Search' }).click();
    await expect(
      page.getByRole('list', { name: 'Search results' }).getByRole('listitem').first(),
    ).toBeVisible();
    await expect(catalogs.getByRole('listitem')).toHaveCount(1);
  });
});
