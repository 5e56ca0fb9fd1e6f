// Builds `window.shelfscope` from the contract's method and event names, over whatever transport the
// host provides: Electron IPC in the preload, a Playwright binding in e2e. Neither can drift from the contract.
import { IPC_PREFIX, eventNames, methodNames } from '../shared/api.ts';
import type { Envelope, EventName, MethodName, ShelfscopeApi } from '../shared/api.ts';

export const methodChannel = (method: MethodName) => `${IPC_PREFIX}${method}`;
export const eventChannel = (event: EventName) => `${IPC_PREFIX}event:${event}`;
/** The preload tells main which file the user dropped, so the engine may read it (see file-grants.ts). */
export const GRANT_FILE_CHANNEL = `${IPC_PREFIX}grant-dropped-file`;

/**
 * Only an error's message survives contextBridge, so the code travels inside it as "[code] message";
 * the renderer's api.ts reads it back.
 */
const encodeApiError = (code: string, message: string) => `[${code}] ${message}`;

export interface BridgeTransport {
  invoke(method: MethodName, payload: unknown): Promise<Envelope<unknown>>;
  subscribe(event: EventName, listener: (payload: unknown) => void): () => void;
  pathForFile(file: File): string;
}

export function createApiClient(transport: BridgeTransport): ShelfscopeApi {
  const api: Record<string, unknown> = {};
  for (const method of methodNames) {
    api[method] = async (payload: unknown) => {
      const envelope = await transport.invoke(method, payload ?? {});
      if (envelope.ok) return envelope.value;
      throw new Error(encodeApiError(envelope.error.code, envelope.error.message));
    };
  }
  api.on = (event: EventName, listener: (payload: unknown) => void) => {
    if (!eventNames.includes(event)) throw new Error(`Unknown event "${event}"`);
    return transport.subscribe(event, listener);
  };
  api.pathForFile = (file: File) => transport.pathForFile(file);
  return api as ShelfscopeApi;
}
