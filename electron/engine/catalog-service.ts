import fs from 'node:fs';
import path from 'node:path';
import type {
  ReembedResult,
  CatalogInfo,
  CatalogStats,
  ImportResult,
  IndexCheck,
  Product,
  SynonymGroup,
} from '../../shared/types.ts';
import type { CatalogManifest, ModelIdentity } from './catalog-handle.ts';
import { CatalogHandle, readManifest, sameModel } from './catalog-handle.ts';
import type { Embedder } from './embed/embedder.ts';
import { EngineError } from './errors.ts';
import type { ImportOptions } from './jobs/import-job.ts';
import { runImport } from './jobs/import-job.ts';
import { runIndex } from './jobs/index-job.ts';
import { buildStaged, swapStaged } from './jobs/reembed-job.ts';
import { readBinding } from './team/binding.ts';
import type { ProgressMeter } from './jobs/progress.ts';
import type { Db } from './store/database.ts';
import { getMeta, openDatabase, setMeta } from './store/database.ts';
import {
  embeddedCount,
  findProductById,
  productCount,
  productVariants,
  rowToProduct,
} from './store/products.ts';
import type { SearchRequest, SearchTuning } from './search/search-service.ts';
import { readSynonyms, SearchService, writeSynonyms } from './search/search-service.ts';
import type { SearchResult } from '../../shared/types.ts';
import { isRunningElsewhere } from './jobs/job-owner.ts';
import type { ExportRequest, ExportResult, HealthOptions, HealthReport } from '../../shared/health.ts';
import { runExport } from './export/run-export.ts';
import { runHealth } from './health/run-health.ts';
import { loadReport } from './health/report-store.ts';
import { dismissDuplicates } from './health/sections.ts';
import type { InsightsReport, SynonymSuggestions } from '../../shared/insights.ts';
import type { QueryCacheOptions } from './search/query-cache.ts';
import { memoEmbed, QueryCache } from './search/query-cache.ts';
import { QueryLog } from './insights/query-log.ts';
import { readInsights } from './insights/insights-report.ts';
import { suggestSynonyms } from './insights/synonym-suggestions.ts';
import type { PrefetchOutcome } from './insights/prefetch.ts';
import { prefetchPopular } from './insights/prefetch.ts';

/** Where embedders come from: one query embedder shared by every catalog, a fresh worker per job. */
export interface ModelProvider {
  identity: ModelIdentity;
  queryEmbedder(): Promise<Embedder>;
  indexEmbedder(): Promise<Embedder>;
  /** Frees the query embedder's session, if one was loaded (a model being removed). */
  release?(): Promise<void>;
}

/**
 * Products per indexing batch: one call to the embedder, which sorts it by token count into
 * model-sized runs (less padding than smaller calls: 12k texts, 1,606 texts/s in calls of 1,024
 * against 1,570 in calls of 64), one SQLite transaction (length-sorted batches touch rows across a
 * chunk's pages: a transaction per 64 wrote each page to the WAL again and again), and one ANN add
 * (USearch spreads a large batch over its threads far better: 20k vectors, 1.2 s in batches of
 * 1,024, 2.0 s in batches of 64). A cancel or a crash costs at most one batch, under a second.
 */
const INDEX_BATCH = 1024;
/** Searches the Stats view's latency chart shows. */
const RECENT_LATENCIES = 50;

interface JobRecord {
  id: string;
  kind: 'import' | 'index' | 'reembed';
  state: 'importing' | 'indexing' | 'reembedding' | 'done' | 'failed' | 'cancelled';
  file: string | null;
  options: string;
  owner_pid?: number | null;
}

/**
 * Everything that can be done to one catalog folder. The desktop engine holds one per open catalog;
 * the CLI opens one directly on `--catalog DIR`.
 */
export class CatalogService {
  readonly handle: CatalogHandle;
  /** Search through the result cache (exact, normalised and embedding layers). */
  readonly searcher: QueryCache;
  readonly queryLog: QueryLog;
  private models: ModelProvider;
  private readonly embedQuery = memoEmbed(async (text: string): Promise<Float32Array> => {
    const [v] = await (await this.models.queryEmbedder()).embed([text]);
    // Never compare vectors of two spaces: a query of another width cannot be asked of this index.
    if (v.length !== this.handle.ann.dimensions) {
      throw new EngineError(
        'internal',
        `${this.models.identity.name} gives ${v.length}-d vectors, the catalog's index holds ${this.handle.ann.dimensions}-d ones: re-embed the catalog with it first`,
      );
    }
    return v;
  });
  private readonly ranker: SearchService;

  private constructor(handle: CatalogHandle, models: ModelProvider) {
    this.handle = handle;
    this.models = models;
    this.ranker = new SearchService(handle, this.embedQuery);
    this.searcher = new QueryCache(handle, this.ranker, this.embedQuery);
    this.queryLog = new QueryLog(handle.writer, handle.reader);
  }

  /** The same ranking behind a result cache configured otherwise: the cache benchmark's on/off runs. */
  cachedSearcher(opts: QueryCacheOptions): QueryCache {
    return new QueryCache(this.handle, this.ranker, this.embedQuery, opts);
  }

  /** Search over this catalog ranked with other settings: the benchmark's lever sweeps. */
  tunedSearcher(tuning: SearchTuning): SearchService {
    return new SearchService(this.handle, this.embedQuery, tuning);
  }

  /** The in-process embedder for short texts (queries, sentences an answer is built from). */
  queryEmbedder(): Promise<Embedder> {
    return this.models.queryEmbedder();
  }

  static open(
    dir: string,
    models: ModelProvider,
    opts: { create?: boolean; name?: string } = {},
  ): CatalogService {
    return new CatalogService(CatalogHandle.open(dir, models.identity, opts), models);
  }

  get id(): string {
    return path.basename(this.handle.dir);
  }

  /**
   * Imports a file, then embeds what changed. The job is recorded before anything is written, so if
   * the process dies during the import, the next `index` re-runs it from the file.
   */
  async importFile(
    opts: ImportOptions & { index?: boolean; jobId: string },
    meter: ProgressMeter,
  ): Promise<ImportResult> {
    const started = performance.now();
    this.supersedeImports();
    this.recordJob({
      id: opts.jobId,
      kind: 'import',
      state: 'importing',
      file: opts.file,
      options: JSON.stringify(opts),
    });
    try {
      const outcome = await runImport(this.handle, opts, meter);
      this.saveRejected(opts.jobId, outcome.rejectedRows);
      this.setJobState(opts.jobId, 'indexing');
      const indexed =
        opts.index === false
          ? { embedded: 0, textsPerSec: 0, cancelled: false, timing: undefined }
          : await this.embed(meter, opts.signal);
      // Products the file no longer has left the index at the commit; an import that embedded nothing
      // (or was told not to) saved no index, so the file would keep their keys until the next open.
      if (this.handle.ann.unsaved) this.handle.checkpointIndex();
      const tookMs = Math.round(performance.now() - started);
      const result: ImportResult = {
        imported: outcome.imported,
        updated: outcome.updated,
        unchanged: outcome.unchanged,
        removed: outcome.removed,
        rejected: outcome.rejectedRows.length,
        embedded: indexed.embedded,
        rejectedRows: outcome.rejectedRows,
        removedIds: outcome.removedIds,
        detection: outcome.detection,
        variantChanges: outcome.variantChanges,
        tookMs,
        indexTiming: indexed.timing,
      };
      setMeta(
        this.handle.writer,
        'last_import',
        JSON.stringify({
          rowsPerSec: outcome.rowsPerSec,
          embedPerSec: indexed.textsPerSec,
          indexTiming: indexed.timing,
          tookMs,
          at: new Date().toISOString(),
        }),
      );
      this.finishJob(
        opts.jobId,
        indexed.cancelled ? 'cancelled' : opts.index === false ? 'indexing' : 'done',
        result,
      );
      meter.finish(indexed.cancelled ? 'cancelled' : 'done', indexed.embedded, indexed.embedded);
      return result;
    } catch (e) {
      this.finishJob(
        opts.jobId,
        e instanceof EngineError && e.code === 'cancelled' ? 'cancelled' : 'failed',
        null,
        e,
      );
      meter.finish(
        e instanceof EngineError && e.code === 'cancelled' ? 'cancelled' : 'failed',
        0,
        0,
        String((e as Error).message),
      );
      throw e;
    }
  }

  /** Finishes what an interrupted job left: re-runs an import that never committed, then embeds. */
  async index(jobId: string, meter: ProgressMeter, signal?: AbortSignal): Promise<ImportResult> {
    const interrupted = this.interruptedImports()[0];
    if (interrupted?.file) {
      this.setJobState(interrupted.id, 'failed');
      if (fs.existsSync(interrupted.file)) {
        const options = JSON.parse(interrupted.options) as ImportOptions;
        return this.importFile({ ...options, signal, jobId }, meter);
      }
    }
    const started = performance.now();
    this.recordJob({ id: jobId, kind: 'index', state: 'indexing', file: null, options: '{}' });
    const indexed = await this.embed(meter, signal);
    const result: ImportResult = {
      imported: 0,
      updated: 0,
      unchanged: 0,
      removed: 0,
      rejected: 0,
      embedded: indexed.embedded,
      rejectedRows: [],
      removedIds: [],
      tookMs: Math.round(performance.now() - started),
      indexTiming: indexed.timing,
    };
    this.finishJob(jobId, indexed.cancelled ? 'cancelled' : 'done', result);
    meter.finish(indexed.cancelled ? 'cancelled' : 'done', indexed.embedded, indexed.embedded);
    return result;
  }

  private async embed(meter: ProgressMeter, signal?: AbortSignal) {
    const embedder = await this.models.indexEmbedder();
    try {
      const outcome = await runIndex(this.handle, embedder, { batchSize: INDEX_BATCH, signal }, meter);
      if (!outcome.cancelled) setMeta(this.handle.writer, 'last_indexed_at', new Date().toISOString());
      this.searcher.clearCache();
      return outcome;
    } finally {
      await embedder.close();
    }
  }

  /**
   * A search through the result cache. `record`: a search a person made (the app, the CLI), kept in
   * the query log; the engine's own searches (answers, prefetch, benchmarks) are not.
   */
  async search(req: SearchRequest, opts: { record?: boolean } = {}): Promise<SearchResult> {
    const { result, layer } = await this.searcher.search(req);
    if (opts.record) {
      this.queryLog.record({ query: req.query, mode: req.mode, limit: req.limit, result, cache: layer });
    }
    return result;
  }

  insights(): InsightsReport {
    return readInsights(this.queryLog.readable(), this.queryLog.enabled);
  }

  clearQueryLog(): { cleared: number } {
    return { cleared: this.queryLog.clear() };
  }

  suggestSynonyms(query: string): Promise<SynonymSuggestions> {
    return suggestSynonyms(
      this.handle,
      async (texts) => (await this.models.queryEmbedder()).embed(texts),
      query,
    );
  }

  /** Warms the result cache and the pages of what the query log says is popular; see prefetch.ts. */
  prefetch(stop: () => boolean = () => false): Promise<PrefetchOutcome> {
    return prefetchPopular(
      { handle: this.handle, cachedSearch: async (req) => (await this.searcher.search(req)).result },
      stop,
    );
  }

  /** The model this catalog's vectors and queries use. */
  get model(): ModelIdentity {
    return this.models.identity;
  }

  /**
   * Moves the catalog to another model: every product is embedded into a staging file while searches
   * go on with the current vectors and model, then one swap (reembed-job.ts). A cancel or a crash
   * leaves the catalog as it was; running it again resumes from the staged vectors.
   */
  async reembed(
    provider: ModelProvider,
    jobId: string,
    meter: ProgressMeter,
    signal?: AbortSignal,
  ): Promise<ReembedResult> {
    const target = provider.identity;
    if (sameModel(target, this.handle.manifest.model)) {
      throw new EngineError('invalid-input', `the catalog already uses ${target.name}`);
    }
    const started = performance.now();
    this.recordJob({
      id: jobId,
      kind: 'reembed',
      state: 'reembedding',
      file: null,
      options: JSON.stringify({ model: target.name }),
    });
    try {
      const embedder = await provider.indexEmbedder();
      let outcome;
      try {
        outcome = await buildStaged(this.handle, embedder, target, { batchSize: INDEX_BATCH, signal }, meter);
      } finally {
        await embedder.close();
      }
      const result: ReembedResult = {
        model: target.name,
        embedded: outcome.embedded,
        resumed: outcome.resumed,
        swapped: false,
        textsPerSec: outcome.textsPerSec,
        tookMs: 0,
      };
      if (!outcome.cancelled) {
        meter.startPhase('saving');
        meter.update(outcome.embedded, outcome.embedded, true);
        swapStaged(this.handle, target);
        this.handle.adoptModel(target);
        this.models = provider;
        setMeta(this.handle.writer, 'last_indexed_at', new Date().toISOString());
        this.searcher.clearCache();
        this.embedQuery.forget();
        result.swapped = true;
      }
      result.tookMs = Math.round(performance.now() - started);
      this.setJobState(jobId, outcome.cancelled ? 'cancelled' : 'done');
      meter.finish(outcome.cancelled ? 'cancelled' : 'done', outcome.embedded, outcome.embedded);
      return result;
    } catch (e) {
      this.setJobState(jobId, 'failed');
      meter.finish('failed', 0, 0, (e as Error).message);
      throw e;
    }
  }

  /** The model of a re-embed a crash interrupted (its staged vectors are kept), or null. */
  interruptedReembed(): string | null {
    const job = this.handle.reader
      .prepare("SELECT state, options FROM jobs WHERE kind = 'reembed' ORDER BY started_at DESC LIMIT 1")
      .get() as { state: string; options: string } | undefined;
    return job?.state === 'reembedding' ? (JSON.parse(job.options) as { model: string }).model : null;
  }

  moreLikeThis(id: string, limit: number): Promise<SearchResult> {
    return this.ranker.moreLikeThis(id, limit);
  }

  /** The health pass; its report is kept until the catalog changes (`healthReport`). */
  async checkHealth(
    options: HealthOptions,
    meter: ProgressMeter,
    signal?: AbortSignal,
  ): Promise<HealthReport> {
    const report = await runHealth(this.handle, options, meter, signal);
    // Searches filtered by a finding read the members just replaced: no cached answer may survive them.
    this.handle.touch();
    return report;
  }

  /** The last health report, or null when there is none or the catalog changed since. */
  healthReport(): HealthReport | null {
    return loadReport(this.handle.reader);
  }

  dismissDuplicates(pairs: [string, string][]): HealthReport | null {
    const report = dismissDuplicates(this.handle, pairs);
    this.handle.touch();
    return report;
  }

  /** Writes the products a search (or a health finding) shows to a CSV or XLSX file. */
  exportProducts(req: ExportRequest, meter: ProgressMeter, signal?: AbortSignal): Promise<ExportResult> {
    return runExport(this, req, meter, signal);
  }

  getProduct(id: string): Product | null {
    const row = findProductById(this.handle.reader, id);
    return row ? rowToProduct(row, productVariants(this.handle.reader, row.rowid)) : null;
  }

  rejectedRows(): ImportResult['rejectedRows'] {
    const last = this.handle.reader
      .prepare(
        "SELECT id FROM jobs WHERE kind = 'import' AND state <> 'importing' ORDER BY started_at DESC LIMIT 1",
      )
      .get() as { id: string } | undefined;
    if (!last) return [];
    return this.handle.reader
      .prepare('SELECT file, row, field, reason FROM rejected_rows WHERE job_id = ? ORDER BY rowid')
      .all(last.id) as ImportResult['rejectedRows'];
  }

  getSynonyms(): SynonymGroup[] {
    return readSynonyms(this.handle);
  }

  setSynonyms(groups: SynonymGroup[]): SynonymGroup[] {
    const saved = writeSynonyms(this.handle, groups);
    this.useSynonyms(saved);
    return saved;
  }

  /** Synonyms already stored (a team sync wrote them with the rows) take effect for searches. */
  useSynonyms(saved: SynonymGroup[]): void {
    this.ranker.setSynonyms(saved);
    // A committed write: results cached under the old synonyms are of another generation.
    this.handle.touch();
  }

  info(): CatalogInfo {
    return describeCatalog(this.id, this.handle.manifest, this.handle.reader);
  }

  /**
   * A catalog's info read without opening it for work (no ANN index, no writer, no catch-up): listing
   * catalogs at start-up must not open every one of them. A catalog embedded by another model counts
   * as not embedded, as opening it will make it.
   */
  static peek(dir: string, models: ModelProvider): CatalogInfo {
    const manifest = readManifest(dir);
    const db = openDatabase(path.join(dir, 'catalog.sqlite'), { readonly: true });
    try {
      const info = describeCatalog(path.basename(dir), manifest, db);
      return sameModel(manifest.model, models.identity)
        ? info
        : { ...info, embedded: 0, model: models.identity.name };
    } finally {
      db.close();
    }
  }

  stats(): CatalogStats {
    const fileSize = (name: string) => {
      const f = path.join(this.handle.dir, name);
      return fs.existsSync(f) ? fs.statSync(f).size : 0;
    };
    const lastImport = getMeta(this.handle.reader, 'last_import');
    return {
      ...this.info(),
      dbBytes: fileSize('catalog.sqlite') + fileSize('catalog.sqlite-wal'),
      indexBytes: this.handle.ann.fileBytes(),
      dimensions: this.handle.manifest.model.dimensions,
      vectorIndex: this.handle.indexHealth(),
      lastImport: lastImport ? (JSON.parse(lastImport) as CatalogStats['lastImport']) : null,
      recentQueryMs: this.queryLog.recentLatencies(RECENT_LATENCIES),
    };
  }

  /** Compares every key of the vector index with SQLite in the background and repairs what differs. */
  verifyIndex(): Promise<IndexCheck | null> {
    return this.handle.verifyIndex();
  }

  private recordJob(job: JobRecord): void {
    this.handle.writer
      .prepare(
        'INSERT OR REPLACE INTO jobs (id, kind, state, file, options, started_at, owner_pid) VALUES (?, ?, ?, ?, ?, ?, ?)',
      )
      .run(job.id, job.kind, job.state, job.file, job.options, new Date().toISOString(), process.pid);
  }

  /** An import that died earlier is superseded by this one: `index` must never replay its older file. */
  private supersedeImports(): void {
    for (const job of this.interruptedImports()) this.setJobState(job.id, 'failed');
  }

  /**
   * Imports that never finished and whose process is gone, newest first. Another process's import may
   * be running, between recording its job and taking the write lock or waiting for it: not interrupted.
   */
  private interruptedImports(): JobRecord[] {
    const unfinished = this.handle.writer
      .prepare("SELECT * FROM jobs WHERE state = 'importing' ORDER BY started_at DESC")
      .all() as JobRecord[];
    return unfinished.filter((job) => !isRunningElsewhere(job.owner_pid ?? null));
  }

  private setJobState(id: string, state: JobRecord['state']): void {
    this.handle.writer.prepare('UPDATE jobs SET state = ? WHERE id = ?').run(state, id);
  }

  private finishJob(
    id: string,
    state: JobRecord['state'],
    result: ImportResult | null,
    error?: unknown,
  ): void {
    this.handle.writer
      .prepare('UPDATE jobs SET state = ?, finished_at = ?, result = ?, error = ? WHERE id = ?')
      .run(
        state,
        new Date().toISOString(),
        result ? JSON.stringify({ ...result, rejectedRows: undefined, removedIds: undefined }) : null,
        error ? String((error as Error).message ?? error) : null,
        id,
      );
  }

  private saveRejected(jobId: string, rows: ImportResult['rejectedRows']): void {
    const insert = this.handle.writer.prepare(
      'INSERT INTO rejected_rows (job_id, file, row, field, reason) VALUES (?, ?, ?, ?, ?)',
    );
    this.handle.writer.transaction(() => {
      for (const r of rows) insert.run(jobId, r.file, r.row, r.field, r.reason);
    })();
  }

  close(): void {
    this.queryLog.close();
    this.handle.close();
  }
}

function describeCatalog(id: string, manifest: CatalogManifest, db: Db): CatalogInfo {
  return {
    id,
    name: manifest.name,
    products: productCount(db),
    embedded: embeddedCount(db),
    model: manifest.model.name,
    createdAt: manifest.createdAt,
    lastIndexedAt: getMeta(db, 'last_indexed_at'),
    team: readBinding(db),
  };
}
