import fs from 'node:fs';
import path from 'node:path';
import type { ModelProvider } from './catalog-service.ts';
import type { Embedder } from './embed/embedder.ts';
import { loadEmbedder } from './embed/load-embedder.ts';
import { ModelManifest } from './embed/manifest.ts';
import { defaultModelsDir } from './embed/models-dir.ts';
import os from 'node:os';
import { EngineError } from './errors.ts';

export const DEFAULT_MODEL = 'use-lite-int8';

/**
 * Indexing embeds with an intra-op thread per core (up to 4), in the engine's own thread. A separate
 * embedding worker thread cost ~50 MB of peak memory (its own V8 isolate and module graph) and bought
 * no speed: ONNX Runtime already keeps every core busy during a run, and the commit between runs (ANN
 * add, SQLite) then gets the cores instead of competing with it. The engine still answers between
 * runs; one run of DEFAULT_BATCH_SIZE texts takes ~10 ms.
 */
export const INDEX_THREADS = Math.max(1, Math.min(4, os.availableParallelism()));

/**
 * The model every catalog of this engine uses, with two sessions: a single-threaded one for queries
 * (a few ms, never queued behind an indexing batch) and a multi-threaded one for indexing.
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
    indexEmbedder: () => loadEmbedder(dir, { intraOpThreads: INDEX_THREADS }),
    async release() {
      const loaded = query;
      query = null;
      if (loaded) await (await loaded).close();
    },
  };
}
