// The one contract between the renderer and the engine. The preload bridge, the IPC handlers, the
// renderer client and the e2e bridge are all derived from these two tables; nothing else names a channel.
import { z } from 'zod';
import {
  Answer,
  CatalogId,
  CatalogInfo,
  CatalogStats,
  ColumnMapping,
  EngineRestarted,
  Filters,
  Format,
  ImportPreview,
  JobFinished,
  JobProgress,
  ModelInfo,
  ModelJobFinished,
  Product,
  RejectedRow,
  SearchMode,
  SearchResult,
  Settings,
  SynonymGroup,
  TeamPublishResult,
  TeamStatus,
  TeamStatusEvent,
  TeamSyncResult,
} from './types.ts';
import { ExportRequest, HealthOptions, HealthReport, ProductPair } from './health.ts';
import { InsightsReport, SynonymSuggestions } from './insights.ts';

const catalogRef = z.object({ catalogId: CatalogId });
const filePath = z.string().min(1).max(4096);
/** The longest search query: a longer text is a pasted document, not a query. */
export const MAX_QUERY_CHARS = 1000;
const query = z.string().max(MAX_QUERY_CHARS);
const teamServerUrl = z.string().trim().min(1).max(2000);
const teamName = z.string().trim().min(1).max(200);
const teamPassword = z.string().max(1000).optional();

function method<I extends z.ZodType, O extends z.ZodType>(input: I, output: O) {
  return { input, output };
}

export const methods = {
  listCatalogs: method(z.object({}), z.array(CatalogInfo)),
  createCatalog: method(z.object({ name: z.string().trim().min(1).max(200) }), CatalogInfo),
  renameCatalog: method(catalogRef.extend({ name: z.string().trim().min(1).max(200) }), CatalogInfo),
  deleteCatalog: method(catalogRef, z.object({ deleted: z.boolean() })),
  /** Opens the native file dialog; null when the user cancels. */
  pickFile: method(z.object({}), z.object({ path: filePath }).nullable()),
  previewImport: method(
    z.object({ path: filePath, format: Format.optional(), sheet: z.string().max(200).optional() }),
    ImportPreview,
  ),
  startImport: method(
    catalogRef.extend({
      path: filePath,
      format: Format.optional(),
      sheet: z.string().max(200).optional(),
      mapping: ColumnMapping.optional(),
    }),
    z.object({ jobId: z.string() }),
  ),
  startIndex: method(catalogRef, z.object({ jobId: z.string() })),
  cancelJob: method(z.object({ jobId: z.string().max(100) }), z.object({ cancelled: z.boolean() })),
  /** The running job of a catalog, or null; lets a reopened window pick progress up again. */
  currentJob: method(catalogRef, JobProgress.nullable()),
  rejectedRows: method(catalogRef, z.array(RejectedRow)),
  search: method(
    catalogRef.extend({
      query,
      mode: SearchMode.default('hybrid'),
      limit: z.number().int().min(1).max(1000).default(50),
      filters: Filters.default({}),
    }),
    SearchResult,
  ),
  getProduct: method(catalogRef.extend({ id: z.string().max(500) }), Product.nullable()),
  moreLikeThis: method(
    catalogRef.extend({ id: z.string().max(500), limit: z.number().int().min(1).max(100).default(12) }),
    SearchResult,
  ),
  ask: method(catalogRef.extend({ question: z.string().trim().min(1).max(1000) }), Answer),
  stats: method(catalogRef, CatalogStats),
  getSynonyms: method(catalogRef, z.array(SynonymGroup)),
  setSynonyms: method(catalogRef.extend({ groups: z.array(SynonymGroup).max(5000) }), z.array(SynonymGroup)),
  /** Runs the catalog health check as a job; `healthReport` then has its report. */
  startHealth: method(
    catalogRef.extend({ options: HealthOptions.default({ minWords: 8, similarity: 0.9 }) }),
    z.object({ jobId: z.string() }),
  ),
  /** The last health report, or null when none was made or the catalog changed since. */
  healthReport: method(catalogRef, HealthReport.nullable()),
  /** "Not duplicates": remembered by product id; the current report's clusters regrouped without them. */
  dismissDuplicates: method(
    catalogRef.extend({ pairs: z.array(ProductPair).min(1).max(10_000) }),
    HealthReport.nullable(),
  ),
  /** Opens the native save dialog for an export; null when the user cancels. */
  pickSaveFile: method(
    z.object({ defaultName: z.string().min(1).max(200) }),
    z.object({ path: filePath }).nullable(),
  ),
  /** Writes what a search or a health finding shows to CSV or XLSX, as a job with progress. */
  startExport: method(catalogRef.extend(ExportRequest.shape), z.object({ jobId: z.string() })),
  insights: method(catalogRef, InsightsReport),
  clearQueryLog: method(catalogRef, z.object({ cleared: z.number().int() })),
  suggestSynonyms: method(catalogRef.extend({ query }), SynonymSuggestions),
  getSettings: method(z.object({}), Settings),
  listModels: method(z.object({}), z.array(ModelInfo)),
  /** Adds a model from a folder or .zip on this machine, a URL of a .zip, or a model-hub id; a job. */
  startAddModel: method(
    z.object({
      source: z.string().trim().min(1).max(4096),
      name: z.string().max(64).optional(),
      sha256: z
        .string()
        .regex(/^[0-9a-fA-F]{64}$/, 'a sha256 is 64 hexadecimal digits')
        .optional(),
    }),
    z.object({ jobId: z.string() }),
  ),
  removeModel: method(z.object({ name: z.string().min(1).max(64) }), z.object({ removed: z.boolean() })),
  /** Re-embeds a catalog with another model: built aside, then swapped in; a job of the catalog. */
  startReembed: method(
    catalogRef.extend({ model: z.string().min(1).max(64) }),
    z.object({ jobId: z.string() }),
  ),
  /** Opens the native dialog for a model folder or a .zip of one; null when the user cancels. */
  pickModelSource: method(
    z.object({ kind: z.enum(['folder', 'zip']) }),
    z.object({ path: filePath }).nullable(),
  ),
  setSettings: method(Settings.partial(), Settings),
  // Team catalogs on PostgreSQL. The password is optional: the main process fills it from the OS
  // keychain (or the CLI's environment supplies it); the engine keeps it in memory only.
  teamPublish: method(
    catalogRef.extend({
      server: teamServerUrl,
      name: teamName.optional(),
      password: teamPassword,
      force: z.boolean().default(false),
    }),
    TeamPublishResult,
  ),
  teamOpen: method(
    z.object({ server: teamServerUrl, name: teamName, password: teamPassword }),
    z.object({ catalog: CatalogInfo, sync: TeamSyncResult }),
  ),
  teamSync: method(catalogRef.extend({ password: teamPassword }), TeamSyncResult),
  /** Starts live updates for a team catalog (and a catch-up sync); null for a catalog that is not one. */
  teamConnect: method(catalogRef.extend({ password: teamPassword }), TeamStatus.nullable()),
  teamStatus: method(catalogRef, TeamStatus.nullable()),
};

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type MethodInput<M extends MethodName> = z.input<Methods[M]['input']>;
export type MethodArgs<M extends MethodName> = z.output<Methods[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Methods[M]['output']>;

export const events = {
  jobProgress: JobProgress,
  jobFinished: JobFinished,
  engineRestarted: EngineRestarted,
  modelJobProgress: JobProgress,
  modelJobFinished: ModelJobFinished,
  teamStatus: TeamStatusEvent,
};
export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;

/** What the renderer sees as `window.shelfscope`. */
export type ShelfscopeApi = {
  [M in MethodName]: (input: MethodInput<M>) => Promise<MethodOutput<M>>;
} & {
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  /** The absolute path of a dropped file (Electron's webUtils.getPathForFile); not an IPC call. */
  pathForFile(file: File): string;
};

/** Errors cross the boundary as data, so the renderer can show them instead of a blank screen. */
export const ApiError = z.object({
  code: z.enum(['invalid-input', 'not-found', 'bad-file', 'busy', 'cancelled', 'internal']),
  message: z.string(),
});
export type ApiError = z.infer<typeof ApiError>;

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export const IPC_PREFIX = 'shelfscope:';
export const methodNames = Object.keys(methods) as MethodName[];
export const eventNames = Object.keys(events) as EventName[];

/** What the engine implements: every method but the ones only the main process can serve. */
export type EngineMethodName = Exclude<MethodName, 'pickFile' | 'pickSaveFile' | 'pickModelSource'>;
export type EngineHandlers = {
  [M in EngineMethodName]: (args: MethodArgs<M>) => Promise<MethodOutput<M>>;
};
