// One ipcMain handler per contract method. Every call is checked for its sender, then validated and
// served by the shared dispatcher; engine events are relayed to the app's windows.
import { ipcMain } from 'electron';
import type { IpcMainEvent, IpcMainInvokeEvent, WebContents } from 'electron';
import { eventNames, methodNames } from '../shared/api.ts';
import type { Envelope, EventName, EventPayload } from '../shared/api.ts';
import { GRANT_FILE_CHANNEL, eventChannel, methodChannel } from './bridge.ts';
import type { Dispatcher } from './engine/dispatch.ts';
import type { FileGrants } from './file-grants.ts';
import { isAppUrl } from './window-security.ts';

function fromAppPage(event: IpcMainInvokeEvent | IpcMainEvent): boolean {
  const frame = event.senderFrame;
  // Only the top frame of an app page: never a subframe, and never a page the window was navigated to.
  return frame !== null && frame.parent === null && isAppUrl(frame.url);
}

export function registerIpcHandlers(dispatch: Dispatcher): () => void {
  for (const method of methodNames) {
    ipcMain.handle(
      methodChannel(method),
      (event, payload: unknown): Promise<Envelope<unknown>> | Envelope<unknown> => {
        if (!fromAppPage(event)) {
          return {
            ok: false,
            error: { code: 'invalid-input', message: 'Calls are accepted only from the app window' },
          };
        }
        return dispatch(method, payload);
      },
    );
  }
  return () => methodNames.forEach((method) => ipcMain.removeHandler(methodChannel(method)));
}

/** Files dropped on the app window, reported by the preload, become readable by the engine. */
export function registerFileGrants(grants: FileGrants): () => void {
  ipcMain.on(GRANT_FILE_CHANNEL, (event, file: unknown) => {
    if (fromAppPage(event) && typeof file === 'string') grants.grant(file);
    event.returnValue = null;
  });
  return () => ipcMain.removeAllListeners(GRANT_FILE_CHANNEL);
}

type EventSource = {
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
};

/** Pushes every engine event to the app's live windows; returns the unsubscribe. */
export function forwardEngineEvents(source: EventSource, targets: () => WebContents[]): () => void {
  const offs = eventNames.map((event) =>
    source.on(event, (payload) => {
      for (const contents of targets()) {
        if (!contents.isDestroyed() && isAppUrl(contents.getURL()))
          contents.send(eventChannel(event), payload);
      }
    }),
  );
  return () => offs.forEach((off) => off());
}
