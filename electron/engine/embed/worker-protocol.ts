import type { EmbedderOptions } from './embedder.ts';

export interface WorkerInit {
  modelDir: string;
  opts: EmbedderOptions;
}

export interface ModelInfo {
  name: string;
  version: string;
  dimensions: number;
  maxTokens: number;
}

export type ToWorker = { type: 'embed'; id: number; texts: string[] } | { type: 'close' };

export type FromWorker =
  | { type: 'ready'; info: ModelInfo }
  | { type: 'load-error'; message: string }
  | { type: 'vectors'; id: number; vectors: Float32Array[] }
  | { type: 'embed-error'; id: number; message: string }
  | { type: 'closed' };
