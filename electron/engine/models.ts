import fs from 'node:fs';
import path from 'node:path';
import type { ModelProvider } from './catalog-service.ts';
import type { Embedder } from './embed/embedder.ts';
import { loadEmbedder } from './embed/load-embedder.ts';
import { ModelManifest } from './embed/manifest.ts';
import { defaultModelsDir } from './embed/models-dir.ts';
import os from 'node:os';
import { createWorkerEmbedder } from './embed/worker-embedder.ts';
import { EngineError } from './errors.ts';

export const DEFAULT_MODEL = 'use-lite-int8';

/**
 * Indexing embeds in one worker thread with an intra-op thread per core (up to 4). Two single-threaded
 * workers measured no faster on 2 cores (the benchmark's side-by-side was inconclusive) and cost a
 * second copy of the model: ~150 MB more peak memory at 100k products.
 */
export const INDEX_THREADS = Math.max(1, Math.min(4, os.availableParallelism()));

/**
 * The model every catalog of this engine uses. Queries are embedded in-process (a few ms, no queue
 * behind a big indexing batch); indexing runs in its own worker thread so the engine keeps answering.
 */
export function createModelProvider(modelsDir = defaultModelsDir(), model = DEFAULT_MODEL): ModelProvider {
  const dir = path.join(modelsDir, model);
  const manifestFile = path.join(dir, 'manifest.json');
  if (!fs.existsSync(manifestFile)) {
    throw new EngineError(
      'internal',
      `model "${model}" not found in ${modelsDir} (run npm install to build it)`,
    );
  }
  const manifest = ModelManifest.parse(JSON.parse(fs.readFileSync(manifestFile, 'utf8')));
  if (!fs.existsSync(path.join(dir, manifest.onnx))) {
    throw new EngineError(
      'internal',
      `${path.join(dir, manifest.onnx)} is missing: run \`npm install\` (it converts the model)`,
    );
  }
  let query: Promise<Embedder> | null = null;
  return {
    identity: { name: manifest.name, version: manifest.version, dimensions: manifest.dimensions },
    queryEmbedder: () => (query ??= loadEmbedder(dir)),
    indexEmbedder: () => createWorkerEmbedder(dir, { intraOpThreads: INDEX_THREADS }),
  };
}
