import { expect, test } from './harness.ts';
import { startLocalLlm } from './local-llm.ts';
import type { LocalLlm } from './local-llm.ts';

let llm: LocalLlm;
test.beforeEach(async () => {
  llm = await startLocalLlm();
});
test.afterEach(async () => {
  await llm.close();
});

test('a local model set in Settings phrases answers, and the Ask panel says so', async ({ shelf }) => {
  const { page } = shelf;
  await shelf.seed('products.csv', 'Hermes store');
  await page.reload();
  const sidebar = page
    .getByRole('complementary')
    .filter({ has: page.getByRole('navigation', { name: 'Catalogs' }) });
  await expect(sidebar).toContainText('Answers: built-in engine only');

  await page.getByRole('button', { name: 'Settings' }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await expect(dialog.getByLabel('Endpoint URL')).toHaveAttribute('placeholder', 'http://127.0.0.1:11434/v1');

  // Nothing may leave the machine: a remote address is refused, in words, and nothing is saved.
  await dialog.getByLabel('Endpoint URL').fill('http://example.com/v1');
  await dialog.getByLabel('Model name').fill('tiny-test-model');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.getByRole('alert')).toContainText(
    'Not saved. The language-model endpoint must be http(s) on localhost, 127.0.0.1 or [::1].',
  );
  await shelf.screenshot('settings-refused');

  await dialog.getByLabel('Endpoint URL').fill(llm.endpoint);
  await expect(dialog.getByRole('alert')).toHaveCount(0);
  await dialog.getByLabel('Timeout (seconds)').fill('5');
  await shelf.screenshot('settings');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await expect(sidebar).toContainText('Answers: phrased by local model tiny-test-model');

  await page.getByRole('tab', { name: 'Ask' }).click();
  await page.getByLabel('Question').fill('Which bag is good for travel?');
  await page.getByRole('button', { name: 'Ask', exact: true }).click();
  const answer = page.getByRole('article', { name: 'Answer' });
  await expect(answer.locator('.answer-text')).toContainText('The local model recommends the');
  await expect(answer).toContainText('phrased by local model tiny-test-model');
  const citation = answer.getByRole('button', { name: /^\[1\]/ });
  await expect(citation).toBeVisible();
  // The grammar reads no count in a descriptive question: the model is first asked to translate it into
  // a structure (its reply is none), then to phrase the retrieved answer.
  expect(llm.requests).toHaveLength(2);
  expect(llm.requests[0].response_format).toEqual({ type: 'json_object' });
  expect(llm.requests.map((r) => r.model)).toEqual(['tiny-test-model', 'tiny-test-model']);
  const cited = /\[([^\]]+)\]\.$/.exec((await answer.locator('.answer-text').textContent()) ?? '')?.[1];
  expect(cited).toBeTruthy();
  await expect(citation).toContainText(cited ?? '');
  await shelf.screenshot('ask-local-model');

  // The settings outlive a restart of the engine.
  if (shelf.restart) {
    await shelf.restart();
    await expect(sidebar).toContainText('Answers: phrased by local model tiny-test-model');
  }
  await page.getByRole('button', { name: 'Settings' }).click();
  await expect(dialog.getByLabel('Endpoint URL')).toHaveValue(llm.endpoint);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();

  // A model that fails is passed over: the built-in answer stands, and the panel says the model gave none.
  await page.getByRole('button', { name: 'Settings' }).click();
  await dialog
    .getByLabel('Endpoint URL')
    .fill(`${llm.endpoint.replace(/\/v1$/, '')}/missing/chat/completions`);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await page.getByRole('tab', { name: 'Ask' }).click();
  await page.getByLabel('Question').fill('Which bag is good for a weekend trip?');
  await page.getByRole('button', { name: 'Ask', exact: true }).click();
  await expect(answer).toContainText(
    'answered by the built-in engine (local model tiny-test-model gave no usable answer)',
  );
  expect(llm.requests).toHaveLength(2);

  // Cleared, the built-in engine answers again and the server is not asked.
  await page.getByRole('button', { name: 'Settings' }).click();
  await expect(dialog.getByLabel('Timeout (seconds)')).toHaveValue('5');
  await dialog.getByRole('button', { name: 'Clear model' }).click();
  await expect(dialog).toBeHidden();
  await expect(sidebar).toContainText('Answers: built-in engine only');
  await page.getByRole('tab', { name: 'Ask' }).click();
  await page.getByLabel('Question').fill('Which bag is good for travel?');
  await page.getByRole('button', { name: 'Ask', exact: true }).click();
  // Exact text: the previous answer's "… gave no usable answer" line must not satisfy it.
  await expect(answer.locator('.answered-by')).toHaveText('answered by the built-in engine');
  await expect(answer.locator('.answer-text')).not.toContainText('The local model recommends');
  expect(llm.requests).toHaveLength(2);
});
