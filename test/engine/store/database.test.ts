import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, perImport, setMeta } from '../../../electron/engine/store/database.ts';
import { MIGRATIONS } from '../../../electron/engine/store/migrations.ts';

const run = promisify(execFile);
const DATABASE_MODULE = path.resolve('electron/engine/store/database.ts');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'shelfscope-db-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

/**
 * Opens (and so migrates) a catalog database in a separate process, as a second CLI would. The
 * children spin until a shared instant so that their opens really overlap.
 */
function openInChild(file: string, startAt: number) {
  const script = `const { openDatabase } = await import(${JSON.stringify(DATABASE_MODULE)});
    if (Date.now() > ${startAt}) throw new Error('started too late to race the others');
    while (Date.now() < ${startAt});
    openDatabase(${JSON.stringify(file)}).close();`;
  return run(process.execPath, ['--input-type=module', '-e', script]);
}

describe('openDatabase', () => {
  it('migrates a fresh file once when several processes open it at the same moment', async () => {
    for (let round = 0; round < 4; round++) {
      const file = path.join(work, `fresh-${round}.sqlite`);
      const startAt = Date.now() + 3000;
      const results = await Promise.allSettled([1, 2, 3, 4].map(() => openInChild(file, startAt)));
      expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
      const db = openDatabase(file);
      expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
      db.close();
    }
  }, 120_000);

  it('refuses a catalog written by a newer build instead of guessing at its schema', () => {
    const file = path.join(work, 'newer.sqlite');
    openDatabase(file).close();
    const db = openDatabase(file);
    db.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    db.close();
    expect(() => openDatabase(file)).toThrow(/newer than this build understands/);
  });
});

describe('perImport', () => {
  it('computes once per import generation and per database', () => {
    const computed: string[] = [];
    const label = perImport((db) => {
      computed.push(db.name);
      return `${path.basename(db.name)}@${computed.length}`;
    });
    const a = openDatabase(path.join(work, 'per-import-a.sqlite'));
    const b = openDatabase(path.join(work, 'per-import-b.sqlite'));
    try {
      expect(label(a)).toBe('per-import-a.sqlite@1');
      expect(label(a)).toBe('per-import-a.sqlite@1');
      expect(label(b)).toBe('per-import-b.sqlite@2');
      setMeta(a, 'import_gen', '7');
      expect(label(a)).toBe('per-import-a.sqlite@3');
      expect(label(b)).toBe('per-import-b.sqlite@2');
      expect(computed).toHaveLength(3);
    } finally {
      a.close();
      b.close();
    }
  });
});
