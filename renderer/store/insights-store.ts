// The Insights screen: the open catalog's query-log report, and the synonym being added for a query
// that found nothing.
import { create } from 'zustand';
import type { InsightsReport, SynonymSuggestions } from '../../shared/insights.ts';
import { api } from '../api.ts';
import { useApp } from './app-store.ts';
import { useSynonyms } from './synonyms-store.ts';

type InsightsState = {
  catalogId: string | null;
  report: InsightsReport | null;
  busy: boolean;
  /** The zero-result query a synonym is being added for, with the terms offered for it. */
  adding: { query: string; suggestions: SynonymSuggestions | null } | null;
  /** The group saved last, so the screen can confirm it. */
  added: string[] | null;
  load(catalogId: string): Promise<void>;
  clear(): Promise<void>;
  startAdding(query: string): Promise<void>;
  cancelAdding(): void;
  addSynonym(group: string[]): Promise<void>;
};

export const useInsights = create<InsightsState>()((set, get) => ({
  catalogId: null,
  report: null,
  busy: false,
  adding: null,
  added: null,
  async load(catalogId) {
    if (get().catalogId !== catalogId) set({ catalogId, report: null, adding: null, added: null });
    try {
      const report = await api.insights({ catalogId });
      if (get().catalogId === catalogId) set({ report });
    } catch (err) {
      useApp.getState().report(err);
    }
  },
  async clear() {
    const { catalogId } = get();
    if (!catalogId) return;
    set({ busy: true });
    try {
      await api.clearQueryLog({ catalogId });
      await get().load(catalogId);
    } catch (err) {
      useApp.getState().report(err);
    } finally {
      set({ busy: false });
    }
  },
  async startAdding(query) {
    const { catalogId } = get();
    if (!catalogId) return;
    set({ adding: { query, suggestions: null }, added: null });
    try {
      const suggestions = await api.suggestSynonyms({ catalogId, query });
      if (get().adding?.query === query) set({ adding: { query, suggestions } });
    } catch (err) {
      set({ adding: null });
      useApp.getState().report(err);
    }
  },
  cancelAdding: () => set({ adding: null }),
  async addSynonym(group) {
    const { catalogId } = get();
    if (!catalogId) return;
    set({ busy: true });
    try {
      const groups = await api.getSynonyms({ catalogId });
      await api.setSynonyms({ catalogId, groups: [...groups, group] });
      // The Synonyms screen re-reads the saved groups: its rows were drafted from the old ones.
      useSynonyms.setState({ catalogId: null, saved: null, rows: [] });
      set({ adding: null, added: group });
    } catch (err) {
      useApp.getState().report(err);
    } finally {
      set({ busy: false });
    }
  },
}));
