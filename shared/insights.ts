// The search-insights contract: what the query log shows (top, zero-result and slowest queries) and the
// synonyms offered for a query that found nothing. Kept apart from types.ts so the feature stays in files
// of its own.
import { z } from 'zod';
import { SearchMode } from './types.ts';

/** Which layer of the result cache answered a search, or `miss` when the search ran. */
export const CACHE_LAYERS = ['miss', 'exact', 'normalised', 'embedding'] as const;
export const CacheLayer = z.enum(CACHE_LAYERS);
export type CacheLayer = z.infer<typeof CacheLayer>;

/** One query as the log groups it: case, spacing and punctuation aside, the same words. */
export const QueryStat = z.object({
  /** The query as it was typed the last time. */
  query: z.string(),
  mode: SearchMode,
  count: z.number().int(),
  /** ISO time of the latest search of it. */
  lastAt: z.string(),
  /** Results of the latest search of it. */
  results: z.number().int(),
  /** Mean and slowest latency over its searches that ran (cache hits left out), null if all hit. */
  meanMs: z.number().nullable(),
  maxMs: z.number().nullable(),
  /** What the engine read the query as (typo corrections applied), null when it took it as typed. */
  correctedTo: z.string().nullable(),
});
export type QueryStat = z.infer<typeof QueryStat>;

export const InsightsReport = z.object({
  /** False when the setting turns the query log off: nothing is being recorded. */
  logging: z.boolean(),
  searches: z.number().int(),
  distinctQueries: z.number().int(),
  /** Share of searches that found nothing, 0..1. */
  zeroResultShare: z.number(),
  /** Share of searches answered from the result cache, 0..1, and by which layer. */
  cacheHitShare: z.number(),
  cacheHits: z.record(CacheLayer, z.number().int()),
  /** Latency over searches that ran, null before any did. */
  p50Ms: z.number().nullable(),
  p95Ms: z.number().nullable(),
  since: z.string().nullable(),
  top: z.array(QueryStat),
  /** Queries whose latest search still found nothing. */
  zeroResult: z.array(QueryStat),
  slowest: z.array(QueryStat),
});
export type InsightsReport = z.infer<typeof InsightsReport>;

/** The lists of the report, each exportable as the view shows it. */
export const InsightsList = z.enum(['top', 'zeroResult', 'slowest']);
export type InsightsList = z.infer<typeof InsightsList>;

export const TermSuggestion = z.object({
  term: z.string(),
  /** Spelling: edit distance to the query's word; embedding: cosine-weighted share, 0..1. */
  score: z.number(),
  /** The query word (spelling) or words (embedding) the term would be a synonym of. */
  for: z.string(),
});
export type TermSuggestion = z.infer<typeof TermSuggestion>;

/** Catalog terms to make a synonym of a query that found nothing. */
export const SynonymSuggestions = z.object({
  /** The query's words as the synonym group would hold them. */
  query: z.string(),
  bySpelling: z.array(TermSuggestion),
  byEmbedding: z.array(TermSuggestion),
});
export type SynonymSuggestions = z.infer<typeof SynonymSuggestions>;
