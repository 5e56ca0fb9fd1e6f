// The catalog health report and the export request: shapes that cross the process boundary, validated
// there like every other payload (see types.ts).
import { z } from 'zod';
import { Filters, SearchMode } from './types.ts';
import { InsightsList } from './insights.ts';

/**
 * Names one finding's products: a finding id ("missing:field:brand", "duplicates"), optionally one group
 * of it after a `#` ("duplicates#3": the products of cluster 3). The search filter `health` takes it.
 */
export const FindingRef = z.string().min(1).max(600);
export type FindingRef = z.infer<typeof FindingRef>;

/** How full one field or attribute is: products lacking it, and products with a placeholder ("n/a"). */
export const FieldCoverage = z.object({
  field: z.string(),
  source: z.enum(['field', 'attribute', 'option']),
  /** Products that have the field (a non-placeholder value). */
  filled: z.number().int(),
  missing: z.number().int(),
  thin: z.number().int(),
  /** The finding of the missing products, and of the thin ones; null when there are none. */
  missingRef: FindingRef.nullable(),
  thinRef: FindingRef.nullable(),
});
export type FieldCoverage = z.infer<typeof FieldCoverage>;

/** The fields a health report shows of a product, side by side with others. */
export const HealthProduct = z.object({
  id: z.string(),
  name: z.string(),
  brand: z.string().nullable(),
  category: z.string().nullable(),
  price: z.number().nullable(),
  currency: z.string().nullable(),
  stock: z.number().nullable(),
  description: z.string().nullable(),
  attributes: z.record(z.string(), z.string()),
});
export type HealthProduct = z.infer<typeof HealthProduct>;

export const DuplicateCluster = z.object({
  ref: FindingRef,
  /** The lowest similarity of the pairs that joined it. */
  similarity: z.number(),
  products: z.array(HealthProduct),
  /** Fields whose value is not the same in every product of the cluster. */
  differing: z.array(z.string()),
});
export type DuplicateCluster = z.infer<typeof DuplicateCluster>;

export const TextGroup = z.object({ ref: FindingRef, text: z.string(), products: z.array(HealthProduct) });
export type TextGroup = z.infer<typeof TextGroup>;

export const PriceOutlier = z.object({
  product: HealthProduct,
  category: z.string(),
  /** The category's median price and how many priced products it has. */
  median: z.number(),
  peers: z.number().int(),
  /** The robust z-score of the price's logarithm (median and MAD of the category's log prices). */
  score: z.number(),
  direction: z.enum(['high', 'low']),
});
export type PriceOutlier = z.infer<typeof PriceOutlier>;

/** Spellings that are probably one value: "T-shirts" 120, "Tshirts" 4, "T-Shirts" 2. */
export const Inconsistency = z.object({
  ref: FindingRef,
  /** What the values are of: "category", "attribute name", "attribute Color", "option Size", "option name". */
  scope: z.string(),
  values: z.array(z.object({ value: z.string(), count: z.number().int() })),
});
export type Inconsistency = z.infer<typeof Inconsistency>;

/** A list the report holds at most `shown` items of, of `total`: the export has all of them. */
const section = <T extends z.ZodType>(item: T) =>
  z.object({ ref: FindingRef.nullable(), total: z.number().int(), items: z.array(item) });

export const HealthOptions = z.object({
  /** A description with fewer words than this is thin. */
  minWords: z.number().int().min(1).max(200).default(8),
  /** The cosine similarity from which two products' embeddings are near-duplicate candidates. */
  similarity: z.number().min(0.5).max(1).default(0.9),
});
export type HealthOptions = z.infer<typeof HealthOptions>;

export const HealthReport = z.object({
  /** The catalog state it describes: any import or indexing since makes it stale. */
  generation: z.string(),
  computedAt: z.string(),
  tookMs: z.number(),
  products: z.number().int(),
  options: HealthOptions,
  /** Per phase, in ms: where the pass spent its time. */
  timing: z.record(z.string(), z.number()),
  coverage: z.array(FieldCoverage),
  shortDescriptions: z.object({ ref: FindingRef.nullable(), total: z.number().int() }),
  identicalText: section(TextGroup),
  sameDescription: section(TextGroup),
  duplicates: section(DuplicateCluster).extend({
    /** Products without a vector yet, which the near-duplicate search could not compare. */
    notEmbedded: z.number().int(),
    dismissedPairs: z.number().int(),
  }),
  priceOutliers: section(PriceOutlier),
  nonPositivePrices: section(HealthProduct),
  inconsistencies: section(Inconsistency),
});
export type HealthReport = z.infer<typeof HealthReport>;

/** Two products a manager said are not duplicates of each other. */
export const ProductPair = z.tuple([z.string().max(500), z.string().max(500)]);

export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export const ExportFormat = z.enum(EXPORT_FORMATS);
export type ExportFormat = z.infer<typeof ExportFormat>;

/** Variants as one row each under their product's columns, or nested in one cell of the product's row. */
export const VariantLayout = z.enum(['rows', 'nested']);
export type VariantLayout = z.infer<typeof VariantLayout>;

export const ExportRequest = z.object({
  out: z.string().min(1).max(4096),
  query: z.string().max(1000).default(''),
  mode: SearchMode.default('hybrid'),
  filters: Filters.default({}),
  /** How many ranked hits a query exports (the search screen shows 500); a listing exports every product. */
  limit: z.number().int().min(1).max(1000).default(1000),
  variants: VariantLayout.default('rows'),
  /** An Insights list (its queries and their figures) instead of products; query and filters are then unused. */
  report: InsightsList.optional(),
});
export type ExportRequest = z.infer<typeof ExportRequest>;

export const ExportResult = z.object({
  out: z.string(),
  format: ExportFormat,
  /** Items written: products, or the queries of an Insights list. */
  products: z.number().int(),
  rows: z.number().int(),
  bytes: z.number().int(),
  tookMs: z.number(),
});
export type ExportResult = z.infer<typeof ExportResult>;

/** The format an export path names by its extension, or null for one it does not. */
export function exportFormatOf(file: string): ExportFormat | null {
  const m = /\.(csv|xlsx)$/i.exec(file);
  return m ? (m[1].toLowerCase() as ExportFormat) : null;
}
