// Runs one embedder off the main thread; spoken to by worker-embedder.ts.
import { parentPort, workerData } from 'node:worker_threads';
import type { Embedder } from './embedder.ts';
import { loadEmbedder } from './load-embedder.ts';
import type { FromWorker, ToWorker, WorkerInit } from './worker-protocol.ts';

const port = parentPort!;
const send = (message: FromWorker, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);
const errorMessage = (e: unknown) => (e instanceof Error ? e.message : String(e));

const { modelDir, opts } = workerData as WorkerInit;
let embedder: Embedder;
try {
  embedder = await loadEmbedder(modelDir, opts);
  const { name, version, dimensions, maxTokens } = embedder;
  send({ type: 'ready', info: { name, version, dimensions, maxTokens } });
} catch (e) {
  send({ type: 'load-error', message: errorMessage(e) });
  process.exit(1);
}

port.on('message', async (message: ToWorker) => {
  if (message.type === 'close') {
    await embedder.close();
    send({ type: 'closed' });
    return;
  }
  try {
    const vectors = await embedder.embed(message.texts);
    send(
      { type: 'vectors', id: message.id, vectors },
      vectors.map((v) => v.buffer as ArrayBuffer),
    );
  } catch (e) {
    send({ type: 'embed-error', id: message.id, message: errorMessage(e) });
  }
});
