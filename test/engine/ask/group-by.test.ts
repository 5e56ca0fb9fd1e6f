// "Which colour is most common?", "How many products per season?", asked of real exports: the products
// per value of any field, extra columns included. Expected counts are read from the export files here.
import path from 'node:path';
import { describe, expect } from 'vitest';
import { HERMES_CSV } from '../helpers.ts';
import { askEach, EXPORTS, importedWithoutIndex, readCsv } from './ask-each.ts';

const SHOWN = 10;

type Row = Record<string, string>;

/** Products per value, largest first; a product listing several values ("Blue, Red") counts under each. */
function perValue(values: string[]): { v: string; n: number }[] {
  const counts = new Map<string, number>();
  for (const stated of values) {
    for (const v of new Set(stated.split(/\s*,\s*/).filter(Boolean))) counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  return [...counts].map(([v, n]) => ({ v, n })).sort((a, b) => b.n - a.n || a.v.localeCompare(b.v));
}

interface Case {
  q: string;
  /** The value each product in the scope states for the field ('' for none). */
  values: () => string[];
}

function ask(file: string, cases: Case[]) {
  askEach(
    () => importedWithoutIndex(file),
    cases,
    (a, c) => {
      const values = c.values();
      const rows = perValue(values);
      const lines = a.answer.split('\n');
      expect(a.route).toBe('aggregate');
      expect(rows.length).toBeGreaterThan(1);
      const top = rows.filter((r) => r.n === rows[0].n).map((r) => r.v);
      expect(lines[0], a.answer).toContain(`is ${top.join(' and ')} (`);
      expect(lines[0], a.answer).toContain(`of ${values.length})`);
      for (const r of rows.slice(0, SHOWN)) expect(lines[1], a.answer).toContain(`${r.v} (${r.n})`);
      if (rows.length > SHOWN) expect(lines[1]).toContain(`and ${rows.length - SHOWN} more`);
      const none = values.filter((v) => !v.trim()).length;
      if (none) expect(a.answer).toContain(`${none} product${none === 1 ? ' has' : 's have'} no `);
      else expect(a.answer).not.toMatch(/\d+ products? ha(?:s|ve) no /);
    },
  );
}

describe('group-by over a WooCommerce export', () => {
  const rows = readCsv(path.join(EXPORTS, 'woocommerce-products.csv'));
  const products = rows.filter((r) => r.Type !== 'variation');
  const color = (r: Row) =>
    [1, 2].map((n) => (r[`Attribute ${n} name`] === 'Color' ? r[`Attribute ${n} value(s)`] : '')).join('');
  ask(path.join(EXPORTS, 'woocommerce-products.csv'), [
    { q: 'Which colour is most common?', values: () => products.map(color) },
    { q: 'How many products per color?', values: () => products.map(color) },
    {
      q: 'How many hoodies per colour?',
      values: () => products.filter((p) => p.Categories.endsWith('Hoodies')).map(color),
    },
  ]);
});

describe('group-by over a plain catalog', () => {
  const rows = readCsv(HERMES_CSV);
  ask(HERMES_CSV, [
    { q: 'How many products per season?', values: () => rows.map((r) => r.seasons) },
    { q: 'Which season has the most products?', values: () => rows.map((r) => r.seasons) },
  ]);
});

describe('group-by over a Shopify export', () => {
  // One product per handle; its first row holds the product's own columns.
  const firsts = readCsv(path.join(EXPORTS, 'shopify-products.csv')).filter((r) => r.Title);
  ask(path.join(EXPORTS, 'shopify-products.csv'), [
    {
      q: 'Which gender has the most products?',
      values: () => firsts.map((r) => r['Google Shopping / Gender']),
    },
  ]);
});
