import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import type { ModelManifest } from './manifest.ts';
import { createSession } from './onnx-session.ts';
import { splitRows, type TextModel } from './text-model.ts';
import { createUseTokenizer, type UseVocab } from './use-tokenizer.ts';

/**
 * USE-lite takes a sparse batch: `indices` [N,2] (row, position) and `values` [N] (piece ids). The
 * graph sizes its batch from the largest row index present, so a trailing row without pieces would be
 * dropped; rows arrive shortest first, and an all-empty batch gets a throwaway row appended.
 */
export async function loadUseModel(
  modelDir: string,
  manifest: ModelManifest,
  intraOpThreads: number,
): Promise<TextModel> {
  if (manifest.tokenizer.kind !== 'use-sentencepiece')
    throw new Error(`${manifest.name}: use-sparse needs a use-sentencepiece tokenizer`);
  const vocab = JSON.parse(await readFile(join(modelDir, manifest.tokenizer.vocab), 'utf8')) as UseVocab;
  const tokenizer = createUseTokenizer(vocab);
  const session = await createSession(join(modelDir, manifest.onnx), intraOpThreads);
  const [output] = session.outputNames;
  const { maxTokens, dimensions } = manifest;

  return {
    tokenize: (text) => tokenizer.encode(text).slice(0, maxTokens),
    async run(batch) {
      const rows = batch.every((ids) => ids.length === 0) ? [...batch, [vocab.length - 1]] : batch;
      const total = rows.reduce((n, ids) => n + ids.length, 0);
      const indices = new BigInt64Array(total * 2);
      const values = new BigInt64Array(total);
      let at = 0;
      rows.forEach((ids, row) => {
        ids.forEach((id, position) => {
          indices[2 * at] = BigInt(row);
          indices[2 * at + 1] = BigInt(position);
          values[at++] = BigInt(id);
        });
      });
      const result = await session.run({
        indices: new ort.Tensor('int64', indices, [total, 2]),
        values: new ort.Tensor('int64', values, [total]),
      });
      return splitRows(result[output].data as Float32Array, batch.length, dimensions);
    },
    release: () => session.release(),
  };
}
