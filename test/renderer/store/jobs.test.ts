import { describe, expect, it } from 'vitest';
import type { JobProgress } from '../../../shared/types.ts';
import { isRunning, onFinished, onProgress, onStarted } from '../../../renderer/store/jobs.ts';

const progress = (over: Partial<JobProgress> = {}): JobProgress => ({
  jobId: 'j1',
  catalogId: 'c',
  kind: 'import',
  phase: 'embedding',
  done: 40,
  total: 99,
  ratePerSec: 120,
  etaSec: 1,
  ...over,
});

describe('job state', () => {
  it('follows progress and shows a successful job at 100 %', () => {
    let jobs = onStarted({}, { jobId: 'j1', catalogId: 'c', kind: 'import' });
    expect(isRunning(jobs.c)).toBe(true);
    jobs = onProgress(jobs, progress());
    expect(jobs.c.progress.done).toBe(40);
    jobs = onFinished(jobs, { jobId: 'j1', catalogId: 'c', ok: true });
    expect(jobs.c.progress).toMatchObject({ phase: 'done', done: 99, total: 99, etaSec: null });
    expect(isRunning(jobs.c)).toBe(false);
  });

  it('ignores late events of a finished job and a start that its own events overtook', () => {
    const finished = onFinished(onProgress({}, progress()), { jobId: 'j1', catalogId: 'c', ok: true });
    expect(onProgress(finished, progress({ done: 50 }))).toBe(finished);
    const moving = onProgress({}, progress({ done: 70 }));
    expect(onStarted(moving, { jobId: 'j1', catalogId: 'c', kind: 'import' })).toBe(moving);
    const next = onProgress(finished, progress({ jobId: 'j2', done: 1 }));
    expect(next.c.progress.jobId).toBe('j2');
  });

  it('keeps an import whose indexing was cancelled as cancelled, with the total it was heading for', () => {
    let jobs = onProgress({}, progress({ done: 384, total: 3960 }));
    jobs = onProgress(jobs, progress({ phase: 'cancelled', done: 384, total: 384 }));
    expect(jobs.c.progress).toMatchObject({ phase: 'cancelled', done: 384, total: 3960 });
    jobs = onFinished(jobs, { jobId: 'j1', catalogId: 'c', ok: true });
    expect(jobs.c.progress).toMatchObject({ phase: 'cancelled', done: 384, total: 3960 });
  });

  it('tells a cancelled job from a failed one', () => {
    const running = onProgress({}, progress());
    const cancelled = onFinished(running, {
      jobId: 'j1',
      catalogId: 'c',
      ok: false,
      error: 'cancelled by the user',
    });
    expect(cancelled.c.progress).toMatchObject({ phase: 'cancelled', done: 40 });
    const failed = onFinished(running, { jobId: 'j1', catalogId: 'c', ok: false, error: 'disk full' });
    expect(failed.c.progress.phase).toBe('failed');
  });
});
