// Questions about fields a catalog does not have, questions in other languages and 1,000-character
// questions, asked of real catalogs: never a count of something else.
import { describe, expect } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Answer } from '../../../shared/types.ts';
import { tempDir } from '../helpers.ts';
import { askEach, importedWithoutIndex, readCsv, MYNTRA_CSV, DUMMYJSON_CSV, WOO_CSV } from './ask-each.ts';

const ICECAT_CSV_GZ = '/work/shared/datasets/icecat-chorus-electronics/products_core.csv.gz';

interface Case {
  q: string;
  check: (a: Answer) => void;
}

const first = (a: Answer) => a.answer.split('\n')[0];

function noField(name: string, closest: string[]) {
  return (a: Answer) => {
    expect(first(a)).toMatch(new RegExp(`^This catalog has no ${name} field; the closest fields are `));
    for (const f of closest) expect(first(a)).toContain(f);
    expect(a.answer).not.toMatch(/\d+ products?/);
    expect(a.citations).toEqual([]);
    expect(a.reading).toBe(`asked about field “${name}”: no such field`);
  };
}

function foreign(a: Answer): void {
  expect(first(a)).toMatch(/^This question does not read as English/);
  expect(a.citations).toEqual([]);
}

/** A question repeated up to the contract's 1,000 characters. */
function long(q: string): string {
  return `${q} `.repeat(Math.ceil(1000 / (q.length + 1))).slice(0, 1000);
}

describe('bad input to the Myntra catalog', () => {
  const rows = readCsv(MYNTRA_CSV);
  const puma = rows.filter((r) => r.ProductBrand.trim() === 'Puma').length;
  askEach<Case>(
    () => importedWithoutIndex(MYNTRA_CSV),
    [
      // Descriptions say "Warranty: 3 months" often; still no field holds it.
      { q: 'How many products have a warranty?', check: noField('warranty', ['description']) },
      { q: 'How many products per material?', check: noField('material', []) },
      { q: '¿Cuántos productos hay?', check: foreign },
      { q: 'Combien de produits Puma avez-vous ?', check: foreign },
      { q: 'Wie viele Produkte sind auf Lager?', check: foreign },
      {
        q: long('How many Puma products are there?'),
        check: (a) => expect(first(a)).toBe(`${puma} products by Puma.`),
      },
    ],
    (a, c) => c.check(a),
  );
});

describe('bad input to a WooCommerce export', () => {
  const products = readCsv(WOO_CSV).filter((r) => r.Type !== 'variation');
  const hoodies = products.filter((r) => r.Categories === 'Clothing > Hoodies').length;
  askEach<Case>(
    () => importedWithoutIndex(WOO_CSV),
    [
      { q: 'How many products have a warranty?', check: noField('warranty', []) },
      { q: 'Which products are missing a barcode?', check: noField('barcode', []) },
      { q: '有多少产品?', check: foreign },
      { q: 'Quanti prodotti sono in saldo?', check: foreign },
      {
        q: long('How many hoodies do we have?'),
        check: (a) => expect(first(a)).toBe(`${hoodies} products in Clothing > Hoodies.`),
      },
    ],
    (a, c) => c.check(a),
  );
});

describe('a field the catalog has, named by one word of it', () => {
  const rows = readCsv(DUMMYJSON_CSV);
  const stated = rows.filter((r) => r.warrantyInformation.trim()).length;
  askEach<Case>(
    () => importedWithoutIndex(DUMMYJSON_CSV),
    [
      {
        q: 'How many products have a warranty?',
        check: (a) => {
          expect(first(a)).toMatch(new RegExp(`^${stated} of the ${rows.length} products`));
          expect(a.reading).toBe('counted: warrantyInformation has a value');
        },
      },
    ],
    (a, c) => c.check(a),
  );
});

describe('an electronics catalog that sells warranty extensions (Icecat)', () => {
  const file = path.join(tempDir(), 'icecat.csv');
  fs.writeFileSync(file, gunzipSync(fs.readFileSync(ICECAT_CSV_GZ)));
  const rows = readCsv(file);
  const named = (...res: RegExp[]) => rows.filter((r) => res.every((re) => re.test(r.title))).length;
  askEach<Case>(
    () => importedWithoutIndex(file),
    [
      {
        q: 'How many products have a warranty?',
        check: (a) => {
          noField('warranty', ['description'])(a);
          expect(a.alternatives).toContainEqual({
            reading: 'name contains “warranty”',
            question: 'How many products are named “warranty”?',
          });
        },
      },
      {
        q: 'How many products are named “warranty”?',
        check: (a) => expect(first(a)).toMatch(new RegExp(`^${named(/\bwarrant(y|ies)\b/i)} products `)),
      },
      {
        // "Printer cleaning cartridge" ends in "cartridge" but is no toner cartridge.
        q: 'How many toner cartridges are there?',
        check: (a) => {
          const n = new Intl.NumberFormat('en-US').format(named(/\btoners?\b/i, /\bcartridges?\b/i));
          expect(first(a)).toMatch(new RegExp(`^${n} products whose name mentions`));
        },
      },
    ],
    (a, c) => c.check(a),
  );
});
