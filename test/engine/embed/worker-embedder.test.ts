import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Embedder } from '../../../electron/engine/embed/embedder.ts';
import { loadEmbedder } from '../../../electron/engine/embed/load-embedder.ts';
import { createWorkerEmbedder } from '../../../electron/engine/embed/worker-embedder.ts';
import { productTexts, useLiteDir } from './use-lite-model.ts';

describe('worker embedder', () => {
  let inProcess: Embedder;
  let inWorker: Embedder;

  beforeAll(async () => {
    const dir = await useLiteDir();
    [inProcess, inWorker] = await Promise.all([loadEmbedder(dir), createWorkerEmbedder(dir)]);
  });
  afterAll(async () => {
    await inProcess.close();
    await inWorker.close();
  });

  it('returns the same vectors as the in-process embedder', async () => {
    const texts = await productTexts();
    const [expected, actual] = await Promise.all([inProcess.embed(texts), inWorker.embed(texts)]);
    expect(inWorker).toMatchObject({
      name: 'use-lite',
      version: inProcess.version,
      dimensions: 512,
      maxTokens: 128,
    });
    expect(actual.map((v) => Array.from(v))).toEqual(expected.map((v) => Array.from(v)));
    expect(actual[0]).toBeInstanceOf(Float32Array);
  });

  it('serves concurrent calls in order', async () => {
    const [a, b] = await Promise.all([
      inWorker.embed(['usb cable']),
      inWorker.embed(['laser printer', 'toner']),
    ]);
    const [c] = await inProcess.embed(['usb cable']);
    expect(a).toHaveLength(1);
    expect(b).toHaveLength(2);
    expect(Array.from(a[0])).toEqual(Array.from(c));
  });

  it('rejects when an embedding fails in the worker, and keeps working', async () => {
    await expect(inWorker.embed([42 as unknown as string])).rejects.toThrow();
    expect(await inWorker.embed(['still alive'])).toHaveLength(1);
  });

  it('rejects when the model cannot be loaded', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'shelfscope-embed-'));
    try {
      await expect(createWorkerEmbedder(empty)).rejects.toThrow(/manifest\.json/);
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });

  it('rejects calls after close', async () => {
    const embedder = await createWorkerEmbedder(await useLiteDir());
    await embedder.close();
    await expect(embedder.embed(['late'])).rejects.toThrow(/closed/);
  });
});
