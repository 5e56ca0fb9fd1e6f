// Messages between the main process (worker-client.ts) and the engine worker (worker.ts).
import type { ApiError, EngineMethodName, EventName } from '../../shared/api.ts';
import { methodNames } from '../../shared/api.ts';

export interface EngineWorkerData {
  dataDir: string;
  modelsDir?: string;
}

export type ToWorker =
  { type: 'call'; id: number; method: EngineMethodName; args: unknown } | { type: 'close' };

export type FromWorker =
  | { type: 'reply'; id: number; ok: true; value: unknown }
  | { type: 'reply'; id: number; ok: false; error: ApiError }
  | { type: 'event'; event: EventName; payload: unknown }
  | { type: 'fatal'; error: ApiError };

/** Every method the engine serves; the dialogs need a window, so the host serves them. */
const HOST_METHODS: readonly string[] = ['pickFile', 'pickSaveFile', 'pickModelSource'];
export const engineMethodNames = methodNames.filter(
  (name): name is EngineMethodName => !HOST_METHODS.includes(name),
);
