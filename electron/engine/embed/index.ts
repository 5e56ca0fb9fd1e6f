export {
  DEFAULT_BATCH_SIZE,
  DEFAULT_INTRA_OP_THREADS,
  type Embedder,
  type EmbedderOptions,
} from './embedder.ts';
export { loadEmbedder } from './load-embedder.ts';
export { ModelManifest, readModelManifest } from './manifest.ts';
export { defaultModelsDir } from './models-dir.ts';
