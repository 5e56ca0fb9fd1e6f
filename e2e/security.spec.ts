import { expect, test } from './harness.ts';

type PageGlobals = {
  document: {
    createElement(tag: string): { textContent: string };
    head: { appendChild(node: unknown): void };
  };
  __inlineRan?: boolean;
  require?: unknown;
  process?: unknown;
};

test('the page has no Node access and its policy refuses inline scripts', async ({ shelf }) => {
  const { page } = shelf;
  await expect(page.getByRole('heading', { name: 'Welcome to Shelfscope' })).toBeVisible();
  const seen = await page.evaluate(() => {
    const g = globalThis as unknown as PageGlobals;
    const script = g.document.createElement('script');
    script.textContent = 'globalThis.__inlineRan = true';
    g.document.head.appendChild(script);
    return { inlineRan: g.__inlineRan === true, require: typeof g.require, process: typeof g.process };
  });
  expect(seen).toEqual({ inlineRan: false, require: 'undefined', process: 'undefined' });
  await expect.poll(() => shelf.problems.length).toBe(1);
  expect(shelf.problems.splice(0)[0]).toMatch(/Content Security Policy/);
});
