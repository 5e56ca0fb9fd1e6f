// The Health screen's report: loaded from the engine (kept there until the catalog changes), rebuilt by a job.
import { create } from 'zustand';
import type { HealthOptions, HealthReport } from '../../shared/health.ts';
import { api } from '../api.ts';
import { useApp } from './app-store.ts';

type HealthState = {
  catalogId: string | null;
  report: HealthReport | null;
  loading: boolean;
  load(catalogId: string): Promise<void>;
  start(catalogId: string, options?: Partial<HealthOptions>): Promise<void>;
  dismiss(catalogId: string, pairs: [string, string][]): Promise<void>;
};

export const useHealth = create<HealthState>()((set, get) => ({
  catalogId: null,
  report: null,
  loading: false,
  async load(catalogId) {
    if (get().catalogId !== catalogId) set({ catalogId, report: null });
    set({ loading: true });
    try {
      const report = await api.healthReport({ catalogId });
      if (get().catalogId === catalogId) set({ report, loading: false });
    } catch (err) {
      set({ loading: false });
      useApp.getState().report(err);
    }
  },
  async start(catalogId, options = {}) {
    try {
      const { jobId } = await api.startHealth({
        catalogId,
        options: { minWords: 8, similarity: 0.9, ...options },
      });
      useApp.getState().jobStarted({ jobId, catalogId, kind: 'health' });
    } catch (err) {
      useApp.getState().report(err);
    }
  },
  async dismiss(catalogId, pairs) {
    try {
      const report = await api.dismissDuplicates({ catalogId, pairs });
      if (get().catalogId === catalogId) set({ report });
    } catch (err) {
      useApp.getState().report(err);
    }
  },
}));
