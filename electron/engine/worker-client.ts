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

/**
 * A thread that dies without being asked (a native crash, an uncaught error) is replaced, so the app
 * keeps working: the calls in flight fail with the reason, the next ones reach the new thread, and an
 * interrupted job goes on in the new thread as after a restart. More deaths than this within a minute mean the
 * engine cannot run here; calls then fail with the reason instead of restarting it forever.
 */
const MAX_RESTARTS_PER_MINUTE = 3;

export function startEngineWorker(options: EngineWorkerOptions): EngineWorker {
  const { workerPath, ...data } = options;
  const pending = new Map<number, Pending>();
  const listeners = new Map<EventName, Set<(payload: never) => void>>();
  /** When the thread was last replaced, within the past minute. */
  let restarts: number[] = [];
  /**
   * Jobs that reported progress (the engine announces each one as it starts) and have not finished: a
   * dying thread cannot finish them itself.
   */
  const running = new Map<string, string>();
  /** Jobs this client started again after a thread died. */
  const resumedJobs = new Set<string>();
  let nextId = 1;
  let stopped: EngineError | null = null;
  let closing = false;
  let exited = false;
  let worker = spawn();

  function rejectPending(error: EngineError) {
    for (const { reject } of pending.values()) reject(error);
    pending.clear();
  }

  function spawn(): Worker {
    const thread = new Worker(workerPath, { workerData: data });
    let crash: string | null = null;
    thread.on('message', (message: FromWorker) => {
      switch (message.type) {
        case 'reply': {
          const call = pending.get(message.id);
          pending.delete(message.id);
          if (message.ok) call?.resolve(message.value);
          else call?.reject(new EngineError(message.error.code, message.error.message));
          break;
        }
        case 'event':
          emit(message.event, message.payload as never);
          break;
        case 'fatal':
          // It could not start (no model, unreadable data folder): a new thread would fail the same way.
          stopped ??= new EngineError('internal', `The engine could not start: ${message.error.message}`);
          rejectPending(stopped);
          break;
      }
    });
    thread.on('error', (err) => (crash = err.message));
    thread.on('exit', (code) => {
      const error = new EngineError('internal', `The engine stopped: ${crash ?? `exit code ${code}`}`);
      rejectPending(error);
      // A job that died once already after being taken up again is not retried: it may be what kills it.
      const interrupted = [...running].filter(([jobId]) => !resumedJobs.has(jobId));
      if (!closing) finishRunningJobs(error.message);
      const now = Date.now();
      restarts = restarts.filter((t) => now - t < 60_000);
      if (closing || stopped || restarts.length >= MAX_RESTARTS_PER_MINUTE) {
        stopped ??= error;
        exited = true;
        return;
      }
      restarts.push(now);
      worker = spawn();
      void resume(interrupted.map(([, catalogId]) => catalogId)).then((resumed) =>
        emit('engineRestarted', { reason: error.message, resumed }),
      );
    });
    return thread;
  }

  function emit<E extends EventName>(event: E, payload: EventPayload<E>) {
    if (event === 'jobProgress') {
      const progress = payload as EventPayload<'jobProgress'>;
      running.set(progress.jobId, progress.catalogId);
    } else if (event === 'jobFinished') {
      running.delete((payload as EventPayload<'jobFinished'>).jobId);
    }
    for (const listener of listeners.get(event) ?? []) listener(payload as never);
  }

  /**
   * Takes up the interrupted jobs in the new thread: `startIndex` re-runs an import that never
   * committed and embeds what is left, as after a restart of the app.
   */
  async function resume(catalogIds: string[]): Promise<string[]> {
    const resumed: string[] = [];
    for (const catalogId of new Set(catalogIds)) {
      try {
        const { jobId } = (await call('startIndex', { catalogId })) as { jobId: string };
        resumedJobs.add(jobId);
        resumed.push(catalogId);
      } catch {
        // The catalog is gone or cannot be opened: its job stays ended, and the notice says it can be resumed.
      }
    }
    return resumed;
  }

  function finishRunningJobs(reason: string) {
    for (const [jobId, catalogId] of [...running]) {
      // What the job committed stays; the catalog shows what is left to index, as after a restart.
      emit('jobFinished', { jobId, catalogId, ok: false, error: `${reason}. What was stored is kept.` });
    }
  }

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
      closing = true;
      if (exited) return;
      // The engine closes its databases and saves its index before the thread ends.
      const gone = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
      worker.postMessage({ type: 'close' } satisfies ToWorker);
      await gone;
    },
  };
}
