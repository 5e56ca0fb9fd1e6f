// A worker thread with its own ONNX session, for the parallel-sessions lever: it loads the model,
// embeds a first batch, says "ready", then embeds its share of the texts when told to, reports the
// milliseconds that took and exits.
import { parentPort, workerData } from 'node:worker_threads';
import { loadEmbedder } from '../../electron/engine/embed/index.ts';

export interface EmbedWorkerData {
  modelDir: string;
  texts: string[];
  batchSize: number;
  intraOpThreads: number;
}

const port = parentPort;
if (!port) throw new Error('embed-worker.ts runs as a worker thread');
const { modelDir, texts, batchSize, intraOpThreads } = workerData as EmbedWorkerData;
const embedder = await loadEmbedder(modelDir, { batchSize, intraOpThreads });
await embedder.embed(texts.slice(0, batchSize));
port.postMessage('ready');
port.once('message', () => {
  const started = performance.now();
  void embedder.embed(texts).then(async () => {
    port.postMessage(performance.now() - started);
    // Released here, so the worker exits by itself: terminating a worker that still holds a session
    // aborts the whole process (onnxruntime-node throws from its teardown).
    await embedder.close();
    port.close();
  });
});
