// The team operations on one catalog, as the engine facade and the CLI call them: publish, open (bind a
// fresh catalog and pull it in full), sync (pull what changed, then embed only what no usable vector
// came for) and the status a sidebar shows. Being unreachable is recorded as "offline since".
import type { TeamInfo } from '../../../shared/types.ts';
import type { CatalogService } from '../catalog-service.ts';
import { EngineError } from '../errors.ts';
import type { ProgressMeter } from '../jobs/progress.ts';
import { pendingEmbeddingCount, productCount } from '../store/products.ts';
import { readBinding, updateBinding, writeBinding } from './binding.ts';
import { withServer } from './connect.ts';
import type { PublishOutcome } from './publish.ts';
import { publishCatalog } from './publish.ts';
import type { PullOutcome } from './pull.ts';
import { pullCatalog, serverCatalog } from './pull.ts';
import { ServerUnreachable } from './server-errors.ts';
import { checkServerSchema } from './server-schema.ts';
import type { TeamServer } from './server-url.ts';
import { parseServerUrl } from './server-url.ts';

export interface SyncOutcome extends PullOutcome {
  /** Products embedded on this desk after the pull: those no vector of this desk's model came for. */
  embedded: number;
}

export interface TeamCallOptions {
  password?: string;
  signal?: AbortSignal;
  /** Fresh job ids for an embedding run after a pull. */
  jobId: string;
}

export async function publishToTeam(
  service: CatalogService,
  opts: TeamCallOptions & { server: string; name?: string; force?: boolean; keepGenerations?: number },
  meter: ProgressMeter,
): Promise<PublishOutcome> {
  const server = parseServerUrl(opts.server, opts.password);
  const name = (opts.name ?? readBinding(service.handle.reader)?.name ?? service.handle.manifest.name).trim();
  if (!name) throw new EngineError('invalid-input', 'a team catalog needs a name (--name NAME)');
  if (productCount(service.handle.reader) === 0) {
    throw new EngineError(
      'invalid-input',
      `${service.handle.dir} holds no products: import a file before publishing`,
    );
  }
  return recordingReachability(service, () =>
    publishCatalog(
      service.handle,
      { server, name, force: opts.force, keepGenerations: opts.keepGenerations, signal: opts.signal },
      meter,
    ),
  );
}

/** Checks the server and the team catalog before anything is created locally. */
export async function probeTeamCatalog(url: string, name: string, password?: string): Promise<TeamServer> {
  const server = parseServerUrl(url, password);
  await withServer(server, async (client) => {
    await checkServerSchema(client, server.database);
    await serverCatalog(client, server, name);
  });
  return server;
}

/** Binds an empty catalog to a team catalog and pulls it in full. */
export async function openTeamCatalog(
  service: CatalogService,
  opts: TeamCallOptions & { server: string; name: string },
  meter: ProgressMeter,
): Promise<SyncOutcome> {
  const server = await probeTeamCatalog(opts.server, opts.name, opts.password);
  const bound = readBinding(service.handle.reader);
  if (bound && (bound.server !== server.display || bound.name !== opts.name)) {
    throw new EngineError(
      'invalid-input',
      `${service.handle.dir} is already the team catalog "${bound.name}" of ${bound.server}`,
    );
  }
  if (!bound && productCount(service.handle.reader) > 0) {
    throw new EngineError(
      'invalid-input',
      `${service.handle.dir} already holds a local catalog; open the team catalog into a new folder`,
    );
  }
  if (!bound) {
    writeBinding(service.handle.writer, {
      server: server.display,
      name: opts.name,
      generation: 0,
      role: 'replica',
      lastSyncAt: null,
      offlineSince: null,
      lastError: null,
    });
  }
  return syncFromTeam(service, { ...opts, password: server.password }, meter);
}

export async function syncFromTeam(
  service: CatalogService,
  opts: TeamCallOptions,
  meter: ProgressMeter,
): Promise<SyncOutcome> {
  const binding = readBinding(service.handle.reader);
  if (!binding) {
    throw new EngineError(
      'invalid-input',
      `${service.handle.dir} is not a team catalog: publish it, or open one with team open`,
    );
  }
  const server = parseServerUrl(binding.server, opts.password);
  const pulled = await recordingReachability(service, () =>
    pullCatalog(service.handle, { server, signal: opts.signal }, meter),
  );
  if (pulled.synonyms) service.useSynonyms(pulled.synonyms);
  service.searcher.clearCache();
  let embedded = 0;
  if (pendingEmbeddingCount(service.handle.reader) > 0) {
    embedded = (await service.index(opts.jobId, meter, opts.signal)).embedded;
  } else {
    meter.finish(
      'done',
      pulled.inserted + pulled.updated + pulled.removed,
      pulled.inserted + pulled.updated + pulled.removed,
    );
  }
  return { ...pulled, embedded };
}

export function teamInfo(service: CatalogService): TeamInfo | null {
  return readBinding(service.handle.reader);
}

/** Records an unreachable server as "offline since" (kept from the first failure) and any contact as online. */
export async function recordingReachability<T>(service: CatalogService, run: () => Promise<T>): Promise<T> {
  try {
    const result = await run();
    updateBinding(service.handle.writer, { offlineSince: null, lastError: null });
    return result;
  } catch (e) {
    const binding = readBinding(service.handle.reader);
    if (binding) {
      updateBinding(service.handle.writer, {
        offlineSince:
          e instanceof ServerUnreachable
            ? (binding.offlineSince ?? new Date().toISOString())
            : binding.offlineSince,
        lastError: (e as Error).message,
      });
    }
    throw e;
  }
}
