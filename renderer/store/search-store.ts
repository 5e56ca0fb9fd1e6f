// The search screen's inputs and latest result. Results arrive out of order; only the newest request wins.
import { create } from 'zustand';
import type { Filters, SearchMode, SearchResult } from '../../shared/types.ts';
import { api } from '../api.ts';
import { useApp } from './app-store.ts';

type SearchState = {
  query: string;
  mode: SearchMode;
  filters: Filters;
  result: SearchResult | null;
  loading: boolean;
  setQuery(query: string): void;
  setMode(mode: SearchMode): void;
  setFilters(filters: Filters): void;
  reset(): void;
  run(catalogId: string): Promise<void>;
};

export const RESULT_LIMIT = 500;
let latest = 0;

export const useSearch = create<SearchState>()((set, get) => ({
  query: '',
  mode: 'hybrid',
  filters: {},
  result: null,
  loading: false,
  setQuery: (query) => set({ query }),
  setMode: (mode) => set({ mode }),
  setFilters: (filters) => set({ filters }),
  reset: () => set({ query: '', filters: {}, result: null }),
  async run(catalogId) {
    const ticket = ++latest;
    const { query, mode, filters } = get();
    set({ loading: true });
    try {
      const result = await api.search({ catalogId, query, mode, filters, limit: RESULT_LIMIT });
      if (ticket === latest) set({ result, loading: false });
    } catch (err) {
      if (ticket === latest) set({ loading: false });
      useApp.getState().report(err);
    }
  },
}));
