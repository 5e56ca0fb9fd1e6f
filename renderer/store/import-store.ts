// The import being prepared: which file, its preview, the mapping the user edits, and the target catalog.
import { create } from 'zustand';
import type { ColumnMapping, ImportPreview } from '../../shared/types.ts';
import { api } from '../api.ts';
import { catalogNameFromPath } from '../features/import/catalog-name.ts';
import { useApp } from './app-store.ts';

export const NEW_CATALOG = '__new__';

type ImportState = {
  path: string | null;
  preview: ImportPreview | null;
  mapping: ColumnMapping;
  target: string;
  newName: string;
  busy: boolean;
  open(path: string): Promise<void>;
  setMapping(mapping: ColumnMapping): void;
  setTarget(target: string): void;
  setNewName(name: string): void;
  clear(): void;
  start(): Promise<void>;
};

const empty = { path: null, preview: null, mapping: {}, busy: false };

export const useImport = create<ImportState>()((set, get) => ({
  ...empty,
  target: NEW_CATALOG,
  newName: '',
  async open(path) {
    const app = useApp.getState();
    app.setView('import');
    // Re-importing replaces a catalog's rows, so only an empty catalog is the default target.
    const current = app.catalogs.find((c) => c.id === app.catalogId);
    const target = current && current.products === 0 ? current.id : NEW_CATALOG;
    set({ ...empty, path, busy: true, target, newName: catalogNameFromPath(path) });
    try {
      const preview = await api.previewImport({ path });
      if (get().path === path) set({ preview, mapping: preview.mapping, busy: false });
    } catch (err) {
      if (get().path === path) set({ ...empty });
      app.report(err);
    }
  },
  setMapping: (mapping) => set({ mapping }),
  setTarget: (target) => set({ target }),
  setNewName: (newName) => set({ newName }),
  clear: () => set({ ...empty }),
  async start() {
    const { path, preview, mapping, target, newName } = get();
    if (!path || !preview) return;
    const app = useApp.getState();
    set({ busy: true });
    try {
      const catalogId =
        target === NEW_CATALOG
          ? (await api.createCatalog({ name: newName.trim() || catalogNameFromPath(path) })).id
          : target;
      const { jobId } = await api.startImport({ catalogId, path, format: preview.format, mapping });
      app.jobStarted({ jobId, catalogId, kind: 'import' });
      app.openCatalog(catalogId);
      app.setView('import');
      set({ ...empty });
      await app.refreshCatalogs();
    } catch (err) {
      set({ busy: false });
      app.report(err);
    }
  },
}));
