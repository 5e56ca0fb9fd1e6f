// Runs sandboxed before the page: exposes the contract as `window.shelfscope` and nothing else.
// Bundled to CommonJS, because a sandboxed preload can only require 'electron'.
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import type { Envelope } from '../shared/api.ts';
import { createApiClient, eventChannel, methodChannel } from './bridge.ts';

const api = createApiClient({
  invoke: (method, payload) =>
    ipcRenderer.invoke(methodChannel(method), payload) as Promise<Envelope<unknown>>,
  subscribe(event, listener) {
    const channel = eventChannel(event);
    const relay = (_event: Electron.IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(channel, relay);
    return () => void ipcRenderer.removeListener(channel, relay);
  },
  pathForFile: (file) => webUtils.getPathForFile(file),
});

contextBridge.exposeInMainWorld('shelfscope', api);
