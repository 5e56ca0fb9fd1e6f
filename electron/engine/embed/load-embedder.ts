import {
  DEFAULT_BATCH_SIZE,
  DEFAULT_INTRA_OP_THREADS,
  type Embedder,
  type EmbedderOptions,
} from './embedder.ts';
import { planBatches } from './batching.ts';
import { readModelManifest } from './manifest.ts';
import type { TextModel } from './text-model.ts';
import { loadUseModel } from './use-model.ts';
import { loadBertModel } from './bert-model.ts';
import { l2NormalizeInPlace } from './vectors.ts';

/** Loads the model described by `<modelDir>/manifest.json` into this thread. */
export async function loadEmbedder(modelDir: string, opts: EmbedderOptions = {}): Promise<Embedder> {
  const manifest = await readModelManifest(modelDir);
  const threads = opts.intraOpThreads ?? DEFAULT_INTRA_OP_THREADS;
  const batchSize = opts.batchSize ?? DEFAULT_BATCH_SIZE;
  const load = manifest.inputs === 'use-sparse' ? loadUseModel : loadBertModel;
  const model: TextModel = await load(modelDir, manifest, threads);

  return {
    name: manifest.name,
    version: manifest.version,
    dimensions: manifest.dimensions,
    maxTokens: manifest.maxTokens,
    async embed(texts, { onProgress, signal } = {}) {
      const tokens = texts.map((t) => model.tokenize(t));
      const vectors = new Array<Float32Array>(texts.length);
      let done = 0;
      for (const batch of planBatches(
        tokens.map((t) => t.length),
        batchSize,
      )) {
        signal?.throwIfAborted();
        const out = await model.run(batch.map((i) => tokens[i]));
        batch.forEach((index, k) => (vectors[index] = l2NormalizeInPlace(out[k])));
        done += batch.length;
        onProgress?.(done);
      }
      return vectors;
    },
    close: () => model.release(),
  };
}
