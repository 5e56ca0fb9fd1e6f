import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { CatalogService } from '../../../electron/engine/catalog-service.ts';
import {
  attributeRows,
  LIST_PART,
  WHOLE_LIST,
  WHOLE_ONLY,
} from '../../../electron/engine/store/attribute-values.ts';
import type { Db } from '../../../electron/engine/store/database.ts';
import { openDatabase } from '../../../electron/engine/store/database.ts';
import { MIGRATIONS } from '../../../electron/engine/store/migrations.ts';
import { countingModels, importInto, tempDir } from '../helpers.ts';

/** What the table holds, product by product: "id name=value/kind", sorted. */
function tableRows(db: Db): string[] {
  return (
    db
      .prepare(
        `SELECT p.id AS id, a.name AS name, a.value AS value, a.kind AS kind FROM product_attributes a
         JOIN products p ON p.rowid = a.product_rowid`,
      )
      .all() as { id: string; name: string; value: string; kind: number }[]
  )
    .map((r) => `${r.id} ${r.name}=${r.value}/${r.kind}`)
    .sort();
}

describe('attribute rows', () => {
  it('keep a value whole and, when it lists several, each part once', () => {
    expect(
      attributeRows({ Color: ' Blue, Green | red;Blue ', Size: 'M', Empty: '  ', None: null, Qty: 3 }),
    ).toEqual([
      { name: 'Color', value: 'Blue, Green | red;Blue', norm: 'blue,green|red;blue', kind: WHOLE_LIST },
      { name: 'Color', value: 'Blue', norm: 'blue', kind: LIST_PART },
      { name: 'Color', value: 'Green', norm: 'green', kind: LIST_PART },
      { name: 'Color', value: 'red', norm: 'red', kind: LIST_PART },
      { name: 'Size', value: 'M', norm: 'm', kind: WHOLE_ONLY },
      { name: 'Qty', value: '3', norm: '3', kind: WHOLE_ONLY },
    ]);
  });

  it('keep an address whole: its slashes do not list values', () => {
    const image = 'https://cdn.example.com/img/bag-1.jpg';
    expect(attributeRows({ Image: image })).toEqual([
      { name: 'Image', value: image, norm: image, kind: WHOLE_ONLY },
    ]);
  });

  it('follow the products through imports, re-imports and removals', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'c.csv');
    const catalog = CatalogService.open(path.join(dir, 'c'), countingModels().models, { create: true });
    try {
      fs.writeFileSync(
        file,
        'id,name,colour,material\nA1,Alpha,"Red, Blue",Wool\nB2,Beta,Green,\nC3,Gamma,,Cotton\n',
      );
      await importInto(catalog, file, { index: false });
      expect(tableRows(catalog.handle.reader)).toEqual([
        'A1 colour=Blue/2',
        'A1 colour=Red, Blue/1',
        'A1 colour=Red/2',
        'A1 material=Wool/0',
        'B2 colour=Green/0',
        'C3 material=Cotton/0',
      ]);
      // A1 changes colour, B2 is gone, C3 is unchanged, D4 is new.
      fs.writeFileSync(
        file,
        'id,name,colour,material\nA1,Alpha,Navy Blue,Wool\nC3,Gamma,,Cotton\nD4,Delta,Black/White,\n',
      );
      await importInto(catalog, file, { index: false });
      expect(tableRows(catalog.handle.reader)).toEqual([
        'A1 colour=Navy Blue/0',
        'A1 material=Wool/0',
        'C3 material=Cotton/0',
        'D4 colour=Black/2',
        'D4 colour=Black/White/1',
        'D4 colour=White/2',
      ]);
    } finally {
      catalog.close();
    }
  });

  it('are filled from the stored products when a catalog made before them is opened', () => {
    const file = path.join(tempDir(), 'old.sqlite');
    const own = MIGRATIONS.findIndex(
      (m) => typeof m === 'function' && m.toString().includes('backfillAttributeRows'),
    );
    expect(own).toBeGreaterThan(0);
    // A catalog at the schema before the attribute rows, holding three products.
    const old = new Database(file);
    for (const m of MIGRATIONS.slice(0, own)) if (typeof m === 'string') old.exec(m);
    old.pragma(`user_version = ${own}`);
    const insert = old.prepare(
      `INSERT INTO products (id, id_key, name, attributes, content_hash, embed_text, embed_hash, import_gen)
       VALUES (?, ?, ?, ?, '', '', '', 1)`,
    );
    insert.run('X1', 'x1', 'Scarf', JSON.stringify({ Tags: 'winter|wool', Colour: 'Grey' }));
    insert.run('X2', 'x2', 'Hat', '{}');
    insert.run('X3', 'x3', 'Glove', JSON.stringify({ Colour: '' }));
    old.close();
    const db = openDatabase(file);
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
      expect(tableRows(db)).toEqual([
        'X1 Colour=Grey/0',
        'X1 Tags=winter/2',
        'X1 Tags=winter|wool/1',
        'X1 Tags=wool/2',
      ]);
    } finally {
      db.close();
    }
  });
});
