import { Worker } from 'node:worker_threads';
import type { Embedder, EmbedderOptions } from './embedder.ts';
import type { FromWorker, ModelInfo, ToWorker, WorkerInit } from './worker-protocol.ts';

interface Pending {
  resolve(vectors: Float32Array[]): void;
  reject(error: Error): void;
}

/** Same as loadEmbedder, but the model runs in a worker thread so the caller's event loop stays free. */
export function createWorkerEmbedder(modelDir: string, opts: EmbedderOptions = {}): Promise<Embedder> {
  const init: WorkerInit = { modelDir, opts };
  const worker = new Worker(new URL('./embed-worker.ts', import.meta.url), { workerData: init });
  const pending = new Map<number, Pending>();
  let nextId = 0;
  let failure: Error | undefined;
  let onClosed: (() => void) | undefined;

  const failAll = (error: Error) => {
    failure ??= error;
    for (const p of pending.values()) p.reject(failure);
    pending.clear();
  };

  return new Promise<Embedder>((resolveLoad, rejectLoad) => {
    const makeEmbedder = (info: ModelInfo): Embedder => ({
      ...info,
      embed(texts) {
        if (failure) return Promise.reject(failure);
        if (!texts.length) return Promise.resolve([]);
        const id = nextId++;
        return new Promise<Float32Array[]>((resolve, reject) => {
          pending.set(id, { resolve, reject });
          worker.postMessage({ type: 'embed', id, texts } satisfies ToWorker);
        });
      },
      async close() {
        if (!failure) {
          const closed = new Promise<void>((resolve) => (onClosed = resolve));
          worker.postMessage({ type: 'close' } satisfies ToWorker);
          await closed;
        }
        failAll(new Error('Embedder is closed'));
        await worker.terminate();
      },
    });

    worker.on('message', (message: FromWorker) => {
      switch (message.type) {
        case 'ready':
          resolveLoad(makeEmbedder(message.info));
          break;
        case 'load-error':
          rejectLoad(new Error(message.message));
          break;
        case 'vectors':
          pending.get(message.id)?.resolve(message.vectors);
          pending.delete(message.id);
          break;
        case 'embed-error':
          pending.get(message.id)?.reject(new Error(message.message));
          pending.delete(message.id);
          break;
        case 'closed':
          onClosed?.();
          break;
      }
    });
    worker.on('error', (error) => {
      rejectLoad(error);
      failAll(error);
    });
    worker.on('exit', (code) => {
      const error = new Error(`Embedding worker exited with code ${code}`);
      rejectLoad(error);
      failAll(error);
      onClosed?.();
    });
  });
}
