import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import type { EngineHandlers, EventName, EventPayload, MethodArgs } from '../../shared/api.ts';
import type { CatalogInfo, JobProgress, Settings } from '../../shared/types.ts';
import { answerQuestion } from './ask/answer.ts';
import type { ModelProvider } from './catalog-service.ts';
import { CatalogService } from './catalog-service.ts';
import { previewFile } from './catalog/preview.ts';
import { EngineError } from './errors.ts';
import { ProgressMeter } from './jobs/progress.ts';
import { createModelProvider } from './models.ts';
import { loadSettings, saveSettings } from './settings.ts';
import { createTeamDesk } from './team/team-desk.ts';

export interface Engine extends EngineHandlers {
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  close(): Promise<void>;
}

export interface EngineOptions {
  dataDir: string;
  modelsDir?: string;
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
  const models: ModelProvider = createModelProvider(opts.modelsDir);
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
    const service = CatalogService.open(catalogDir(id), models);
    open.set(id, service);
    verifyInBackground(id, service);
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
        (result) => emitter.emit('jobFinished', { jobId: id, catalogId, ok: true, result }),
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
        .map((id) => open.get(id)?.info() ?? CatalogService.peek(catalogDir(id), models))
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
      open.set(id, CatalogService.open(catalogDir(id), models, { create: true, name }));
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
      const job = jobs.get(jobId);
      if (!job) return { cancelled: false };
      job.abort.abort();
      return { cancelled: true };
    },
    async currentJob({ catalogId }) {
      catalog(catalogId);
      return jobOf(catalogId)?.progress ?? null;
    },
    async rejectedRows({ catalogId }) {
      return catalog(catalogId).rejectedRows();
    },
    async search({ catalogId, query, mode, limit, filters }: MethodArgs<'search'>) {
      return catalog(catalogId).search({ query, mode, limit, filters });
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
    async getSettings() {
      return settings;
    },
    async setSettings(patch) {
      // A key sent as undefined means "unchanged", not "erase": the contract's partial() lets it through.
      const given = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
      settings = saveSettings(opts.dataDir, { ...settings, ...given });
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
      await team.close();
      for (const job of jobs.values()) job.abort.abort();
      await Promise.allSettled([...jobs.values()].map((j) => j.done));
      for (const service of open.values()) service.close();
      open.clear();
    },
  };
}
