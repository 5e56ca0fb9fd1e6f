import type { RelevanceRow } from '../relevance.ts';
import type { PeerResult, QueryKind } from '../peers/types.ts';
import type { AnnFigures, AnnGraphLever, AnnLever } from '../stages/ann.ts';
import type { EmbeddingLever, RawThroughput } from '../stages/embedding.ts';
import type { ColdOpen, EndToEnd } from '../stages/end-to-end.ts';
import type { PipelineOverhead } from '../stages/overhead.ts';
import type { ParallelEmbeddingLever } from '../stages/parallel-embedding.ts';
import type { StageRuns } from '../stages/platform-import.ts';
import type { RelevanceLever } from '../stages/relevance-levers.ts';
import type { FashionRelevance } from '../stages/fashion-relevance.ts';
import type { FtsAlone } from '../stages/search-latency.ts';
import type { HealthCheckRun } from '../stages/health-check.ts';
import type { ShopifyImport } from '../stages/shopify-import.ts';
import type { TeamCatalogRun } from '../stages/team-catalog.ts';
import type { QueryCacheRun } from '../stages/query-cache.ts';
import type { XmlFeedImport } from '../stages/xml-feed-import.ts';
import type { MachineInfo } from './machine.ts';
import type { LatencyStats } from './timing.ts';

export interface SizeResult {
  label: string;
  products: number;
  csvBytes: number;
  endToEnd: EndToEnd;
  /** True when the catalog and its end-to-end figures came from an earlier run (--reuse). */
  endToEndReused?: boolean;
  coldOpen: ColdOpen;
  /** The bare model's fastest pass in the overhead measurement. */
  raw: RawThroughput;
  /** Index job passes between bare model passes on the same texts, inside the full-size catalog. */
  overhead: PipelineOverhead;
  search: Partial<Record<QueryKind, LatencyStats>>;
  /** The first FTS5 statement of every keyword search alone (every word, bm25, top 100). */
  ftsAllWords: FtsAlone;
  /** Embedding one query alone (the same in-process embedder search uses). */
  queryEmbed?: LatencyStats;
  ask: LatencyStats | { skipped: string };
  ann: AnnFigures;
  queries: number;
  peers: PeerResult[];
}

export interface BenchResults {
  generatedAt: string;
  quick: boolean;
  seed: number;
  machine: MachineInfo;
  commit: string;
  model: { name: string; version: string; dimensions: number };
  sizes: SizeResult[];
  embeddingLevers: EmbeddingLever[];
  /** Absent from results written before parallel sessions were measured. */
  parallelEmbedding?: ParallelEmbeddingLever[];
  annLevers: AnnLever[];
  /** Absent from results written before connectivity and ef_add were swept. */
  annGraphLevers?: { size: string; rows: AnnGraphLever[] };
  relevance:
    | {
        catalog: string;
        rows: RelevanceRow[];
        /** When, on what and at which commit (an `--only relevance` run keeps the header of an earlier one). */
        measured?: { at: string; commit: string; machine: MachineInfo };
      }
    | { skipped: string };
  /** Absent from results written before the relevance levers were measured. */
  relevanceLevers?: RelevanceLever[];
  /** The fashion catalogs' rule-judged queries. Absent from results written before they were measured. */
  fashionRelevance?: FashionRelevance[];
  /** A generated Shopify product CSV per size. Absent from results written before it was measured. */
  shopify?: StageRuns<ShopifyImport>;
  /** A generated Google Merchant XML feed at a quarter of its size and at its size. Absent likewise. */
  xmlFeed?: StageRuns<XmlFeedImport>;
  /** The health pass and the export of every product on a generated catalog. Absent likewise. */
  health?: StageRuns<HealthCheckRun>;
  /** Team catalogs on PostgreSQL: publish, fresh open, 1 % re-publish and sync. Absent likewise. */
  team?: StageRuns<TeamCatalogRun>;
  /** The result cache: hits, their latency, the first query after open, relevance on and off. Absent likewise. */
  cache?: StageRuns<QueryCacheRun>;
  tookSec: number;
}

/** The figures an `--only` run measured (platform exports, relevance), over an earlier run's results. */
export function withStages(
  base: BenchResults,
  fresh: Partial<
    Pick<
      BenchResults,
      | 'shopify'
      | 'xmlFeed'
      | 'relevance'
      | 'relevanceLevers'
      | 'fashionRelevance'
      | 'health'
      | 'team'
      | 'cache'
    >
  >,
): BenchResults {
  const measured = Object.entries(fresh).filter(
    ([, v]) => v !== undefined && !(Array.isArray(v) && !v.length),
  );
  return { ...base, ...Object.fromEntries(measured) };
}
