// "Which products have no description / are missing a price / have no colour?", asked of real exports.
// Some fields of the real files are blanked here (every few products) so the figures are not all zero;
// every expected figure and id is read from the file written, independently of the engine's import.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect } from 'vitest';
import { DEFAULT_BUDGET } from '../../../electron/engine/ask/context.ts';
import type { CatalogService } from '../../../electron/engine/catalog-service.ts';
import { HERMES_CSV, tempDir } from '../helpers.ts';
import { askEach, EXPORTS, importedWithoutIndex, readCsv } from './ask-each.ts';

type Row = Record<string, string>;

function writeCsv(file: string, rows: Row[]): void {
  const columns = Object.keys(rows[0]);
  const cell = (v: string) => `"${v.replace(/"/g, '""')}"`;
  const lines = [columns, ...rows.map((r) => columns.map((c) => r[c]))].map((l) => l.map(cell).join(','));
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
}

/** Empties `column` in every `every`-th of the rows `pick` selects, starting with the `from`-th. */
function blank(rows: Row[], column: string, every: number, from: number, pick = (_r: Row) => true): void {
  rows.filter(pick).forEach((r, i) => {
    if (i % every === from) r[column] = '';
  });
}

const empty = (v: string | undefined) => !v?.trim();

interface Case {
  q: string;
  /** The ids of the products the answer counts, and how many the scope holds in all. */
  expected: () => { ids: string[]; total: number };
}

function ask(open: () => Promise<CatalogService>, cases: Case[]) {
  askEach(open, cases, (a, c) => {
    const { ids, total } = c.expected();
    const lead = a.answer.split('\n')[0];
    expect(a.route).toBe('aggregate');
    expect(a.answer).not.toContain('whose name mentions');
    if (ids.length === 0)
      expect(lead, a.answer).toMatch(new RegExp(`^(?:All|None of the) ${total} products`));
    else expect(lead, a.answer).toMatch(new RegExp(`^${ids.length} of the ${total} `));
    expect(a.citations).toHaveLength(Math.min(ids.length, DEFAULT_BUDGET.maxProducts));
    for (const id of a.citations) expect(ids).toContain(id);
  });
}

describe('missing values in a WooCommerce export', () => {
  const dir = tempDir();
  const file = path.join(dir, 'woocommerce.csv');
  const rows = readCsv(path.join(EXPORTS, 'woocommerce-products.csv'));
  const isProduct = (r: Row) => r.Type !== 'variation';
  blank(rows, 'Description', 4, 1, isProduct);
  blank(rows, 'Images', 3, 0, isProduct);
  writeCsv(file, rows);
  const products = rows.filter(isProduct);
  const variationsOf = (p: Row) => rows.filter((r) => r.Type === 'variation' && r.Parent === p.SKU);
  const priced = (r: Row) => !empty(r['Regular price']) || !empty(r['Sale price']);
  const attribute = (r: Row, name: string) =>
    [1, 2].map((n) => (r[`Attribute ${n} name`] === name ? r[`Attribute ${n} value(s)`] : '')).join('');
  const where = (test: (p: Row) => boolean) => () => ({
    ids: products.filter(test).map((p) => p.ID),
    total: products.length,
  });

  ask(
    () => importedWithoutIndex(file),
    [
      { q: 'How many products have no description?', expected: where((p) => empty(p.Description)) },
      { q: 'Which products have a description?', expected: where((p) => !empty(p.Description)) },
      { q: 'products without images', expected: where((p) => empty(p.Images)) },
      {
        q: 'Which products are missing a price?',
        expected: where((p) => !priced(p) && !variationsOf(p).some(priced)),
      },
      { q: 'items with no colour', expected: where((p) => empty(attribute(p, 'Color'))) },
      { q: 'How many products have a color?', expected: where((p) => !empty(attribute(p, 'Color'))) },
      { q: 'how many products have a brand?', expected: where(() => false) },
      { q: 'Which products lack tags?', expected: where((p) => empty(p.Tags)) },
    ],
  );
});

describe('missing values in a plain catalog', () => {
  const dir = tempDir();
  const file = path.join(dir, 'hermes.csv');
  const rows = readCsv(HERMES_CSV);
  blank(rows, 'description', 4, 2);
  blank(rows, 'price', 5, 3);
  blank(rows, 'seasons', 7, 0);
  writeCsv(file, rows);
  const where =
    (test: (p: Row) => boolean, scope = (_p: Row) => true) =>
    () => ({
      ids: rows.filter((p) => scope(p) && test(p)).map((p) => p.product_id),
      total: rows.filter(scope).length,
    });
  // A category's head word names every category sharing it: Accessories and Men's Accessories.
  const accessories = (p: Row) => p.category.endsWith('Accessories');

  ask(
    () => importedWithoutIndex(file),
    [
      { q: 'How many products have no description?', expected: where((p) => empty(p.description)) },
      { q: 'products whose description is empty', expected: where((p) => empty(p.description)) },
      { q: 'Which products are missing a price?', expected: where((p) => empty(p.price)) },
      { q: 'How many items have a price?', expected: where((p) => !empty(p.price)) },
      { q: 'how many products have no season?', expected: where((p) => empty(p.seasons)) },
      {
        q: 'How many accessories have no description?',
        expected: where((p) => empty(p.description), accessories),
      },
      { q: 'products with no category', expected: where((p) => empty(p.category)) },
    ],
  );
});
