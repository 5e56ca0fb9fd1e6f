import Database from 'better-sqlite3';
import { MIGRATIONS } from './migrations.ts';

export type Db = Database.Database;

const BUSY_TIMEOUT_MS = 5000;

/**
 * Opens a catalog database. The engine holds two connections: one writer (import and indexing
 * transactions) and one reader, so that a search during a long import sees the last committed
 * catalog — old or new, never a half-written one (WAL snapshot isolation).
 */
export function openDatabase(file: string, opts: { readonly?: boolean } = {}): Db {
  const db = new Database(file, { readonly: opts.readonly ?? false, fileMustExist: opts.readonly ?? false });
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  if (!opts.readonly) {
    useWal(db);
    db.pragma('synchronous = NORMAL');
    migrate(db);
  }
  // 8 MB per connection rather than 32: at 100k products the larger cache cost ~25 MB of peak
  // memory and no measurable speed (the OS page cache holds the file anyway).
  db.pragma('cache_size = -8000');
  db.pragma('temp_store = MEMORY');
  return db;
}

/**
 * Switching a fresh file to WAL takes an exclusive lock, and SQLite answers "busy" at once rather
 * than call the busy handler when two connections race for it; so wait here as busy_timeout would.
 */
function useWal(db: Db): void {
  const deadline = Date.now() + BUSY_TIMEOUT_MS;
  for (;;) {
    try {
      db.pragma('journal_mode = WAL');
      return;
    } catch (err) {
      if ((err as { code?: string }).code !== 'SQLITE_BUSY' || Date.now() > deadline) throw err;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
    }
  }
}

function migrate(db: Db): void {
  // Two processes may open a fresh catalog at once (two CLI imports): the version is read under
  // the write lock, so the second one waits and then finds the schema already in place.
  db.transaction(() => {
    const current = db.pragma('user_version', { simple: true }) as number;
    if (current > MIGRATIONS.length) {
      throw new Error(
        `catalog schema version ${current} is newer than this build understands (${MIGRATIONS.length})`,
      );
    }
    for (let v = current; v < MIGRATIONS.length; v++) {
      const migration = MIGRATIONS[v];
      if (typeof migration === 'string') db.exec(migration);
      else migration(db);
    }
    if (current < MIGRATIONS.length) db.pragma(`user_version = ${MIGRATIONS.length}`);
  }).immediate();
}

export function getMeta(db: Db, key: string): string | null {
  const row = db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
  return row ? row.value : null;
}

/**
 * A value derived from the products, computed once per import generation and database handle: the
 * products change only through imports, which bump `import_gen`.
 */
export function perImport<T>(compute: (db: Db) => T): (db: Db) => T {
  const cache = new WeakMap<Db, { generation: string; value: T }>();
  return (db) => {
    const generation = getMeta(db, 'import_gen') ?? '0';
    const hit = cache.get(db);
    if (hit?.generation === generation) return hit.value;
    const value = compute(db);
    cache.set(db, { generation, value });
    return value;
  };
}

export function setMeta(db: Db, key: string, value: string): void {
  db.prepare(
    'INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
  ).run(key, value);
}
