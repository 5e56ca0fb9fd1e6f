// Runs sandboxed before the page: exposes the contract as `window.shelfscope` and nothing else.
// Bundled to CommonJS, because a sandboxed preload can only require 'electron'.
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import type { Envelope } from '../shared/api.ts';
import { GRANT_FILE_CHANNEL, createApiClient, eventChannel, methodChannel } from './bridge.ts';

const api = createApiClient({
  invoke: (method, payload) =>
    ipcRenderer.invoke(methodChannel(method), payload) as Promise<Envelope<unknown>>,
  subscribe(event, listener) {
    const channel = eventChannel(event);
    const relay = (_event: Electron.IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(channel, relay);
    return () => void ipcRenderer.removeListener(channel, relay);
  },
  pathForFile(file) {
    // Only a file really dropped by the user has a path; granting it lets the engine read that file alone.
    const path = webUtils.getPathForFile(file);
    if (path) ipcRenderer.sendSync(GRANT_FILE_CHANNEL, path);
    return path;
  },
});

contextBridge.exposeInMainWorld('shelfscope', api);
