// The synonym groups of the open catalog as saved, and the rows being edited; kept outside the screen so
// switching screens does not lose unsaved edits.
import { create } from 'zustand';
import type { SynonymGroup } from '../../shared/types.ts';
import { api } from '../api.ts';
import type { DraftRow } from '../features/synonyms/synonym-text.ts';
import { formatGroup, parseGroup } from '../features/synonyms/synonym-text.ts';
import { useApp } from './app-store.ts';

type SynonymsState = {
  catalogId: string | null;
  saved: SynonymGroup[] | null;
  rows: DraftRow[];
  busy: boolean;
  /** Set after a save until the next edit, so the screen can confirm it. */
  justSaved: boolean;
  load(catalogId: string): Promise<void>;
  edit(key: number, text: string): void;
  add(): number;
  remove(key: number): void;
  discard(): void;
  save(): Promise<void>;
};

let nextKey = 0;
const rowsOf = (groups: SynonymGroup[]): DraftRow[] =>
  groups.map((group) => ({ key: ++nextKey, text: formatGroup(group), error: null }));

const initial = { catalogId: null, saved: null, rows: [], busy: false, justSaved: false };

export const useSynonyms = create<SynonymsState>()((set, get) => ({
  ...initial,
  async load(catalogId) {
    if (get().catalogId === catalogId && get().saved) return;
    set({ ...initial, catalogId, busy: true });
    try {
      const saved = await api.getSynonyms({ catalogId });
      if (get().catalogId === catalogId) set({ saved, rows: rowsOf(saved), busy: false });
    } catch (err) {
      if (get().catalogId === catalogId) set({ busy: false });
      useApp.getState().report(err);
    }
  },
  edit(key, text) {
    set({
      rows: get().rows.map((row) => (row.key === key ? { ...row, text, error: null } : row)),
      justSaved: false,
    });
  },
  add() {
    const key = ++nextKey;
    set({ rows: [...get().rows, { key, text: '', error: null }], justSaved: false });
    return key;
  },
  remove(key) {
    set({ rows: get().rows.filter((row) => row.key !== key), justSaved: false });
  },
  discard() {
    set({ rows: rowsOf(get().saved ?? []), justSaved: false });
  },
  async save() {
    const { catalogId, rows } = get();
    if (!catalogId) return;
    // Rows left blank are dropped rather than refused: that is how a user removes a group by clearing it.
    const kept = rows.filter((row) => row.text.trim() !== '');
    const parsed = kept.map((row) => ({ row, parsed: parseGroup(row.text) }));
    if (parsed.some((p) => 'error' in p.parsed)) {
      set({
        rows: kept.map((row, i) => {
          const result = parsed[i].parsed;
          return 'error' in result ? { ...row, error: result.error } : row;
        }),
      });
      return;
    }
    const groups = parsed.map((p) => ('terms' in p.parsed ? p.parsed.terms : []));
    set({ busy: true });
    try {
      const saved = await api.setSynonyms({ catalogId, groups });
      if (get().catalogId === catalogId) set({ saved, rows: rowsOf(saved), busy: false, justSaved: true });
    } catch (err) {
      set({ busy: false });
      useApp.getState().report(err);
    }
  },
}));
