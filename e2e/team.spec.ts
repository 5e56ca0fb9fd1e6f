// Team catalogs against a real throwaway PostgreSQL 15: share a catalog from the app, open it as a team
// catalog, and watch the sidebar show its server, generation and last sync, and "offline since" when the
// server goes away.
import type { PgServer } from '../test/team/pg-server.ts';
import { pgUnavailable, startPgServer } from '../test/team/pg-server.ts';
import { expect, test } from './harness.ts';

const PASSWORD = 'test-superuser-secret';
let pg: PgServer | null = null;

test.beforeAll(async () => {
  if (pgUnavailable) return;
  pg = await startPgServer();
  await pg.createDatabase('team');
});
test.afterAll(() => pg?.destroy());

test('share with team, open the team catalog, see its generation, last sync and offline state', async ({
  shelf,
}) => {
  test.skip(pg === null, `no PostgreSQL for the team journey: ${pgUnavailable}`);
  const server = pg!.url({ database: 'team' }).replace(`:${PASSWORD}@`, '@');
  const { page } = shelf;
  await shelf.seed('products.csv', 'Hermes store');
  await page.reload();

  await page.getByRole('button', { name: 'Share Hermes store with team' }).click();
  const share = page.getByRole('dialog', { name: 'Share “Hermes store” with your team' });
  await share.getByLabel('PostgreSQL server').fill(server);
  await share.getByLabel('Team catalog name').fill('Spring line');
  await share.getByLabel('Password').fill('not-the-password');
  await share.getByRole('button', { name: 'Publish' }).click();
  await expect(share.getByRole('alert')).toContainText(
    'Not published. password authentication failed for user "postgres"',
  );
  await share.getByLabel('Password').fill(PASSWORD);
  await share.getByRole('button', { name: 'Publish' }).click();
  await expect(share.getByRole('status')).toContainText('Published generation 1 of “Spring line”: 99 new');
  await shelf.screenshot('team-share');
  await share.getByRole('button', { name: 'Done' }).click();

  await page.getByRole('button', { name: 'Open team catalog…' }).click();
  const open = page.getByRole('dialog', { name: 'Open a team catalog' });
  await open.getByLabel('PostgreSQL server').fill(server);
  await open.getByLabel('Team catalog name').fill('Spring line');
  await open.getByLabel('Password').fill(PASSWORD);
  await open.getByRole('button', { name: 'Open' }).click();
  await expect(open).toBeHidden();

  const sidebar = page.getByRole('navigation', { name: 'Catalogs' });
  const replica = sidebar
    .getByRole('listitem')
    .filter({ hasText: 'Spring line' })
    .filter({ hasNotText: 'Hermes store' });
  const line = replica.getByRole('group', { name: 'Team catalog Spring line' });
  await expect(line).toContainText(`Team “Spring line” on 127.0.0.1:${pg!.port}/team`);
  await expect(line).toContainText(/generation 1 · synced \S/);
  await expect(line.getByRole('img', { name: 'live', exact: true })).toBeVisible();
  await expect(replica).toContainText('99 products');

  // The replica searches on its own copy, with no embedding on this desk.
  await page.getByLabel('Search products').fill('retro sunglasses');
  await expect(page.getByRole('list', { name: 'Search results' })).toContainText('Retro Sunglasses');
  await shelf.screenshot('team-sidebar');

  pg!.stop();
  await expect(line).toContainText(/generation 1 · offline since \S/, { timeout: 30_000 });
  await expect(line.getByRole('img', { name: 'not live', exact: true })).toBeVisible();
  await page.getByLabel('Search products').fill('canvas beach bag');
  await expect(page.getByRole('list', { name: 'Search results' })).toContainText('Canvas Beach Bag');
  await shelf.screenshot('team-offline');
  pg!.start();
  await expect(line).toContainText(/generation 1 · synced \S/, { timeout: 60_000 });
});
