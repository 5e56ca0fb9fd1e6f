import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Embedder } from '../../../electron/engine/embed/embedder.ts';
import { loadEmbedder } from '../../../electron/engine/embed/load-embedder.ts';
import { productTexts, useLiteDir, useLiteInt8Dir } from './use-lite-model.ts';

const dot = (a: Float32Array, b: Float32Array) => a.reduce((s, x, i) => s + x * b[i], 0);

describe('USE-lite int8 model', () => {
  let float: Embedder;
  let int8: Embedder;
  let texts: string[];

  beforeAll(async () => {
    [float, int8] = await Promise.all([
      loadEmbedder(await useLiteDir(), { batchSize: 8 }),
      loadEmbedder(await useLiteInt8Dir(), { batchSize: 8 }),
    ]);
    texts = [
      'warm winter coat',
      'IEEE 802.11ac wireless router',
      'word '.repeat(300),
      ...(await productTexts()),
    ];
  });
  afterAll(() => Promise.all([float.close(), int8.close()]));

  it('describes itself as a model of its own, so its vectors are never mixed with the float ones', () => {
    expect(int8).toMatchObject({ name: 'use-lite-int8', dimensions: 512, maxTokens: 128 });
    expect(int8.version).not.toBe(float.version);
  });

  it('stays within a cosine of 0.99 of the float model on every product text (0.995 on average)', async () => {
    const [a, b] = await Promise.all([float.embed(texts), int8.embed(texts)]);
    const cosines = a.map((v, i) => dot(v, b[i]));
    for (const [i, c] of cosines.entries()) expect(c, texts[i]).toBeGreaterThan(0.99);
    expect(cosines.reduce((s, c) => s + c, 0) / cosines.length).toBeGreaterThan(0.995);
    b.forEach((v) => expect(Math.hypot(...v)).toBeCloseTo(1, 5));
  });

  it('scores paraphrases and unrelated products as the float model does', async () => {
    const triples = [
      ['warm winter coat', 'insulated parka', 'stainless steel frying pan'],
      ['wireless headphones', 'bluetooth earbuds', 'garden hose'],
      ['laptop', 'notebook computer', 'dog food'],
    ];
    for (const triple of triples) {
      const [fq, fNear, fFar] = await float.embed(triple);
      const [q, near, far] = await int8.embed(triple);
      // The float model's own order first: the int8 one is held to it, not to a guess.
      expect(dot(fq, fNear), triple[0]).toBeGreaterThan(dot(fq, fFar));
      expect(dot(q, near), triple[0]).toBeGreaterThan(dot(q, far));
      expect(Math.abs(dot(q, near) - dot(fq, fNear)), triple[0]).toBeLessThan(0.02);
      expect(Math.abs(dot(q, far) - dot(fq, fFar)), triple[0]).toBeLessThan(0.02);
    }
  });
});
