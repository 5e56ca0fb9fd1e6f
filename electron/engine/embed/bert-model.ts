import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { createHfTokenizer } from './hf-tokenizer.ts';
import type { ModelManifest } from './manifest.ts';
import { createSession } from './onnx-session.ts';
import { splitRows, type TextModel } from './text-model.ts';

async function readJson(path: string): Promise<object> {
  return JSON.parse(await readFile(path, 'utf8')) as object;
}

/** Sums the rows of each text's valid tokens and divides by their count. */
function meanPool(hidden: Float32Array, batch: number[][], length: number, dims: number): Float32Array[] {
  return batch.map((ids, row) => {
    const out = new Float32Array(dims);
    for (let t = 0; t < ids.length; t++) {
      const base = (row * length + t) * dims;
      for (let d = 0; d < dims; d++) out[d] += hidden[base + d];
    }
    if (ids.length) for (let d = 0; d < dims; d++) out[d] /= ids.length;
    return out;
  });
}

function clsPool(hidden: Float32Array, rows: number, length: number, dims: number): Float32Array[] {
  return Array.from({ length: rows }, (_, row) =>
    hidden.slice(row * length * dims, (row * length + 1) * dims),
  );
}

/**
 * A sentence-transformers style export: dense `input_ids`, `attention_mask` and (if the graph asks)
 * `token_type_ids`, padded to the longest text of the batch; its first output is pooled here unless
 * the manifest says the model pools itself.
 */
export async function loadBertModel(
  modelDir: string,
  manifest: ModelManifest,
  intraOpThreads: number,
): Promise<TextModel> {
  const spec = manifest.tokenizer;
  if (spec.kind !== 'hf-tokenizer-json')
    throw new Error(`${manifest.name}: bert inputs need an hf-tokenizer-json tokenizer`);
  const config = spec.config ? await readJson(join(modelDir, spec.config)) : {};
  const tokenizer = createHfTokenizer(await readJson(join(modelDir, spec.file)), config, manifest.maxTokens);
  const session = await createSession(join(modelDir, manifest.onnx), intraOpThreads);
  const [output] = session.outputNames;
  const wantsTypeIds = session.inputNames.includes('token_type_ids');
  const { dimensions, pooling } = manifest;

  return {
    tokenize: (text) => tokenizer.encode(text),
    async run(batch) {
      const length = Math.max(1, ...batch.map((ids) => ids.length));
      const size = batch.length * length;
      const inputIds = new BigInt64Array(size).fill(BigInt(tokenizer.padId));
      const mask = new BigInt64Array(size);
      batch.forEach((ids, row) =>
        ids.forEach((id, t) => {
          inputIds[row * length + t] = BigInt(id);
          mask[row * length + t] = 1n;
        }),
      );
      const dims = [batch.length, length];
      const feeds: Record<string, ort.Tensor> = {
        input_ids: new ort.Tensor('int64', inputIds, dims),
        attention_mask: new ort.Tensor('int64', mask, dims),
      };
      if (wantsTypeIds) feeds.token_type_ids = new ort.Tensor('int64', new BigInt64Array(size), dims);
      const hidden = (await session.run(feeds))[output].data as Float32Array;
      if (pooling === 'mean') return meanPool(hidden, batch, length, dimensions);
      if (pooling === 'cls') return clsPool(hidden, batch.length, length, dimensions);
      return splitRows(hidden, batch.length, dimensions);
    },
    release: () => session.release(),
  };
}
