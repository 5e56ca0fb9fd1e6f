// Runs the engine inside a worker thread so indexing never blocks the process that serves windows.
// Calls arrive with ids and are answered out of order; engine events are pushed as they happen.
import { parentPort, workerData } from 'node:worker_threads';
import { eventNames } from '../../shared/api.ts';
import { toApiError } from './dispatch.ts';
import { createEngine } from './engine.ts';
import type { Engine } from './engine.ts';
import type { EngineWorkerData, FromWorker, ToWorker } from './worker-protocol.ts';

if (!parentPort) throw new Error('worker.ts must run inside a worker thread');
const port = parentPort;
const send = (message: FromWorker) => port.postMessage(message);

const ready: Promise<Engine> = createEngine(workerData as EngineWorkerData).then((engine) => {
  for (const event of eventNames) engine.on(event, (payload) => send({ type: 'event', event, payload }));
  return engine;
});
ready.catch((err: unknown) => send({ type: 'fatal', error: toApiError(err) }));

async function serve(message: ToWorker): Promise<void> {
  if (message.type === 'close') {
    await ready.then((engine) => engine.close()).catch(() => undefined);
    // Ends this thread only; anything the engine left running cannot keep it alive.
    process.exit(0);
  }
  const { id, method, args } = message;
  try {
    const engine = await ready;
    const handler = engine[method] as (input: unknown) => Promise<unknown>;
    send({ type: 'reply', id, ok: true, value: await handler.call(engine, args) });
  } catch (err) {
    send({ type: 'reply', id, ok: false, error: toApiError(err) });
  }
}

port.on('message', (message: ToWorker) => void serve(message));
