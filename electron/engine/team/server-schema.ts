// The team server's schema, versioned like the local store: each migration runs once, in order, in the
// publisher's transaction; `shelfscope.schema_migrations` records the versions applied. Readers only
// check it: a database without it is not a Shelfscope database, one with a later version needs a newer app.
import type pg from 'pg';
import { EngineError } from '../errors.ts';

export const SERVER_MIGRATIONS: string[] = [
  `
  CREATE TABLE shelfscope.catalogs (
    catalog_id bigserial PRIMARY KEY,
    name text NOT NULL UNIQUE,
    generation bigint NOT NULL DEFAULT 0,
    -- The change log holds every generation after this one: a replica below it must sync fully.
    oldest_generation bigint NOT NULL DEFAULT 0,
    product_count bigint NOT NULL DEFAULT 0,
    model text,
    synonyms json NOT NULL DEFAULT '[]',
    created_at timestamptz NOT NULL DEFAULT now(),
    published_at timestamptz
  );
  CREATE TABLE shelfscope.generations (
    catalog_id bigint NOT NULL REFERENCES shelfscope.catalogs ON DELETE CASCADE,
    generation bigint NOT NULL,
    published_at timestamptz NOT NULL DEFAULT now(),
    published_by text NOT NULL DEFAULT current_user,
    inserted integer NOT NULL,
    updated integer NOT NULL,
    removed integer NOT NULL,
    PRIMARY KEY (catalog_id, generation)
  );
  -- One row per product: its latest state. doc is the product as the app's contract shapes it (json,
  -- not jsonb: the text is kept as written, so every desk derives the same hashes from it); vector is the
  -- int8 + scale encoding the local store keeps, made by vector_model from the text whose hash is
  -- vector_hash.
  CREATE TABLE shelfscope.products (
    catalog_id bigint NOT NULL REFERENCES shelfscope.catalogs ON DELETE CASCADE,
    id text NOT NULL,
    generation bigint NOT NULL,
    -- The publisher's order (its rowid): replicas add products in it, so ties rank alike and the ANN
    -- index is built in the order the publisher's was.
    position bigint NOT NULL,
    content_hash text NOT NULL,
    doc json NOT NULL,
    vector bytea,
    vector_hash text,
    vector_model text,
    PRIMARY KEY (catalog_id, id)
  );
  CREATE INDEX products_order ON shelfscope.products (catalog_id, position, id);
  CREATE INDEX products_generation ON shelfscope.products (catalog_id, generation);
  CREATE TABLE shelfscope.changes (
    catalog_id bigint NOT NULL REFERENCES shelfscope.catalogs ON DELETE CASCADE,
    generation bigint NOT NULL,
    id text NOT NULL,
    change text NOT NULL CHECK (change IN ('inserted', 'updated', 'removed')),
    PRIMARY KEY (catalog_id, generation, id)
  );
  `,
  // A publisher's ANN index file, so a fresh desk loads the graph instead of building it. Its keys are
  // product positions: the publish that uploads it sets every position to the uploader's rowids, and a
  // later publish moves only the positions of products it changes (so their generation is above the
  // snapshot's) or uploads a new snapshot.
  `
  CREATE TABLE shelfscope.index_snapshots (
    catalog_id bigint PRIMARY KEY REFERENCES shelfscope.catalogs ON DELETE CASCADE,
    generation bigint NOT NULL,
    model text NOT NULL,
    format text NOT NULL,
    keys bigint NOT NULL,
    -- The highest key it may hold: a desk checks its keys against SQLite up to there.
    max_key bigint NOT NULL,
    bytes bigint NOT NULL,
    sha256 text NOT NULL
  );
  -- bytea holds at most 1 GB and a 1M-product index is larger: the file goes in chunks.
  CREATE TABLE shelfscope.index_snapshot_chunks (
    catalog_id bigint NOT NULL REFERENCES shelfscope.catalogs ON DELETE CASCADE,
    seq integer NOT NULL,
    data bytea NOT NULL,
    PRIMARY KEY (catalog_id, seq)
  );
  `,
];

/** Brings the schema up to this app's version; run by publishers, inside their transaction. */
export async function migrateServer(client: pg.Client): Promise<void> {
  // Two publishers migrating a fresh database at once: the second waits, then finds it done.
  await client.query("SELECT pg_advisory_xact_lock(hashtext('shelfscope:schema'))");
  // Created only when missing: CREATE SCHEMA IF NOT EXISTS still needs CREATE on the database, which a
  // publisher role given the schema by the database owner (docs/team-roles.sql) does not have.
  const schema = await client.query<{ s: string | null }>("SELECT to_regnamespace('shelfscope')::text AS s");
  if (!schema.rows[0].s) await client.query('CREATE SCHEMA shelfscope');
  await client.query(
    'CREATE TABLE IF NOT EXISTS shelfscope.schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
  );
  const current = await appliedVersion(client);
  checkNotNewer(current);
  for (let v = current; v < SERVER_MIGRATIONS.length; v++) {
    await client.query(SERVER_MIGRATIONS[v]);
    await client.query('INSERT INTO shelfscope.schema_migrations (version) VALUES ($1)', [v + 1]);
  }
}

/** Checks that the database holds a Shelfscope schema this app can read. */
export async function checkServerSchema(client: pg.Client, database: string): Promise<void> {
  const found = await client.query<{ t: string | null }>(
    "SELECT to_regclass('shelfscope.schema_migrations')::text AS t",
  );
  if (!found.rows[0].t) {
    throw new EngineError(
      'invalid-input',
      `database "${database}" is not a Shelfscope database (no shelfscope schema: publish a catalog to it first)`,
    );
  }
  checkNotNewer(await appliedVersion(client));
}

async function appliedVersion(client: pg.Client): Promise<number> {
  const r = await client.query<{ v: number | null }>(
    'SELECT max(version) AS v FROM shelfscope.schema_migrations',
  );
  return r.rows[0].v ?? 0;
}

function checkNotNewer(version: number): void {
  if (version > SERVER_MIGRATIONS.length) {
    throw new EngineError(
      'invalid-input',
      `the team server's schema version ${version} is newer than this app (it knows up to ${SERVER_MIGRATIONS.length}); update Shelfscope`,
    );
  }
}
