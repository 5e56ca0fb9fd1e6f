import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXPORTS } from '../engine/catalog/profiles/read-export.ts';
import { tempDir } from '../engine/helpers.ts';
import { runCli } from '../reliability/lib/run-cli.ts';

describe('shelfscope on a Shopify export, with no --map', () => {
  const catalog = path.join(tempDir(), 'shop');

  it('says what it detected and how the variants changed', async () => {
    const run = await runCli(['import', `${EXPORTS}shopify-products.csv`, '--catalog', catalog]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('Shopify product CSV: 17 rows → 3 products, 15 variants');
    expect(run.stdout).toContain('variants: added 15, updated 0, unchanged 0, removed 0');
  }, 120_000);

  it('shows a variant SKU hit as its product, with the variant it matched', async () => {
    const run = await runCli(['search', '--catalog', catalog, 'SRT_COT_122']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(
      /1\. example-shirt {2}Example T-Shirt {2}25 {2}in stock {2}12 variants {2}\(matched variant SRT_COT_122\)/,
    );
  }, 60_000);

  it('filters on sale and on a variant option', async () => {
    const onSale = await runCli(['search', '--catalog', catalog, '--filter', 'onsale', '']);
    expect(onSale.stdout).toMatch(/1\. example-hat {2}Example Beanie {2}17\.99 \(was 22\.99\)/);
    const size = await runCli(['search', '--catalog', catalog, '--json', '--filter', 'option.Size=30', '']);
    expect((JSON.parse(size.stdout) as { hits: { id: string }[] }).hits.map((h) => h.id)).toEqual([
      'example-pants',
    ]);
  }, 60_000);
});
