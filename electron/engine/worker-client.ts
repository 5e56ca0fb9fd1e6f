// The main-process face of the engine worker: the same handlers and events as the engine itself, so
// ipc.ts cannot tell whether the engine runs here or in a thread.
import { Worker } from 'node:worker_threads';
import type { EngineHandlers, EngineMethodName, EventName, EventPayload } from '../../shared/api.ts';
import { EngineError } from './errors.ts';
import { engineMethodNames } from './worker-protocol.ts';
import type { EngineWorkerData, FromWorker, ToWorker } from './worker-protocol.ts';

export interface EngineWorker extends EngineHandlers {
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  close(): Promise<void>;
}

export interface EngineWorkerOptions extends EngineWorkerData {
  /** The worker script: electron/engine/worker.ts from source, or its bundle in dist/. */
  workerPath: string | URL;
}

type Pending = { resolve: (value: unknown) => void; reject: (err: Error) => void };

export function startEngineWorker(options: EngineWorkerOptions): EngineWorker {
  const { workerPath, ...data } = options;
  const worker = new Worker(workerPath, { workerData: data });
  const pending = new Map<number, Pending>();
  const listeners = new Map<EventName, Set<(payload: never) => void>>();
  let nextId = 1;
  let stopped: EngineError | null = null;
  let exited = false;

  function failAll(error: EngineError) {
    stopped ??= error;
    for (const { reject } of pending.values()) reject(error);
    pending.clear();
  }

  worker.on('message', (message: FromWorker) => {
    switch (message.type) {
      case 'reply': {
        const call = pending.get(message.id);
        pending.delete(message.id);
        if (message.ok) call?.resolve(message.value);
        else call?.reject(new EngineError(message.error.code, message.error.message));
        break;
      }
      case 'event':
        for (const listener of listeners.get(message.event) ?? []) listener(message.payload as never);
        break;
      case 'fatal':
        failAll(new EngineError('internal', `The engine could not start: ${message.error.message}`));
        break;
    }
  });
  worker.on('error', (err) => failAll(new EngineError('internal', `The engine stopped: ${err.message}`)));
  worker.on('exit', (code) => {
    exited = true;
    failAll(new EngineError('internal', `The engine stopped (exit code ${code})`));
  });

  function call(method: EngineMethodName, args: unknown): Promise<unknown> {
    if (stopped) return Promise.reject(stopped);
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      worker.postMessage({ type: 'call', id, method, args } satisfies ToWorker);
    });
  }

  const handlers = Object.fromEntries(
    engineMethodNames.map((method) => [method, (args: unknown) => call(method, args)]),
  ) as unknown as EngineHandlers;

  return {
    ...handlers,
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener as (payload: never) => void);
      return () => void set.delete(listener as (payload: never) => void);
    },
    async close() {
      if (exited) return;
      // The engine closes its databases and saves its index before the thread ends.
      const gone = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
      worker.postMessage({ type: 'close' } satisfies ToWorker);
      await gone;
    },
  };
}
