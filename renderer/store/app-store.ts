// App-wide state: catalogs, which one is open, which screen, the open product, job progress, errors.
import { create } from 'zustand';
import type { ApiError } from '../../shared/api.ts';
import type { CatalogInfo, EngineRestarted, JobFinished, JobProgress } from '../../shared/types.ts';
import { api } from '../api.ts';
import { readApiError } from '../api-error.ts';
import { restartNotice } from './engine-restart.ts';
import { onFinished, onProgress, onStarted } from './jobs.ts';
import type { JobsByCatalog } from './jobs.ts';

export type View = 'search' | 'ask' | 'synonyms' | 'insights' | 'import' | 'stats' | 'health';

type Banner = ApiError & { id: number };

type AppState = {
  catalogs: CatalogInfo[];
  catalogsLoaded: boolean;
  catalogId: string | null;
  view: View;
  productId: string | null;
  /** The variant the open product was found by (a search for its SKU), or null. */
  productVariant: string | null;
  jobs: JobsByCatalog;
  banners: Banner[];
  refreshCatalogs(): Promise<void>;
  openCatalog(id: string | null): void;
  setView(view: View): void;
  openProduct(id: string | null, variantId?: string | null): void;
  jobStarted(started: Pick<JobProgress, 'jobId' | 'catalogId' | 'kind'>): void;
  jobProgress(progress: JobProgress): void;
  jobFinished(finished: JobFinished): void;
  engineRestarted(restarted: EngineRestarted): void;
  report(err: unknown): void;
  dismiss(id: number): void;
};

let bannerId = 0;

export const useApp = create<AppState>()((set, get) => ({
  catalogs: [],
  catalogsLoaded: false,
  catalogId: null,
  view: 'search',
  productId: null,
  productVariant: null,
  jobs: {},
  banners: [],
  async refreshCatalogs() {
    try {
      const catalogs = await api.listCatalogs({});
      const { catalogId } = get();
      const stillThere = catalogId !== null && catalogs.some((c) => c.id === catalogId);
      set({ catalogs, catalogsLoaded: true, catalogId: stillThere ? catalogId : (catalogs[0]?.id ?? null) });
    } catch (err) {
      set({ catalogsLoaded: true });
      get().report(err);
    }
  },
  openCatalog(id) {
    set({ catalogId: id, productId: null, productVariant: null });
  },
  setView(view) {
    set({ view });
  },
  openProduct(id, variantId = null) {
    set({ productId: id, productVariant: variantId });
  },
  jobStarted(started) {
    set({ jobs: onStarted(get().jobs, started) });
  },
  jobProgress(progress) {
    const before = get().jobs[progress.catalogId]?.progress.phase;
    set({ jobs: onProgress(get().jobs, progress) });
    // Rows are in once reading ends: let the catalog list show them while embedding goes on.
    if (before !== progress.phase) void get().refreshCatalogs();
  },
  jobFinished(finished) {
    set({ jobs: onFinished(get().jobs, finished) });
    void get().refreshCatalogs();
  },
  engineRestarted({ reason, resumed }) {
    const names = resumed.map((id) => get().catalogs.find((c) => c.id === id)?.name ?? id);
    get().report(restartNotice(reason, names));
    void get().refreshCatalogs();
  },
  report(err) {
    const error = readApiError(err);
    // The same failure repeated (e.g. every keystroke) shows once.
    if (get().banners.some((b) => b.code === error.code && b.message === error.message)) return;
    set({ banners: [...get().banners, { ...error, id: ++bannerId }].slice(-3) });
  },
  dismiss(id) {
    set({ banners: get().banners.filter((b) => b.id !== id) });
  },
}));

export const selectCatalog = (state: AppState) =>
  state.catalogs.find((c) => c.id === state.catalogId) ?? null;
