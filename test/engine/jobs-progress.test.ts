import { describe, expect, it } from 'vitest';
import { ProgressMeter } from '../../electron/engine/jobs/progress.ts';
import type { JobProgress } from '../../shared/types.ts';

describe('progress meter', () => {
  it('reports a sane rate and ETA, even for updates microseconds apart', async () => {
    const events: JobProgress[] = [];
    const meter = new ProgressMeter({ jobId: 'j', catalogId: 'c', kind: 'index' }, (p) => events.push(p));
    meter.startPhase('embedding');
    await new Promise((r) => setTimeout(r, 100));
    meter.update(100, 1000, true);
    meter.update(200, 1000, true);
    const last = events[events.length - 1];
    expect(last.ratePerSec).toBeGreaterThan(0);
    expect(last.ratePerSec).toBeLessThan(100_000);
    expect(last.etaSec).toBeGreaterThan(0);
    meter.finish('done', 1000, 1000);
    expect(events[events.length - 1]).toMatchObject({ phase: 'done', done: 1000, etaSec: 0 });
  });
});
