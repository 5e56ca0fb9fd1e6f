// A shop platform export end to end: Shopify's own product CSV template (e2e/fixtures/exports), whose
// 17 rows are 3 products: a shirt in 12 colour × size variants, jeans in 3 sizes, and a beanie on sale.
import { expect, test } from './harness.ts';

test('a Shopify export imports with its variants, which search, filters and the product panel show', async ({
  shelf,
}) => {
  const { page } = shelf;
  // Chosen, not dropped: the drop helper only knows the fixtures at the top of e2e/fixtures.
  await shelf.pickNext('exports/shopify-products.csv');
  await expect(page.getByText(/Shopify, WooCommerce CSV & WXR, Magento 2/)).toBeVisible();
  await page.getByRole('button', { name: 'Choose a file…' }).click();

  const preview = page.getByRole('region', { name: 'Import preview' });
  await expect(preview.getByTestId('detected-platform')).toHaveText('Detected: Shopify product CSV');
  // The profile's mapping fills the dropdowns, and they can still be changed and restored.
  await expect(preview.getByLabel('ID / SKU')).toHaveValue('Handle');
  await expect(preview.getByLabel('Price', { exact: true })).toHaveValue('Variant Price');
  await expect(preview.getByLabel('Regular / compare-at price')).toHaveValue('Variant Compare At Price');
  await preview.getByLabel('Brand').selectOption('Tags');
  await expect(preview.getByLabel('Brand')).toHaveValue('Tags');
  await preview.getByRole('button', { name: 'Restore the detected mapping' }).click();
  await expect(preview.getByLabel('Brand')).toHaveValue('Vendor');
  // The profile takes Shopify's "Type" as the category; its taxonomy path is the richer one.
  await expect(preview.getByLabel('Category')).toHaveValue('Type');
  await preview.getByLabel('Category').selectOption('Product Category');
  await shelf.screenshot('import-preview-shopify');
  await preview.getByRole('button', { name: 'Start import' }).click();

  const progress = page.getByRole('region', { name: 'Import progress' });
  await expect(progress.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '100');
  await expect(progress.getByTestId('import-detection')).toHaveText(
    'Shopify product CSV: 17 rows → 3 products, 15 variants',
  );
  await expect(progress.getByTestId('variant-changes')).toHaveText('Variants: 15 added');

  await page.getByRole('tab', { name: 'Search' }).click();
  const results = page.getByRole('list', { name: 'Search results' });
  const names = results.locator('.result-name');
  await expect(names).toHaveCount(3);

  // Category paths show as their leaf, the whole path in the tooltip (and to screen readers).
  const tshirts = page.locator('fieldset[data-facet="category"] .category-name', { hasText: 'T-Shirts' });
  await expect(tshirts).toHaveAttribute(
    'title',
    'Apparel & Accessories > Clothing > Clothing Tops > T-Shirts',
  );
  await expect(tshirts.locator(':not(.visually-hidden)')).toHaveCount(0);
  await expect(results.locator('.result-meta .category-name', { hasText: 'Jeans' })).toHaveAttribute(
    'title',
    'Apparel & Accessories > Clothing > Pants > Jeans',
  );

  // Option facets count the products offering each value; only the shirt comes in colours.
  const colors = page.getByTestId('facet-options-Color');
  for (const color of ['Blue', 'Gray', 'Green', 'Purple'])
    await expect(colors.getByRole('checkbox', { name: new RegExp(`^${color}`) })).toBeVisible();
  await expect(colors.locator('.facet-value', { hasText: 'Blue' }).locator('.facet-count')).toHaveText('1');
  await colors.getByRole('checkbox', { name: /^Blue/ }).check();
  await expect(names).toHaveText(['Example T-Shirt']);
  await colors.getByRole('checkbox', { name: /^Blue/ }).uncheck();
  await expect(names).toHaveCount(3);

  // A variant's SKU finds its product, and the row says which variant matched.
  await page.getByLabel('Search products').fill('SRT_COT_122');
  const shirt = results.getByRole('listitem').first();
  await expect(shirt.locator('.result-name')).toHaveText('Example T-Shirt');
  await expect(shirt).toContainText('Matched variant SKU SRT_COT_122');
  await expect(shirt).toContainText('12 variants');
  await shelf.screenshot('search-variant-sku');
  await shirt.getByRole('button').click();

  const panel = page.getByRole('complementary', { name: 'Product details' });
  await expect(panel.getByRole('heading', { name: 'Example T-Shirt' })).toBeVisible();
  const table = panel.getByTestId('variant-table');
  await expect(table.locator('thead th')).toHaveText(['Color', 'Size', 'SKU', 'Price', 'Stock', 'State']);
  await expect(table.locator('tbody tr')).toHaveCount(12);
  const matched = table.getByTestId('matched-variant');
  await expect(matched).toHaveCount(1);
  await expect(matched).toHaveAttribute('aria-current', 'true');
  await expect(matched.locator('td').nth(0)).toHaveText('Green');
  await expect(matched.locator('td').nth(1)).toHaveText('M');
  await expect(matched).toContainText('SRT_COT_122');
  await expect(panel.getByText('Found by variant SKU SRT_COT_122 (Color Green / Size M)')).toBeVisible();
  await shelf.screenshot('product-variants');
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();

  // On sale: only the beanie (17.99 now, 22.99 regular). The jeans' compare-at price (64.95) is below
  // their price (95), which is no sale.
  await page.getByLabel('Search products').fill('');
  await expect(names).toHaveCount(3);
  await page.getByTestId('filter-on-sale').check();
  await expect(names).toHaveText(['Example Beanie']);
  const beanie = results.getByRole('listitem').first();
  await expect(beanie.locator('.price')).toHaveText(/17\.99/);
  await expect(beanie.getByTestId('compare-at')).toHaveText(/was\s*\S*22\.99/);
  await page.getByTestId('filter-on-sale').uncheck();
  await expect(names).toHaveCount(3);
});
