import { describe, expect, it } from 'vitest';
import { createModelProvider } from '../../../electron/engine/models.ts';

const texts = Array.from({ length: 40 }, (_, i) => `Leather wallet number ${i} with ${i % 7} card slots`);

describe('one embed call over many texts', () => {
  it('reports the texts done after each model run and stops between runs when aborted', async () => {
    const embedder = await createModelProvider().indexEmbedder();
    try {
      const seen: number[] = [];
      const vectors = await embedder.embed(texts, { onProgress: (n) => seen.push(n) });
      expect(vectors).toHaveLength(40);
      // Runs of 16 (the model's batch): 16, 32, then the last 8.
      expect(seen).toEqual([16, 32, 40]);

      const abort = new AbortController();
      const progress: number[] = [];
      const call = embedder.embed(texts, {
        signal: abort.signal,
        onProgress: (n) => {
          progress.push(n);
          abort.abort();
        },
      });
      await expect(call).rejects.toMatchObject({ name: 'AbortError' });
      expect(progress).toEqual([16]);
    } finally {
      await embedder.close();
    }
  });
});
