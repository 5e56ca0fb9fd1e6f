/** A tokenizer and an ONNX session working as a pair; the embedder adds batching and normalisation. */
export interface TextModel {
  /** Token ids for one text, already cut to the model's maximum length. */
  tokenize(text: string): number[];
  /** One raw vector per token list, in the same order. */
  run(batch: number[][]): Promise<Float32Array[]>;
  release(): Promise<void>;
}

export function splitRows(data: Float32Array, rows: number, dimensions: number): Float32Array[] {
  // Copies, so each vector owns its buffer and can be transferred between threads.
  return Array.from({ length: rows }, (_, r) => data.slice(r * dimensions, (r + 1) * dimensions));
}
