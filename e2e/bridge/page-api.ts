// Bundled into the page as an init script: installs `window.shelfscope` from the same createApiClient the
// preload uses, over a Playwright binding instead of Electron IPC.
import type { Envelope, MethodName } from '../../shared/api.ts';
import { createApiClient } from '../../electron/bridge.ts';

type PageGlobals = {
  shelfscope?: unknown;
  __shelfscopeInvoke(method: MethodName, payload: unknown): Promise<Envelope<unknown>>;
  __shelfscopeEmit?: (event: string, payload: unknown) => void;
  /** Registered fixture files by name: stands in for Electron's webUtils.getPathForFile. */
  __shelfscopeFiles?: Record<string, string>;
};

const page = globalThis as unknown as PageGlobals;
const listeners = new Map<string, Set<(payload: unknown) => void>>();

page.__shelfscopeEmit = (event, payload) => {
  for (const listener of listeners.get(event) ?? []) listener(payload);
};

page.shelfscope = createApiClient({
  invoke: (method, payload) => page.__shelfscopeInvoke(method, payload),
  subscribe(event, listener) {
    const set = listeners.get(event) ?? new Set();
    listeners.set(event, set);
    set.add(listener);
    return () => void set.delete(listener);
  },
  pathForFile: (file) => page.__shelfscopeFiles?.[file.name] ?? '',
});
