import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import type { EngineHandlers, EventName, EventPayload, MethodArgs } from '../../shared/api.ts';
import type { CatalogInfo, JobPhase, JobProgress, Settings } from '../../shared/types.ts';
import { answerQuestion } from './ask/answer.ts';
import type { ModelProvider } from './catalog-service.ts';
import { CatalogService } from './catalog-service.ts';
import { previewFile } from './catalog/preview.ts';
import { EngineError } from './errors.ts';
import { ProgressMeter } from './jobs/progress.ts';
import { openCatalog } from './catalog-models.ts';
import { readManifest } from './catalog-handle.ts';
import { defaultModelsDir } from './embed/models-dir.ts';
import { ModelRegistry } from './model-store/model-registry.ts';
import { loadSettings, saveSettings } from './settings.ts';
import { createTeamDesk } from './team/team-desk.ts';

export interface Engine extends EngineHandlers {
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  close(): Promise<void>;
}

export interface EngineOptions {
  dataDir: string;
  modelsDir?: string;
  /** Where model-hub ids are downloaded from (tests point it at a local server). */
  hubUrl?: string;
}

interface RunningJob {
  id: string;
  catalogId: string;
  abort: AbortController;
  progress: JobProgress;
  done: Promise<unknown>;
}

/**
 * The engine facade: catalogs under `<dataDir>/catalogs/<id>/`, one job at a time per catalog, progress
 * and completion as events. IPC, the e2e bridge and tests all call exactly these methods.
 */
export async function createEngine(opts: EngineOptions): Promise<Engine> {
  const catalogsDir = path.join(opts.dataDir, 'catalogs');
  fs.mkdirSync(catalogsDir, { recursive: true });
  const registry = new ModelRegistry({
    bundledDir: opts.modelsDir ?? defaultModelsDir(),
    dataDir: opts.dataDir,
    hubUrl: opts.hubUrl,
  });
  const models: ModelProvider = registry.defaultProvider();
  const modelJobs = new Map<string, { abort: AbortController; done: Promise<unknown> }>();
  const emitter = new EventEmitter();
  const open = new Map<string, CatalogService>();
  const jobs = new Map<string, RunningJob>();
  let settings: Settings = loadSettings(opts.dataDir);

  const catalogDir = (id: string) => path.join(catalogsDir, id);
  const catalog = (id: string): CatalogService => {
    const existing = open.get(id);
    if (existing) return existing;
    if (!fs.existsSync(path.join(catalogDir(id), 'manifest.json'))) {
      throw new EngineError('not-found', `no catalog "${id}"`);
    }
    const service = openCatalog(catalogDir(id), registry);
    service.queryLog.enabled = settings.queryLog !== false;
    open.set(id, service);
    resumeReembed(id, service);
    verifyInBackground(id, service);
    prefetchInBackground(id, service);
    return service;
  };
  const jobOf = (catalogId: string) => [...jobs.values()].find((j) => j.catalogId === catalogId);

  // Opening compared the counts of the vector index and SQLite; every key is compared once the catalog
  // is open, between other work. Products either check found marked embedded without a vector are
  // embedded again.
  const verifyInBackground = (id: string, service: CatalogService) => {
    service
      .verifyIndex()
      .then((check) => {
        const queued = (service.handle.openCheck?.reembed ?? 0) + (check?.reembed ?? 0);
        if (check && queued > 0 && open.get(id) === service && !jobOf(id)) {
          handlers.startIndex({ catalogId: id }).catch(() => undefined);
        }
      })
      // A failed comparison changes nothing it had not finished; the next open runs it again.
      .catch(() => undefined);
  };

  // What the query log says is popular is searched once, so its first search after opening is warm.
  // It stops when the catalog closes or changes; a failure costs only the warmth.
  const prefetchInBackground = (id: string, service: CatalogService) => {
    const generation = service.handle.version;
    service
      .prefetch(() => open.get(id) !== service || service.handle.version !== generation)
      .catch(() => undefined);
  };

  // A re-embed a crash interrupted carries on from its staged vectors once its catalog is opened again.
  const resumeReembed = (id: string, service: CatalogService) => {
    const model = service.interruptedReembed();
    if (model && registry.has(model) && !jobOf(id)) {
      handlers.startReembed({ catalogId: id, model }).catch(() => undefined);
    }
  };

  const startJob = (
    catalogId: string,
    kind: JobProgress['kind'],
    run: (
      service: CatalogService,
      jobId: string,
      meter: ProgressMeter,
      signal: AbortSignal,
    ) => Promise<unknown>,
  ) => {
    const service = catalog(catalogId);
    const running = jobOf(catalogId);
    if (running) {
      throw new EngineError(
        'busy',
        `catalog "${catalogId}" is busy with another job; wait for it or cancel it`,
      );
    }
    const id = randomUUID();
    const abort = new AbortController();
    const job: RunningJob = {
      id,
      catalogId,
      abort,
      progress: {
        jobId: id,
        catalogId,
        kind,
        phase: 'reading',
        done: 0,
        total: 0,
        ratePerSec: 0,
        etaSec: null,
      },
      done: Promise.resolve(),
    };
    const meter = new ProgressMeter({ jobId: id, catalogId, kind }, (p) => {
      job.progress = p;
      emitter.emit('jobProgress', p);
    });
    jobs.set(id, job);
    // Announced before any work and before the reply: whoever relays events (the worker client) knows
    // the job runs even if it dies before its first real progress.
    emitter.emit('jobProgress', job.progress);
    job.done = run(service, id, meter, abort.signal)
      // The catalog is free before anyone hears the job finished, so a listener can start the next one.
      .finally(() => jobs.delete(id))
      .then(
        (result) =>
          emitter.emit(
            'jobFinished',
            kind === 'reembed'
              ? { jobId: id, catalogId, ok: true, reembed: result }
              : { jobId: id, catalogId, ok: true, result },
          ),
        (e: unknown) =>
          emitter.emit('jobFinished', { jobId: id, catalogId, ok: false, error: (e as Error).message }),
      );
    return { jobId: id };
  };

  const info = (id: string): CatalogInfo => catalog(id).info();

  /** A job awaited to its end, for calls that answer with its result (team publish and sync). */
  const runJob = async <T>(
    catalogId: string,
    kind: JobProgress['kind'],
    run: (service: CatalogService, jobId: string, meter: ProgressMeter, signal: AbortSignal) => Promise<T>,
  ): Promise<T> => {
    type Outcome = { ok: true; value: T } | { ok: false; error: unknown };
    let outcome = {
      ok: false,
      error: new EngineError('internal', 'the job ended without a result'),
    } as Outcome;
    const { jobId } = startJob(catalogId, kind, async (...args) => {
      try {
        outcome = { ok: true, value: await run(...args) };
      } catch (error) {
        outcome = { ok: false, error };
        throw error;
      }
      // jobFinished carries import and index results only; this caller gets the job's own.
      return undefined;
    });
    await jobs.get(jobId)?.done;
    const ended = outcome as Outcome;
    if (!ended.ok) throw ended.error;
    return ended.value;
  };
  const team = createTeamDesk({
    catalog,
    createCatalog: (name) => handlers.createCatalog({ name }),
    runJob,
    emitStatus: (event) => emitter.emit('teamStatus', event),
  });

  const handlers: EngineHandlers = {
    async listCatalogs() {
      const ids = fs
        .readdirSync(catalogsDir)
        .filter((id) => fs.existsSync(path.join(catalogDir(id), 'manifest.json')));
      return ids
        .map(
          (id) =>
            open.get(id)?.info() ??
            CatalogService.peek(
              catalogDir(id),
              registry.providerFor(readManifest(catalogDir(id)).model) ?? models,
            ),
        )
        .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    },
    async createCatalog({ name }) {
      const slug =
        name
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, '-')
          .replace(/^-+|-+$/g, '')
          .slice(0, 40) || 'catalog';
      let id = slug;
      for (let n = 2; fs.existsSync(catalogDir(id)); n++) id = `${slug}-${n}`;
      const created = openCatalog(catalogDir(id), registry, { create: true, name });
      created.queryLog.enabled = settings.queryLog !== false;
      open.set(id, created);
      return info(id);
    },
    async renameCatalog({ catalogId, name }) {
      catalog(catalogId).handle.rename(name);
      return info(catalogId);
    },
    async deleteCatalog({ catalogId }) {
      const service = catalog(catalogId);
      await team.disconnect(catalogId);
      const job = jobOf(catalogId);
      if (job) {
        job.abort.abort();
        await job.done;
      }
      service.close();
      open.delete(catalogId);
      fs.rmSync(catalogDir(catalogId), { recursive: true, force: true });
      return { deleted: true };
    },
    async previewImport({ path: file, format, sheet }) {
      try {
        return await previewFile(file, { format, sheet });
      } catch (e) {
        throw new EngineError('bad-file', (e as Error).message);
      }
    },
    async startImport({ catalogId, path: file, format, sheet, mapping }) {
      return startJob(catalogId, 'import', (service, jobId, meter, signal) =>
        service.importFile({ file, format, sheet, mapping, signal, jobId }, meter),
      );
    },
    async startIndex({ catalogId }) {
      return startJob(catalogId, 'index', (service, jobId, meter, signal) =>
        service.index(jobId, meter, signal),
      );
    },
    async cancelJob({ jobId }) {
      const modelJob = modelJobs.get(jobId);
      if (modelJob) {
        modelJob.abort.abort();
        return { cancelled: true };
      }
      const job = jobs.get(jobId);
      if (!job) return { cancelled: false };
      job.abort.abort();
      return { cancelled: true };
    },
    async currentJob({ catalogId }) {
      catalog(catalogId);
      return jobOf(catalogId)?.progress ?? null;
    },
    async startHealth({ catalogId, options }) {
      // The report is fetched with healthReport: a job's result event carries import results only.
      return startJob(catalogId, 'health', (service, _jobId, meter, signal) =>
        service.checkHealth(options, meter, signal).then(() => undefined),
      );
    },
    async healthReport({ catalogId }) {
      return catalog(catalogId).healthReport();
    },
    async dismissDuplicates({ catalogId, pairs }) {
      return catalog(catalogId).dismissDuplicates(pairs);
    },
    async startExport({ catalogId, ...request }) {
      return startJob(catalogId, 'export', (service, _jobId, meter, signal) =>
        service.exportProducts(request, meter, signal).then(() => undefined),
      );
    },
    async rejectedRows({ catalogId }) {
      return catalog(catalogId).rejectedRows();
    },
    async search({ catalogId, query, mode, limit, filters }: MethodArgs<'search'>) {
      return catalog(catalogId).search({ query, mode, limit, filters }, { record: true });
    },
    async getProduct({ catalogId, id }) {
      return catalog(catalogId).getProduct(id);
    },
    async moreLikeThis({ catalogId, id, limit }) {
      return catalog(catalogId).moreLikeThis(id, limit);
    },
    async ask({ catalogId, question }) {
      return answerQuestion(catalog(catalogId), question, settings);
    },
    async stats({ catalogId }) {
      return catalog(catalogId).stats();
    },
    async getSynonyms({ catalogId }) {
      return catalog(catalogId).getSynonyms();
    },
    async setSynonyms({ catalogId, groups }) {
      return catalog(catalogId).setSynonyms(groups);
    },
    async insights({ catalogId }) {
      return catalog(catalogId).insights();
    },
    async clearQueryLog({ catalogId }) {
      return catalog(catalogId).clearQueryLog();
    },
    async suggestSynonyms({ catalogId, query }) {
      return catalog(catalogId).suggestSynonyms(query);
    },
    async listModels() {
      await Promise.all(registry.names().map((name) => registry.measureBuiltIn(name)));
      return registry.list();
    },
    async startAddModel({ source, name, sha256 }) {
      const jobId = randomUUID();
      const abort = new AbortController();
      const meter = new ProgressMeter({ jobId, catalogId: '', kind: 'model' }, (p) =>
        emitter.emit('modelJobProgress', p),
      );
      meter.update(0, 0, true);
      let phase: JobPhase = 'reading';
      const done = registry
        .add(source, {
          name,
          sha256,
          signal: abort.signal,
          onProgress(next, done, total) {
            if (next !== phase) meter.startPhase((phase = next));
            meter.update(done, total, done === total);
          },
        })
        .finally(() => modelJobs.delete(jobId))
        .then(
          (model) => {
            meter.finish('done', 1, 1);
            emitter.emit('modelJobFinished', { jobId, ok: true, model });
          },
          (e: unknown) => {
            meter.finish(abort.signal.aborted ? 'cancelled' : 'failed', 0, 0, (e as Error).message);
            emitter.emit('modelJobFinished', { jobId, ok: false, error: (e as Error).message });
          },
        );
      modelJobs.set(jobId, { abort, done });
      return { jobId };
    },
    async removeModel({ name }) {
      registry.remove(name);
      return { removed: true };
    },
    async startReembed({ catalogId, model }) {
      const provider = registry.provider(model);
      return startJob(catalogId, 'reembed', (service, jobId, meter, signal) =>
        service.reembed(provider, jobId, meter, signal),
      );
    },
    async getSettings() {
      return settings;
    },
    async setSettings(patch) {
      // A key sent as undefined means "unchanged", not "erase": the contract's partial() lets it through.
      const given = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
      settings = saveSettings(opts.dataDir, { ...settings, ...given });
      for (const service of open.values()) service.queryLog.enabled = settings.queryLog !== false;
      return settings;
    },
    teamPublish: (args) => team.publish(args),
    teamOpen: (args) => team.open(args),
    teamSync: (args) => team.sync(args),
    teamConnect: (args) => team.connect(args),
    async teamStatus({ catalogId }) {
      return team.status(catalogId);
    },
  };

  return {
    ...handlers,
    on(event, listener) {
      emitter.on(event, listener);
      return () => emitter.off(event, listener);
    },
    async close() {
      for (const job of modelJobs.values()) job.abort.abort();
      await Promise.allSettled([...modelJobs.values()].map((j) => j.done));
      await team.close();
      for (const job of jobs.values()) job.abort.abort();
      await Promise.allSettled([...jobs.values()].map((j) => j.done));
      for (const service of open.values()) service.close();
      open.clear();
    },
  };
}
