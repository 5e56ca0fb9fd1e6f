// Versioned schema. Each entry runs once, in order, inside a transaction; the applied version is kept in
// SQLite's user_version so an old catalog opened by a newer build is brought forward, never guessed at.
// A migration is SQL, or a function when it must fill a table by code the engine shares with its writer.
import { backfillAttributeRows } from './attribute-values.ts';
import type { Db } from './database.ts';

export type Migration = string | ((db: Db) => void);

export const MIGRATIONS: Migration[] = [
  `
  CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  CREATE TABLE products (
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    id_key TEXT NOT NULL,
    name TEXT NOT NULL,
    description TEXT,
    category TEXT,
    brand TEXT,
    price REAL,
    currency TEXT,
    stock INTEGER,
    season TEXT,
    attributes TEXT NOT NULL DEFAULT '{}',
    content_hash TEXT NOT NULL,
    embed_text TEXT NOT NULL,
    embed_hash TEXT NOT NULL,
    embedded_hash TEXT,
    embed_seq INTEGER,
    import_gen INTEGER NOT NULL
  );
  CREATE INDEX products_id_key ON products(id_key);
  CREATE INDEX products_category ON products(category COLLATE NOCASE);
  CREATE INDEX products_brand ON products(brand COLLATE NOCASE);
  CREATE INDEX products_price ON products(price);
  CREATE INDEX products_stock ON products(stock);
  CREATE INDEX products_pending ON products(rowid) WHERE embedded_hash IS NULL OR embedded_hash <> embed_hash;
  CREATE INDEX products_embed_seq ON products(embed_seq);
  -- Vectors are kept here (int8 + scale) as well as in the ANN file: the ANN index can then always be
  -- rebuilt or caught up after a crash without embedding anything twice, and small filtered subsets
  -- can be scanned exactly.
  CREATE TABLE vectors (rowid INTEGER PRIMARY KEY, v BLOB NOT NULL);
  -- Keys removed from the catalog since the ANN file was last saved.
  CREATE TABLE vector_tombstones (rowid INTEGER PRIMARY KEY);
  CREATE VIRTUAL TABLE products_fts USING fts5(
    name, brand, category, description, attrs,
    content='', contentless_delete=1, tokenize='porter unicode61 remove_diacritics 2'
  );
  -- Unstemmed words of names, brands and categories: the vocabulary typo correction chooses from.
  CREATE VIRTUAL TABLE lexicon_fts USING fts5(
    text, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2'
  );
  CREATE VIRTUAL TABLE lexicon_vocab USING fts5vocab(lexicon_fts, 'row');
  CREATE TABLE jobs (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    state TEXT NOT NULL,
    file TEXT,
    options TEXT NOT NULL DEFAULT '{}',
    started_at TEXT NOT NULL,
    finished_at TEXT,
    result TEXT,
    error TEXT
  );
  CREATE TABLE rejected_rows (
    job_id TEXT NOT NULL,
    file TEXT NOT NULL,
    row INTEGER NOT NULL,
    field TEXT NOT NULL,
    reason TEXT NOT NULL
  );
  CREATE INDEX rejected_rows_job ON rejected_rows(job_id);
  CREATE TABLE synonyms (grp INTEGER NOT NULL, term TEXT NOT NULL);
  `,
  // Variants (2026-12): a product row carries what its variants add up to (lowest price, price range,
  // summed stock, stock state); each variant keeps its own SKU, options, prices and stock.
  `
  ALTER TABLE products ADD COLUMN compare_at_price REAL;
  ALTER TABLE products ADD COLUMN price_max REAL;
  ALTER TABLE products ADD COLUMN stock_state TEXT;
  ALTER TABLE products ADD COLUMN variant_count INTEGER NOT NULL DEFAULT 0;
  UPDATE products SET stock_state = CASE WHEN stock > 0 THEN 'in stock' WHEN stock IS NOT NULL THEN 'out of stock' END;
  CREATE INDEX products_stock_state ON products(stock_state);
  CREATE TABLE variants (
    product_rowid INTEGER NOT NULL,
    position INTEGER NOT NULL,
    id TEXT NOT NULL,
    id_key TEXT NOT NULL,
    options TEXT NOT NULL DEFAULT '{}',
    price REAL,
    compare_at_price REAL,
    stock INTEGER,
    stock_state TEXT,
    barcode TEXT,
    PRIMARY KEY (product_rowid, position)
  ) WITHOUT ROWID;
  CREATE INDEX variants_id_key ON variants(id_key);
  -- One row per option value a product offers, for option facets and filters.
  CREATE TABLE product_options (
    product_rowid INTEGER NOT NULL,
    name TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (product_rowid, name, value)
  ) WITHOUT ROWID;
  CREATE INDEX product_options_value ON product_options(name COLLATE NOCASE, value COLLATE NOCASE);
  -- Rows of a platform export waiting to be grouped into products; filled and emptied inside one import
  -- transaction (a table on disk, not a temp table: temp_store is memory and a feed may have millions).
  CREATE TABLE import_pieces (seq INTEGER PRIMARY KEY, grp TEXT NOT NULL, data TEXT NOT NULL);
  CREATE INDEX import_pieces_grp ON import_pieces(grp, seq);
  -- The groups in the order the file first names them, so products keep the file's order.
  CREATE TABLE import_groups (seq INTEGER PRIMARY KEY, grp TEXT NOT NULL UNIQUE);
  `,
  // Staged rows moved to a scratch database deleted after each import (jobs/piece-staging.ts): staged
  // here they left hundreds of MB of free pages in the catalog file.
  `
  DROP TABLE import_pieces;
  DROP TABLE import_groups;
  `,
  // The vector rows counted as they are written (2026-12), so opening a catalog compares the ANN index
  // with SQLite in O(1): count(*) over the vectors reads the whole table (~0.5 s at 1M products). The
  // highest key ever given a vector bounds the keys a full comparison has to ask the index about.
  // Vectors must be written with INSERT … ON CONFLICT DO UPDATE: INSERT OR REPLACE fires the insert
  // trigger without the delete one.
  `
  INSERT INTO meta (key, value) VALUES ('vector_count', (SELECT count(*) FROM vectors))
    ON CONFLICT(key) DO UPDATE SET value = excluded.value;
  INSERT INTO meta (key, value) VALUES ('vector_max_key', (SELECT max(
      coalesce((SELECT max(rowid) FROM vectors), 0),
      coalesce((SELECT max(rowid) FROM products), 0),
      coalesce((SELECT max(rowid) FROM vector_tombstones), 0))))
    ON CONFLICT(key) DO UPDATE SET value = excluded.value;
  CREATE TRIGGER vectors_counted_insert AFTER INSERT ON vectors BEGIN
    UPDATE meta SET value = CASE key
        WHEN 'vector_count' THEN CAST(value AS INTEGER) + 1
        ELSE max(CAST(value AS INTEGER), NEW.rowid) END
      WHERE key IN ('vector_count', 'vector_max_key');
  END;
  CREATE TRIGGER vectors_counted_delete AFTER DELETE ON vectors BEGIN
    UPDATE meta SET value = CAST(value AS INTEGER) - 1 WHERE key = 'vector_count';
  END;
  `,
  // The process running a job (2026-12): an unfinished job of a live process is running, not
  // interrupted, so another process's import or `index` must leave it alone (jobs/job-owner.ts).
  `
  ALTER TABLE jobs ADD COLUMN owner_pid INTEGER;
  `,
  // Catalog health (2026-12): the products of each finding of the last report (a search filter and the
  // export read them), and the pairs a manager said are not duplicates, by product id so they survive
  // re-imports (rowids do not).
  `
  CREATE TABLE health_members (
    finding TEXT NOT NULL,
    grp INTEGER NOT NULL,
    product_rowid INTEGER NOT NULL,
    note TEXT
  );
  CREATE INDEX health_members_finding ON health_members(finding, grp);
  CREATE TABLE health_not_duplicates (a TEXT NOT NULL, b TEXT NOT NULL, PRIMARY KEY (a, b)) WITHOUT ROWID;
  `,
  // Search insights (2026-12): the query log, kept on this machine only and bounded (the oldest rows are
  // pruned). `query_key` groups what differs only in case, spacing and punctuation; `cache` says which
  // layer of the result cache answered, so hit rates come from the same rows as the latencies.
  `
  CREATE TABLE query_log (
    seq INTEGER PRIMARY KEY,
    at INTEGER NOT NULL,
    query TEXT NOT NULL,
    query_key TEXT NOT NULL,
    mode TEXT NOT NULL,
    filters TEXT NOT NULL,
    result_limit INTEGER NOT NULL,
    results INTEGER NOT NULL,
    took_ms REAL NOT NULL,
    corrected_to TEXT,
    cache TEXT NOT NULL
  );
  CREATE INDEX query_log_key ON query_log(query_key);
  `,
  // Ask at 1M products (2026-12): attribute values one row each (store/attribute-values.ts), so
  // group-by, missing values and value matching read an index, not the JSON of every product; the
  // category and brand indexes carry the levels counts and averages read (stock state, price, stock,
  // compare-at price), so a count over a large category reads no product row; on-sale products and
  // products missing a description, category, brand or season are indexed apart (few of them).
  (db: Db) => {
    db.exec(`
    CREATE TABLE product_attributes (
      name TEXT NOT NULL,
      norm TEXT NOT NULL,
      product_rowid INTEGER NOT NULL,
      value TEXT NOT NULL,
      kind INTEGER NOT NULL,
      PRIMARY KEY (name, norm, product_rowid)
    ) WITHOUT ROWID;
    DROP INDEX products_category;
    CREATE INDEX products_category ON products(category COLLATE NOCASE, stock_state, price, stock, compare_at_price);
    DROP INDEX products_brand;
    CREATE INDEX products_brand ON products(brand COLLATE NOCASE, stock_state, price, stock, compare_at_price);
    DROP INDEX products_stock_state;
    CREATE INDEX products_stock_state ON products(stock_state, stock, price);
    CREATE INDEX products_on_sale ON products(compare_at_price, price) WHERE compare_at_price > price;
    CREATE INDEX products_no_description ON products(price) WHERE coalesce(trim(CAST(description AS TEXT)), '') = '';
    CREATE INDEX products_no_category ON products(price) WHERE coalesce(trim(CAST(category AS TEXT)), '') = '';
    CREATE INDEX products_no_brand ON products(price) WHERE coalesce(trim(CAST(brand AS TEXT)), '') = '';
    CREATE INDEX products_no_season ON products(price) WHERE coalesce(trim(CAST(season AS TEXT)), '') = '';
    `);
    // Filled before its secondary indexes are built: each is then one sort, not a B-tree insert per row.
    backfillAttributeRows(db);
    db.exec(`
    CREATE INDEX product_attributes_product ON product_attributes(product_rowid, name, kind);
    CREATE INDEX product_attributes_whole ON product_attributes(name, value) WHERE kind < 2;
    `);
  },
];
