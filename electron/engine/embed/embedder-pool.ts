import type { Embedder, EmbedderOptions } from './embedder.ts';
import { createWorkerEmbedder } from './worker-embedder.ts';

/**
 * Several worker embedders behind one Embedder: each call goes to the worker with the least work
 * queued. One single-threaded ONNX session per core measured faster than one session with two
 * intra-op threads (models/README.md), so indexing runs one worker per core.
 */
export async function createEmbedderPool(
  modelDir: string,
  size: number,
  opts: EmbedderOptions = {},
): Promise<Embedder> {
  const workers = await Promise.all(
    Array.from({ length: Math.max(1, size) }, () => createWorkerEmbedder(modelDir, opts)),
  );
  const queued = workers.map(() => 0);
  const [first] = workers;
  return {
    name: first.name,
    version: first.version,
    dimensions: first.dimensions,
    maxTokens: first.maxTokens,
    async embed(texts) {
      const i = queued.indexOf(Math.min(...queued));
      queued[i] += texts.length;
      try {
        return await workers[i].embed(texts);
      } finally {
        queued[i] -= texts.length;
      }
    },
    async close() {
      await Promise.all(workers.map((w) => w.close()));
    },
  };
}
