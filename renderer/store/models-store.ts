// Settings → Models: the installed models, and the one model job (an add or a download) at a time.
import { create } from 'zustand';
import type { JobProgress, ModelInfo, ModelJobFinished } from '../../shared/types.ts';
import { api } from '../api.ts';
import { readApiError } from '../api-error.ts';
import { useApp } from './app-store.ts';

type ModelsState = {
  models: ModelInfo[] | null;
  /** The running or last add/download; null before the first. */
  job: JobProgress | null;
  finished: ModelJobFinished | null;
  load(): Promise<void>;
  /** Starts adding from a path, URL or hub id; resolves to the engine's refusal, or null once started. */
  add(source: string, sha256?: string): Promise<string | null>;
  /** Opens the dialog for a folder or a .zip and adds what the user picks. */
  addPicked(kind: 'folder' | 'zip'): Promise<string | null>;
  remove(name: string): Promise<string | null>;
  cancel(): void;
};

let listening = false;

export const useModels = create<ModelsState>()((set, get) => {
  const listen = () => {
    if (listening) return;
    listening = true;
    api.on('modelJobProgress', (progress) => {
      if (get().job?.jobId === progress.jobId) set({ job: progress });
    });
    api.on('modelJobFinished', (finished) => {
      if (get().job?.jobId !== finished.jobId) return;
      set({ finished });
      void get().load();
    });
  };
  return {
    models: null,
    job: null,
    finished: null,
    async load() {
      listen();
      try {
        set({ models: await api.listModels({}) });
      } catch (err) {
        useApp.getState().report(err);
      }
    },
    async add(source, sha256) {
      listen();
      try {
        const { jobId } = await api.startAddModel({ source, ...(sha256 ? { sha256 } : {}) });
        set({
          finished: null,
          job: {
            jobId,
            catalogId: '',
            kind: 'model',
            phase: 'reading',
            done: 0,
            total: 0,
            ratePerSec: 0,
            etaSec: null,
          },
        });
        return null;
      } catch (err) {
        return readApiError(err).message;
      }
    },
    async addPicked(kind) {
      try {
        const picked = await api.pickModelSource({ kind });
        return picked ? await get().add(picked.path) : null;
      } catch (err) {
        return readApiError(err).message;
      }
    },
    async remove(name) {
      try {
        await api.removeModel({ name });
        await get().load();
        return null;
      } catch (err) {
        return readApiError(err).message;
      }
    },
    cancel() {
      const job = get().job;
      if (job) api.cancelJob({ jobId: job.jobId }).catch((err: unknown) => useApp.getState().report(err));
    },
  };
});
