// Team catalogs in the renderer: each one's live status (server, generation, last sync, offline since)
// as the engine reports it, and the calls of the share and open dialogs.
import { create } from 'zustand';
import type { CatalogInfo, TeamPublishResult, TeamStatus, TeamStatusEvent } from '../../shared/types.ts';
import { api } from '../api.ts';
import { readApiError } from '../api-error.ts';
import { useApp } from './app-store.ts';

export type Outcome<T> = { ok: true; value: T } | { ok: false; message: string };

type TeamState = {
  statuses: Record<string, TeamStatus>;
  syncing: Record<string, boolean>;
  statusChanged(event: TeamStatusEvent): void;
  /** Starts live updates for every team catalog not yet connected. */
  connect(catalogs: CatalogInfo[]): void;
  sync(catalogId: string): Promise<void>;
  publish(args: {
    catalogId: string;
    server: string;
    name: string;
    password?: string;
    force: boolean;
  }): Promise<Outcome<TeamPublishResult>>;
  open(args: { server: string; name: string; password?: string }): Promise<Outcome<CatalogInfo>>;
};

const connected = new Set<string>();

const failure = (err: unknown) => ({ ok: false as const, message: readApiError(err).message });

export const useTeam = create<TeamState>()((set, get) => ({
  statuses: {},
  syncing: {},
  statusChanged({ catalogId, status }) {
    const before = get().statuses[catalogId];
    set({ statuses: { ...get().statuses, [catalogId]: status } });
    if (before?.generation !== status.generation) void useApp.getState().refreshCatalogs();
  },
  connect(catalogs) {
    for (const c of catalogs) {
      if (!c.team || connected.has(c.id)) continue;
      connected.add(c.id);
      api
        .teamConnect({ catalogId: c.id })
        .then((status) => {
          if (status) set({ statuses: { ...get().statuses, [c.id]: status } });
        })
        .catch(() => connected.delete(c.id));
    }
  },
  async sync(catalogId) {
    set({ syncing: { ...get().syncing, [catalogId]: true } });
    try {
      await api.teamSync({ catalogId });
    } catch (err) {
      useApp.getState().report(err);
    } finally {
      set({ syncing: { ...get().syncing, [catalogId]: false } });
      void useApp.getState().refreshCatalogs();
    }
  },
  async publish(args) {
    try {
      const value = await api.teamPublish(args);
      void useApp.getState().refreshCatalogs();
      return { ok: true, value };
    } catch (err) {
      return failure(err);
    }
  },
  async open(args) {
    try {
      const { catalog } = await api.teamOpen(args);
      await useApp.getState().refreshCatalogs();
      useApp.getState().openCatalog(catalog.id);
      get().connect([catalog]);
      return { ok: true, value: catalog };
    } catch (err) {
      return failure(err);
    }
  },
}));

/** What the sidebar shows for a catalog: its live status when the engine sent one, else what was stored. */
export function teamOf(catalog: CatalogInfo, status: TeamStatus | undefined): TeamStatus | null {
  return status ?? (catalog.team ? { ...catalog.team, live: false } : null);
}
