import { describe, expect, it } from 'vitest';
import { measureParallelEmbedding } from '../../../bench/stages/parallel-embedding.ts';

describe('measureParallelEmbedding', () => {
  it('embeds the same texts through one multi-threaded session and one session per core, in workers', async () => {
    const texts = Array.from({ length: 40 }, (_, i) => `Wireless headphones model ${i}, over-ear, black`);
    const rows = await measureParallelEmbedding(texts, 2);
    expect(rows.map((r) => [r.sessions, r.intraOpThreads, r.texts])).toEqual([
      [1, 2, 40],
      [2, 1, 40],
    ]);
    for (const r of rows) {
      expect(r.rounds).toHaveLength(3);
      expect(r.rounds.every((x) => x > 0)).toBe(true);
      expect(r.textsPerSec).toBe([...r.rounds].sort((a, b) => a - b)[1]);
      expect(r.addedRssMb).toBeGreaterThan(0);
    }
  }, 120_000);
});
