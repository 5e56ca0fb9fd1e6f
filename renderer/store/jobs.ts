// How job events update what the indexing screen shows; pure so it can be tested without a page.
import type { JobFinished, JobProgress } from '../../shared/types.ts';

export type JobView = {
  progress: JobProgress;
  finished: JobFinished | null;
};

export type JobsByCatalog = Record<string, JobView>;

/** A job the renderer just started; its own events may already have arrived and win. */
export function onStarted(
  jobs: JobsByCatalog,
  started: Pick<JobProgress, 'jobId' | 'catalogId' | 'kind'>,
): JobsByCatalog {
  if (jobs[started.catalogId]?.progress.jobId === started.jobId) return jobs;
  const progress: JobProgress = {
    ...started,
    phase: 'reading',
    done: 0,
    total: 0,
    ratePerSec: 0,
    etaSec: null,
  };
  return { ...jobs, [started.catalogId]: { progress, finished: null } };
}

const STOPPED = new Set<JobProgress['phase']>(['cancelled', 'failed']);

export function onProgress(jobs: JobsByCatalog, progress: JobProgress): JobsByCatalog {
  const current = jobs[progress.catalogId];
  const sameJob = current?.progress.jobId === progress.jobId;
  // A late progress event of a job that already finished must not reopen it.
  if (current?.finished && sameJob) return jobs;
  // A stopped job reports how far it got; keep the total it was heading for, so it reads "384 / 3,960".
  const total =
    sameJob && STOPPED.has(progress.phase)
      ? Math.max(progress.total, current.progress.total)
      : progress.total;
  return { ...jobs, [progress.catalogId]: { progress: { ...progress, total }, finished: null } };
}

export function onFinished(jobs: JobsByCatalog, finished: JobFinished): JobsByCatalog {
  const current = jobs[finished.catalogId]?.progress;
  const base: JobProgress =
    current && current.jobId === finished.jobId
      ? current
      : {
          jobId: finished.jobId,
          catalogId: finished.catalogId,
          kind: 'import',
          phase: 'reading',
          done: 0,
          total: 0,
          ratePerSec: 0,
          etaSec: null,
        };
  const cancelled = !finished.ok && /cancel/i.test(finished.error ?? '');
  // An import whose indexing was cancelled still finishes ok (its rows are in); its last progress says so.
  const phase = STOPPED.has(base.phase)
    ? base.phase
    : finished.ok
      ? 'done'
      : cancelled
        ? 'cancelled'
        : 'failed';
  const total = Math.max(base.total, base.done);
  const progress: JobProgress = {
    ...base,
    phase,
    done: phase === 'done' ? total : base.done,
    total,
    etaSec: null,
  };
  return { ...jobs, [finished.catalogId]: { progress, finished } };
}

export const isRunning = (job: JobView | undefined) =>
  job !== undefined && job.finished === null && !['done', 'cancelled', 'failed'].includes(job.progress.phase);
