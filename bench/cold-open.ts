// Child process of the benchmark: opens a catalog and answers one hybrid query, timing each step.
// Usage: node bench/cold-open.ts CATALOG_DIR QUERY
import { CatalogService } from '../electron/engine/catalog-service.ts';
import { createModelProvider } from '../electron/engine/models.ts';

const [dir, query] = process.argv.slice(2);
const started = performance.now();
const catalog = CatalogService.open(dir, createModelProvider());
const opened = performance.now();
const result = await catalog.search({ query, mode: 'hybrid', limit: 10, filters: {} });
const searched = performance.now();
catalog.close();
process.stdout.write(
  JSON.stringify({ openMs: opened - started, firstSearchMs: searched - opened, hits: result.hits.length }),
);
