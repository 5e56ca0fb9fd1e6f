// The engine's side of team catalogs: passwords held in memory for the session (the app's main process
// keeps them in the OS keychain and hands them over; nothing here writes or logs one), live updates per
// team catalog, and syncs run as catalog jobs (progress, cancel, one at a time) when a generation is
// published.
import type {
  CatalogInfo,
  JobProgress,
  TeamStatus,
  TeamStatusEvent,
  TeamSyncResult,
} from '../../../shared/types.ts';
import type { CatalogService } from '../catalog-service.ts';
import { EngineError } from '../errors.ts';
import type { ProgressMeter } from '../jobs/progress.ts';
import { readBinding, updateBinding } from './binding.ts';
import { LiveUpdates } from './live-updates.ts';
import { parseServerUrl } from './server-url.ts';
import type { SyncOutcome } from './team-service.ts';
import { openTeamCatalog, probeTeamCatalog, publishToTeam, syncFromTeam } from './team-service.ts';

type JobRun<T> = (
  service: CatalogService,
  jobId: string,
  meter: ProgressMeter,
  signal: AbortSignal,
) => Promise<T>;

export interface TeamDeskDeps {
  catalog(id: string): CatalogService;
  createCatalog(name: string): Promise<CatalogInfo>;
  runJob<T>(catalogId: string, kind: JobProgress['kind'], run: JobRun<T>): Promise<T>;
  emitStatus(event: TeamStatusEvent): void;
}

/** After a notification met a busy catalog (an import), the sync is tried again this much later. */
const BUSY_RETRY_MS = 5000;

export function createTeamDesk(deps: TeamDeskDeps) {
  const passwords = new Map<string, string>();
  const live = new Map<string, LiveUpdates>();
  let closed = false;

  const remember = (server: string, password: string | undefined) => {
    if (password !== undefined) passwords.set(parseServerUrl(server).display, password);
  };
  const passwordOf = (service: CatalogService) => {
    const binding = readBinding(service.handle.reader);
    return binding ? passwords.get(binding.server) : undefined;
  };
  const status = (catalogId: string): TeamStatus | null => {
    const binding = readBinding(deps.catalog(catalogId).handle.reader);
    return binding ? { ...binding, live: live.get(catalogId)?.connected ?? false } : null;
  };
  const announce = (catalogId: string) => {
    const current = status(catalogId);
    if (current) deps.emitStatus({ catalogId, status: current });
  };
  const sync = (catalogId: string): Promise<SyncOutcome> => {
    const service = deps.catalog(catalogId);
    return deps
      .runJob(catalogId, 'sync', (s, jobId, meter, signal) =>
        syncFromTeam(s, { password: passwordOf(service), signal, jobId }, meter),
      )
      .finally(() => announce(catalogId));
  };
  const syncWhenFree = (catalogId: string) => {
    sync(catalogId).catch((e: unknown) => {
      if (e instanceof EngineError && e.code === 'busy' && !closed) {
        setTimeout(() => syncWhenFree(catalogId), BUSY_RETRY_MS).unref?.();
      }
    });
  };
  const connect = (catalogId: string) => {
    const service = deps.catalog(catalogId);
    const binding = readBinding(service.handle.reader);
    if (!binding || live.has(catalogId) || closed) return;
    const updates = new LiveUpdates(parseServerUrl(binding.server, passwordOf(service)), binding.name, {
      onChange: (generation) => {
        const known = readBinding(service.handle.reader)?.generation ?? 0;
        if (generation === null || generation > known) syncWhenFree(catalogId);
      },
      onConnection: (connected, error) => {
        const now = readBinding(service.handle.reader);
        if (now) {
          updateBinding(
            service.handle.writer,
            connected
              ? { offlineSince: null, lastError: null }
              : { offlineSince: now.offlineSince ?? new Date().toISOString(), lastError: error },
          );
        }
        announce(catalogId);
      },
    });
    live.set(catalogId, updates);
    updates.start();
  };
  const disconnect = async (catalogId: string) => {
    const updates = live.get(catalogId);
    live.delete(catalogId);
    await updates?.stop();
  };

  return {
    status,
    disconnect,
    async publish(args: {
      catalogId: string;
      server: string;
      name?: string;
      password?: string;
      force: boolean;
    }) {
      remember(args.server, args.password);
      const result = await deps.runJob(args.catalogId, 'publish', (service, jobId, meter, signal) =>
        publishToTeam(
          service,
          {
            ...args,
            password: args.password ?? passwords.get(parseServerUrl(args.server).display),
            signal,
            jobId,
          },
          meter,
        ),
      );
      announce(args.catalogId);
      return result;
    },
    async open(args: { server: string; name: string; password?: string }) {
      remember(args.server, args.password);
      const password = args.password ?? passwords.get(parseServerUrl(args.server).display);
      // Checked before a catalog folder exists: a wrong password or name leaves nothing behind.
      await probeTeamCatalog(args.server, args.name, password);
      const created = await deps.createCatalog(args.name);
      const result = await deps.runJob(created.id, 'sync', (service, jobId, meter, signal) =>
        openTeamCatalog(service, { server: args.server, name: args.name, password, signal, jobId }, meter),
      );
      connect(created.id);
      return { catalog: deps.catalog(created.id).info(), sync: asSyncResult(result) };
    },
    async sync(args: { catalogId: string; password?: string }) {
      const binding = readBinding(deps.catalog(args.catalogId).handle.reader);
      if (binding) remember(binding.server, args.password);
      return asSyncResult(await sync(args.catalogId));
    },
    async connect(args: { catalogId: string; password?: string }) {
      const binding = readBinding(deps.catalog(args.catalogId).handle.reader);
      if (!binding) return null;
      remember(binding.server, args.password);
      connect(args.catalogId);
      return status(args.catalogId);
    },
    async close() {
      closed = true;
      await Promise.all([...live.keys()].map(disconnect));
    },
  };
}

/** What a sync answers over the contract: its counts (the synonyms it applied stay in the engine). */
function asSyncResult({ synonyms: _synonyms, ...counts }: SyncOutcome): TeamSyncResult {
  return counts;
}

export type TeamDesk = ReturnType<typeof createTeamDesk>;
