import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { writeTinyStExport } from '../test/helpers/tiny-st-model.ts';
import { wordsOf } from '../test/helpers/reembed-fixtures.ts';
import { expect, fixturePath, test } from './harness.ts';

let exports: string;
let closedPort = 0;
test.beforeAll(async () => {
  // The engine of these journeys downloads from a local port nothing listens on, never from the
  // internet: as on a machine without a network.
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closedPort = (server.address() as net.AddressInfo).port;
  await new Promise((resolve) => server.close(resolve));
  process.env.SHELFSCOPE_HUB_URL = `http://127.0.0.1:${closedPort}`;
  exports = fs.mkdtempSync(path.join(os.tmpdir(), 'shelfscope-e2e-models-'));
  // A small BERT-architecture model, exported the way sentence-transformers lays one out.
  writeTinyStExport(path.join(exports, 'tiny-bert'), { words: wordsOf(fixturePath('products.csv')) });
  writeTinyStExport(path.join(exports, 'not-a-model'));
  fs.rmSync(path.join(exports, 'not-a-model', 'tokenizer.json'));
});
test.afterAll(() => {
  delete process.env.SHELFSCOPE_HUB_URL;
  fs.rmSync(exports, { recursive: true, force: true });
});

test('Settings → Models: list, add from folder, choose it for the catalog and re-embed', async ({
  shelf,
}) => {
  // Adding runs the model's checks in a child process, and re-embedding runs it over the catalog.
  test.setTimeout(240_000);
  const { page } = shelf;
  await shelf.seed('products.csv', 'Hermes store');
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Hermes store', level: 1 })).toBeVisible();

  await page.getByRole('button', { name: 'Settings' }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await dialog.getByRole('tab', { name: 'Models' }).click();
  const table = dialog.getByRole('table', { name: 'Installed models' });
  const bundled = table.getByRole('row', { name: /use-lite-int8/ });
  await expect(bundled).toContainText('512');
  await expect(bundled).toContainText(/[\d,]+ texts\/s/);
  await expect(bundled).toContainText('Hermes store');
  await expect(dialog.getByText('Now: use-lite-int8')).toBeVisible();

  // A folder that is not a model says which file is missing; nothing is listed.
  await shelf.pickNext(path.join(exports, 'not-a-model'));
  await dialog.getByRole('button', { name: 'Add from folder…' }).click();
  await expect(dialog.getByRole('alert')).toContainText(
    'is not a sentence-transformers ONNX export: tokenizer.json is missing',
  );
  await expect(table.getByRole('row', { name: /not-a-model/ })).toHaveCount(0);

  await shelf.pickNext(path.join(exports, 'tiny-bert'));
  await dialog.getByRole('button', { name: 'Add from folder…' }).click();
  await expect(dialog.getByRole('status')).toContainText(
    /Added tiny-bert: 32 dimensions, [\d,]+ texts\/s\./,
    {
      timeout: 60_000,
    },
  );
  const added = table.getByRole('row', { name: /tiny-bert/ });
  await expect(added).toContainText('32');
  await expect(added).toContainText('no catalog');

  await dialog.getByLabel('Re-embed with').selectOption('tiny-bert');
  await dialog.getByRole('button', { name: 'Re-embed', exact: true }).click();
  await expect(dialog.getByRole('status').filter({ hasText: 'Re-embedded' })).toContainText(
    'Re-embedded 99 products with tiny-bert; search now uses it.',
    { timeout: 60_000 },
  );
  await expect(dialog.getByText('Now: tiny-bert')).toBeVisible();
  await expect(added).toContainText('Hermes store');
  await expect(bundled).toContainText('no catalog');
  // A model a catalog uses cannot be removed.
  await added.getByRole('button', { name: 'Remove tiny-bert' }).click();
  await expect(dialog.getByRole('alert')).toContainText('"tiny-bert" is used by "Hermes store"');
  await shelf.screenshot('settings-models');

  // Search now embeds queries with the tiny model: its seeded random weights rank by shared words only
  // (the engine tests check its ranking against one computed without the engine), and keyword evidence
  // still leads hybrid search.
  await dialog.getByRole('button', { name: 'Close' }).click();
  await page.getByRole('radio', { name: 'Semantic' }).click();
  await page.getByLabel('Search products').fill('retro sunglasses');
  const results = page.getByRole('list', { name: 'Search results' }).getByRole('listitem');
  await expect(results.first()).toContainText('Infinity Scarf');
  await expect(results.nth(2)).toContainText('Retro Sunglasses');
  await page.getByRole('radio', { name: 'Hybrid' }).click();
  await expect(results.first()).toContainText('Retro Sunglasses');
});

test('Settings → Models: a download while offline says so and points to adding from a folder', async ({
  shelf,
  target,
}) => {
  test.skip(target !== 'bridge', 'the hub address is set for the engine in this process');
  const { page } = shelf;
  await page.getByRole('button', { name: 'Settings' }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await dialog.getByRole('tab', { name: 'Models' }).click();
  await dialog.getByLabel('Download: URL or model-hub id').fill('sentence-transformers/all-MiniLM-L6-v2');
  await dialog.getByRole('button', { name: 'Download' }).click();
  await expect(dialog.getByRole('alert')).toContainText(
    `offline: 127.0.0.1:${closedPort} cannot be reached (ECONNREFUSED). Download the model on a machine with internet access, copy its folder or .zip here and use "Add from folder"`,
  );
  await expect(
    dialog.getByRole('table', { name: 'Installed models' }).getByRole('row', { name: /all-minilm/ }),
  ).toHaveCount(0);
});
