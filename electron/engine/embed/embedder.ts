export interface Embedder {
  readonly name: string;
  readonly version: string;
  readonly dimensions: number;
  readonly maxTokens: number;
  /** One L2-normalised vector per text, in input order. */
  embed(texts: string[], opts?: EmbedCallOptions): Promise<Float32Array[]>;
  close(): Promise<void>;
}

export interface EmbedCallOptions {
  /** Hears how many texts are done after each model run, so a long call can drive a progress bar. */
  onProgress?: (done: number) => void;
  /** Checked between model runs: an abort rejects the call with the signal's reason. */
  signal?: AbortSignal;
}

export interface EmbedderOptions {
  /** ONNX Runtime intra-op threads per session. */
  intraOpThreads?: number;
  /** Texts per model run; a call to embed() is split into batches of this size. */
  batchSize?: number;
}

// Chosen from the throughput tables in models/README.md and BENCHMARKS.md (batch 16 led every row of the
// benchmark's sweep: 350 vs 304 texts/s at one thread).
export const DEFAULT_BATCH_SIZE = 16;
export const DEFAULT_INTRA_OP_THREADS = 1;
