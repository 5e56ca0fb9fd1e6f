import { describe, expect, it } from 'vitest';
import { createEngine } from '../../electron/engine/engine.ts';
import type { JobFinished } from '../../shared/types.ts';
import { HERMES_CSV, tempDir } from './helpers.ts';

describe('engine jobs', () => {
  it('announces a job with a progress event before the call that started it returns', async () => {
    const engine = await createEngine({ dataDir: tempDir() });
    try {
      const { id } = await engine.createCatalog({ name: 'Hermes' });
      const seen: string[] = [];
      engine.on('jobProgress', (p) => seen.push(`progress ${p.jobId} ${p.phase}`));
      const finished = new Promise<JobFinished>((resolve) => engine.on('jobFinished', resolve));
      const { jobId } = await engine.startImport({ catalogId: id, path: HERMES_CSV });
      // A host relaying events (the worker client) must know the job even if it dies at once.
      expect(seen[0]).toBe(`progress ${jobId} reading`);
      expect(await finished).toMatchObject({ jobId, ok: true });
    } finally {
      await engine.close();
    }
  }, 120_000);
});
