// Data shapes that cross a process boundary. Each is a zod schema (validated at the boundary) and the
// TypeScript type inferred from it, so the two can never drift.
import { z } from 'zod';

export const PRODUCT_FIELDS = [
  'id',
  'name',
  'description',
  'category',
  'brand',
  'price',
  'currency',
  'stock',
  'season',
  'compareAtPrice',
  'stockState',
  'discountPercent',
] as const;
export const ProductField = z.enum(PRODUCT_FIELDS);
export type ProductField = z.infer<typeof ProductField>;

export const FORMATS = ['csv', 'tsv', 'json', 'jsonl', 'xlsx', 'xml'] as const;
export const Format = z.enum(FORMATS);
export type Format = z.infer<typeof Format>;

export const SEARCH_MODES = ['hybrid', 'keyword', 'semantic'] as const;
export const SearchMode = z.enum(SEARCH_MODES);
export type SearchMode = z.infer<typeof SearchMode>;

const CatalogId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'catalog ids are lowercase letters, digits and dashes');
export { CatalogId };

/** Which source column feeds each product field; unmapped columns become attributes. */
export const ColumnMapping = z.partialRecord(ProductField, z.string().min(1).max(500));
export type ColumnMapping = z.infer<typeof ColumnMapping>;

export const AttributeValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);
export type AttributeValue = z.infer<typeof AttributeValue>;

/** How platforms say whether a product can be bought when they give no quantity. */
export const STOCK_STATES = ['in stock', 'out of stock', 'preorder', 'backorder'] as const;
export const StockState = z.enum(STOCK_STATES);
export type StockState = z.infer<typeof StockState>;

/** One buyable version of a product (a size, a colour): its own SKU, options, price and stock. */
export const Variant = z.object({
  id: z.string(),
  /** Option name → value, in the file's order: { Size: 'M', Color: 'Red' }. */
  options: z.record(z.string(), z.string()),
  /** What a buyer pays now (the sale price when there is one). */
  price: z.number().nullable(),
  /** The regular price when the variant is on sale (shown struck through); null otherwise. */
  compareAtPrice: z.number().nullable(),
  stock: z.number().int().nullable(),
  stockState: StockState.nullable(),
  barcode: z.string().nullable(),
});
export type Variant = z.infer<typeof Variant>;

export const Product = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  category: z.string().nullable(),
  brand: z.string().nullable(),
  price: z.number().nullable(),
  currency: z.string().nullable(),
  stock: z.number().int().nullable(),
  season: z.string().nullable(),
  attributes: z.record(z.string(), AttributeValue),
  /** The regular price when the product (its cheapest variant) is on sale; null otherwise. */
  compareAtPrice: z.number().nullable(),
  /** The highest variant price when variants differ in price (price is the lowest); null otherwise. */
  priceMax: z.number().nullable(),
  /** In stock when any variant is; from the quantity when there is one, else the platform's word. */
  stockState: StockState.nullable(),
  /** Empty for a product sold as one item. */
  variants: z.array(Variant),
});
export type Product = z.infer<typeof Product>;

/** A row that was not imported, and why. `row` counts the header as row 1, like a spreadsheet. */
export const RejectedRow = z.object({
  file: z.string(),
  row: z.number().int(),
  field: z.string(),
  reason: z.string(),
});
export type RejectedRow = z.infer<typeof RejectedRow>;

export const ImportPreview = z.object({
  file: z.string(),
  format: Format,
  sheets: z.array(z.string()),
  columns: z.array(z.string()),
  sampleRows: z.array(z.record(z.string(), z.string())),
  mapping: ColumnMapping,
  /** The platform export recognised from the header, or null for the generic column detection. */
  platform: z.object({ id: z.string(), label: z.string() }).nullable(),
});
export type ImportPreview = z.infer<typeof ImportPreview>;

export const ImportCounts = z.object({
  imported: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  removed: z.number().int(),
  rejected: z.number().int(),
  embedded: z.number().int(),
});
export type ImportCounts = z.infer<typeof ImportCounts>;

/** Where an indexing run's time went, in ms: the model, ANN insertion, the rest (SQLite writes, saves). */
export const IndexTiming = z.object({ modelMs: z.number(), annMs: z.number(), otherMs: z.number() });
export type IndexTiming = z.infer<typeof IndexTiming>;

/** Each part of an indexing run's time in whole percent of the run (0 for a run that took no time). */
export function timingShares(t: IndexTiming): { model: number; ann: number; other: number } {
  const total = t.modelMs + t.annMs + t.otherMs;
  const share = (ms: number) => (total > 0 ? Math.round((100 * ms) / total) : 0);
  return { model: share(t.modelMs), ann: share(t.annMs), other: share(t.otherMs) };
}

/** What the import recognised: "Shopify product CSV: 41 rows → 20 products, 21 variants". */
export const ImportDetection = z.object({
  /** The platform profile's id, or null for the generic column detection. */
  platform: z.string().nullable(),
  label: z.string(),
  rows: z.number().int(),
  products: z.number().int(),
  variants: z.number().int(),
  /** Rows that are no product (WordPress attachments, BigCommerce rules), by reason. */
  skipped: z.record(z.string(), z.number().int()),
});
export type ImportDetection = z.infer<typeof ImportDetection>;

/** The detection as one line: "Shopify product CSV: 41 rows → 20 products, 21 variants". */
export function detectionLine(d: ImportDetection): string {
  const n = (count: number, word: string) =>
    `${count.toLocaleString('en-US')} ${word}${count === 1 ? '' : 's'}`;
  const unit = d.label.endsWith('XML') || d.label.includes('feed') ? 'item' : 'row';
  const parts = [n(d.products, 'product')];
  if (d.variants > 0) parts.push(n(d.variants, 'variant'));
  const skipped = Object.entries(d.skipped).map(
    ([reason, count]) => `${count.toLocaleString('en-US')} ${reason}`,
  );
  return `${d.label}: ${n(d.rows, unit)} → ${parts.join(', ')}${skipped.length ? ` (skipped: ${skipped.join(', ')})` : ''}`;
}

export const ImportResult = ImportCounts.extend({
  /** Absent for a job that read no file (an index run). */
  detection: ImportDetection.optional(),
  /** Variants matched by SKU/id within their product against what the catalog held. */
  variantChanges: z
    .object({
      added: z.number().int(),
      updated: z.number().int(),
      unchanged: z.number().int(),
      removed: z.number().int(),
    })
    .optional(),
  rejectedRows: z.array(RejectedRow),
  removedIds: z.array(z.string()),
  tookMs: z.number(),
  /** Absent when the job embedded nothing (an import with indexing left for later). */
  indexTiming: IndexTiming.optional(),
});
export type ImportResult = z.infer<typeof ImportResult>;

export const JOB_PHASES = [
  'reading',
  'embedding',
  'saving',
  'done',
  'cancelled',
  'failed',
  // The health check: reading every product, then comparing embeddings; an export writing its file.
  'scanning',
  'comparing',
  'writing',
  'downloading',
  'checking',
] as const;
export const JobPhase = z.enum(JOB_PHASES);
export type JobPhase = z.infer<typeof JobPhase>;

export const JobProgress = z.object({
  jobId: z.string(),
  catalogId: z.string(),
  kind: z.enum(['import', 'index', 'health', 'export', 'reembed', 'model', 'publish', 'sync']),
  phase: JobPhase,
  done: z.number(),
  total: z.number(),
  ratePerSec: z.number(),
  etaSec: z.number().nullable(),
  message: z.string().optional(),
});
export type JobProgress = z.infer<typeof JobProgress>;

/** What a re-embed with another model did; `swapped` is false when it was cancelled (resumable). */
export const ReembedResult = z.object({
  model: z.string(),
  embedded: z.number().int(),
  /** Vectors an interrupted run of the same re-embed had built already. */
  resumed: z.number().int(),
  swapped: z.boolean(),
  textsPerSec: z.number(),
  tookMs: z.number(),
});
export type ReembedResult = z.infer<typeof ReembedResult>;

export const JobFinished = z.object({
  jobId: z.string(),
  catalogId: z.string(),
  ok: z.boolean(),
  result: ImportResult.optional(),
  reembed: ReembedResult.optional(),
  error: z.string().optional(),
});
export type JobFinished = z.infer<typeof JobFinished>;

/** The engine's thread died and a new one took over: what was stored is kept, work in flight is not. */
export const EngineRestarted = z.object({
  reason: z.string(),
  /** The catalogs whose interrupted job the new engine took up again. */
  resumed: z.array(CatalogId).default([]),
});
export type EngineRestarted = z.infer<typeof EngineRestarted>;

/** Each attribute or option filter is one SQL condition: a bound keeps a request's query plan small. */
const MAX_FILTER_KEYS = 20;

/** Name → value filters, at most MAX_FILTER_KEYS of them. */
const keyedFilter = (maxName: number) =>
  z
    .record(z.string().max(maxName), z.string().max(500))
    .refine((r) => Object.keys(r).length <= MAX_FILTER_KEYS, {
      message: `at most ${MAX_FILTER_KEYS} filters of this kind`,
    });

export const Filters = z.object({
  priceMin: z.number().optional(),
  priceMax: z.number().optional(),
  categories: z.array(z.string().max(500)).max(100).optional(),
  brands: z.array(z.string().max(500)).max(100).optional(),
  /** true: only products with stock > 0; false: only those out of stock (stock ≤ 0). */
  inStock: z.boolean().optional(),
  attributes: keyedFilter(500).optional(),
  /** Variant options a product must offer: { Size: 'M' } keeps products with a variant of size M. */
  options: keyedFilter(200).optional(),
  /** true: only products a buyer gets below their regular price now. */
  onSale: z.boolean().optional(),
  /** Only the products of a health finding (shared/health.ts FindingRef): "missing:field:brand", "duplicates#3". */
  health: z.string().min(1).max(600).optional(),
});
export type Filters = z.infer<typeof Filters>;

export const SearchHit = z.object({
  id: z.string(),
  score: z.number(),
  name: z.string(),
  description: z.string().nullable(),
  category: z.string().nullable(),
  brand: z.string().nullable(),
  price: z.number().nullable(),
  currency: z.string().nullable(),
  stock: z.number().nullable(),
  compareAtPrice: z.number().nullable(),
  priceMax: z.number().nullable(),
  stockState: StockState.nullable(),
  variantCount: z.number().int(),
  /** The variant whose SKU/id the query named, when it named one. */
  matchedVariant: z.string().nullable(),
  /** Lower-cased query terms (after synonyms and typo correction) that the renderer highlights. */
  matchedTerms: z.array(z.string()),
});
export type SearchHit = z.infer<typeof SearchHit>;

export const FacetCount = z.object({ value: z.string(), count: z.number().int() });
export type FacetCount = z.infer<typeof FacetCount>;

export const Facets = z.object({
  category: z.array(FacetCount),
  brand: z.array(FacetCount),
  price: z.array(FacetCount),
  stock: z.array(FacetCount),
  /** Variant option facets ("Color", "Size"), counting products that offer each value. */
  options: z.array(z.object({ name: z.string(), values: z.array(FacetCount) })),
});
export type Facets = z.infer<typeof Facets>;

export const SearchResult = z.object({
  query: z.string(),
  mode: SearchMode,
  tookMs: z.number(),
  total: z.number().int(),
  hits: z.array(SearchHit),
  facets: Facets,
  /** Filters in force: those given explicitly merged with those read from the query text. */
  filters: Filters,
  /** The query text left after filters were taken out of it. */
  text: z.string(),
  corrections: z.array(z.object({ from: z.string(), to: z.string() })),
  /** Why nothing matched, in words a manager understands; null when there are hits. */
  emptyReason: z.string().nullable(),
});
export type SearchResult = z.infer<typeof SearchResult>;

export const ASK_ROUTES = [
  'aggregate',
  'superlative',
  'lookup',
  'descriptive',
  'comparison',
  'no-match',
] as const;
export const AskRoute = z.enum(ASK_ROUTES);
export type AskRoute = z.infer<typeof AskRoute>;

export const Answer = z.object({
  question: z.string(),
  answer: z.string(),
  citations: z.array(z.string()),
  basedOn: z.array(z.object({ id: z.string(), fields: z.array(z.string()) })),
  route: AskRoute,
  answeredBy: z.enum(['built-in', 'llm']),
  tookMs: z.number(),
  /** The question as the engine read it: "counted: category = Accessories". */
  reading: z.string(),
  /** Other readings of an ambiguous question, each with a question that asks for it. */
  alternatives: z.array(z.object({ reading: z.string(), question: z.string() })),
});
export type Answer = z.infer<typeof Answer>;

/** A catalog published to or opened from a team server (PostgreSQL): what its sidebar entry shows. */
export const TeamInfo = z.object({
  /** The server URL without its password. */
  server: z.string(),
  name: z.string(),
  generation: z.number().int(),
  role: z.enum(['publisher', 'replica']),
  lastSyncAt: z.string().nullable(),
  offlineSince: z.string().nullable(),
  lastError: z.string().nullable(),
});
export type TeamInfo = z.infer<typeof TeamInfo>;

/** A team catalog's state, with whether live updates (LISTEN/NOTIFY) are connected now. */
export const TeamStatus = TeamInfo.extend({ live: z.boolean() });
export type TeamStatus = z.infer<typeof TeamStatus>;

export const TeamStatusEvent = z.object({ catalogId: z.string(), status: TeamStatus });
export type TeamStatusEvent = z.infer<typeof TeamStatusEvent>;

const TeamCounts = {
  name: z.string(),
  server: z.string(),
  generation: z.number().int(),
  inserted: z.number().int(),
  updated: z.number().int(),
  removed: z.number().int(),
  tookMs: z.number(),
};

export const TeamPublishResult = z.object({
  ...TeamCounts,
  unchanged: z.number().int(),
  bytesSent: z.number().int(),
  /** Of bytesSent, the ANN index uploaded for fresh desks to load (0 when the server's still serves). */
  indexBytes: z.number().int(),
});
export type TeamPublishResult = z.infer<typeof TeamPublishResult>;

export const TeamSyncResult = z.object({
  ...TeamCounts,
  unchanged: z.number().int(),
  mode: z.enum(['full', 'changes', 'none']),
  resumed: z.boolean(),
  /** Vectors taken from the server; `embedded` counts the products this desk had to embed itself. */
  vectors: z.number().int(),
  /** Of vectors, the ones the server's index snapshot already held in its graph (a fresh desk). */
  fromSnapshot: z.number().int(),
  embedded: z.number().int(),
});
export type TeamSyncResult = z.infer<typeof TeamSyncResult>;

export const CatalogInfo = z.object({
  id: z.string(),
  name: z.string(),
  products: z.number().int(),
  embedded: z.number().int(),
  model: z.string(),
  createdAt: z.string(),
  lastIndexedAt: z.string().nullable(),
  team: TeamInfo.nullable().optional(),
});
export type CatalogInfo = z.infer<typeof CatalogInfo>;

/** What one comparison of the vector index with SQLite repaired (all zero: nothing was wrong). */
export const IndexRepair = z.object({
  /** Keys of products no longer in the catalog, taken out of the index. */
  strayKeys: z.number().int().nonnegative(),
  /** Stored vectors the index lacked, added back from SQLite without embedding anything. */
  missingKeys: z.number().int().nonnegative(),
  /** Products marked embedded with no stored vector, queued to be embedded again. */
  reembed: z.number().int().nonnegative(),
  /** Whether the index was rebuilt from SQLite (it held keys no stored vector ever had). */
  rebuilt: z.boolean(),
});
export type IndexRepair = z.infer<typeof IndexRepair>;

/** "removed 99 stray keys, added 1 missing key": what a repair did, for the CLI and the Stats view. */
export function describeRepair(r: IndexRepair): string {
  const n = (count: number, word: string) =>
    `${count.toLocaleString('en-US')} ${word}${count === 1 ? '' : 's'}`;
  const parts = [
    r.strayKeys > 0 && `removed ${n(r.strayKeys, 'stray key')} (products no longer in the catalog)`,
    r.missingKeys > 0 && `added ${n(r.missingKeys, 'missing key')} back from the stored vectors`,
    r.reembed > 0 && `queued ${n(r.reembed, 'product')} to embed again`,
    r.rebuilt && 'rebuilt the index from the stored vectors',
  ];
  return parts.filter((p): p is string => typeof p === 'string').join(', ') || 'nothing to repair';
}

export const IndexCheck = IndexRepair.extend({
  /** `open`: the count check found a difference when the catalog was opened; `full`: every key compared. */
  scope: z.enum(['open', 'full']),
  at: z.string(),
  tookMs: z.number(),
});
export type IndexCheck = z.infer<typeof IndexCheck>;

/** The vector index against SQLite: the keys it holds and the vectors it should hold. */
export const VectorIndexHealth = z.object({
  /** Keys in the vector index searches use. */
  vectors: z.number().int().nonnegative(),
  /** Vectors SQLite stores (products embedded at least once and still in the catalog). */
  expected: z.number().int().nonnegative(),
  /** The two agree now (checked in O(1); `lastVerify` says when every key was last compared). */
  consistent: z.boolean(),
  /** The last full comparison, null until one has run on this catalog. */
  lastVerify: IndexCheck.nullable(),
  /** The last check that had something to repair, null if none ever had. */
  lastRepair: IndexCheck.nullable(),
});
export type VectorIndexHealth = z.infer<typeof VectorIndexHealth>;

export const CatalogStats = CatalogInfo.extend({
  dbBytes: z.number(),
  indexBytes: z.number(),
  dimensions: z.number().int(),
  vectorIndex: VectorIndexHealth,
  lastImport: z
    .object({
      rowsPerSec: z.number(),
      embedPerSec: z.number(),
      tookMs: z.number(),
      at: z.string(),
      /** Absent for imports recorded before it was kept. */
      indexTiming: IndexTiming.optional(),
    })
    .nullable(),
  recentQueryMs: z.array(z.number()),
});
export type CatalogStats = z.infer<typeof CatalogStats>;

export const Settings = z.object({
  /** OpenAI-compatible chat endpoint; only loopback hosts are accepted. */
  llmEndpoint: z.string().max(500).nullable(),
  llmModel: z.string().max(200).nullable(),
  llmTimeoutMs: z.number().int().min(500).max(120_000),
  /**
   * Record searches in each catalog's local query log (the Insights view); it never leaves the machine.
   * Absent means on: settings saved before the log existed keep it on.
   */
  queryLog: z.boolean().optional(),
});
export type Settings = z.infer<typeof Settings>;

/** A synonym group: every term in it matches every other. */
export const SynonymGroup = z.array(z.string().min(1).max(100)).min(2).max(50);
export type SynonymGroup = z.infer<typeof SynonymGroup>;

/** An installed embedding model, as Settings → Models and `shelfscope models list` show it. */
export const ModelInfo = z.object({
  name: z.string(),
  dimensions: z.number().int().positive(),
  maxTokens: z.number().int().positive(),
  pooling: z.enum(['none', 'mean', 'cls']),
  /** Size of its folder on disk. */
  bytes: z.number().int().nonnegative(),
  /** Texts embedded per second on this machine, measured once when it was added (null: not yet). */
  textsPerSec: z.number().nullable(),
  builtIn: z.boolean(),
  /** The model new catalogs are embedded with. */
  isDefault: z.boolean(),
  /** Where it was added from: a folder, a zip, a URL or a hub id. */
  source: z.string().nullable(),
  addedAt: z.string().nullable(),
  catalogs: z.array(z.object({ dir: z.string(), name: z.string() })),
});
export type ModelInfo = z.infer<typeof ModelInfo>;

/** How adding a model ended: the model, or why it was refused. */
export const ModelJobFinished = z.object({
  jobId: z.string(),
  ok: z.boolean(),
  model: ModelInfo.optional(),
  error: z.string().optional(),
});
export type ModelJobFinished = z.infer<typeof ModelJobFinished>;
