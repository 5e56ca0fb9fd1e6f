import { useEffect } from 'react';
import { detectionLine } from '../../../shared/types.ts';
import type { ImportResult, JobPhase, JobProgress } from '../../../shared/types.ts';
import { api } from '../../api.ts';
import { CancelJobButton } from '../../components/CancelJobButton.tsx';
import { formatCount, formatDuration, percent } from '../../components/format.ts';
import { selectCatalog, useApp } from '../../store/app-store.ts';
import { isRunning } from '../../store/jobs.ts';
import { variantChangesText } from './variant-changes.ts';

const PHASES: Record<JobPhase, string> = {
  reading: 'Reading rows',
  embedding: 'Embedding products',
  saving: 'Saving the index',
  done: 'Done',
  cancelled: 'Cancelled',
  failed: 'Failed',
  scanning: 'Checking products',
  comparing: 'Comparing embeddings',
  writing: 'Writing the file',
  downloading: 'Downloading',
  checking: 'Checking',
};

/** Every job of a catalog shows here, the health check and exports too (one job at a time per catalog). */
const KINDS: Record<JobProgress['kind'], string> = {
  import: 'Import',
  index: 'Indexing',
  health: 'Health check',
  export: 'Export',
  reembed: 'Re-embedding',
  model: 'Adding a model',
  publish: 'Publishing to the team',
  sync: 'Team sync',
};

/** What the file was read as, so a wrong guess (a generic CSV where a Shopify export was meant) shows. */
function Detection({ result }: { result: ImportResult }) {
  if (!result.detection) return null;
  const variants = variantChangesText(result.variantChanges);
  return (
    <div className="job-detection">
      <p data-testid="import-detection">{detectionLine(result.detection)}</p>
      {variants && (
        <p className="hint" data-testid="variant-changes">
          Variants: {variants}
        </p>
      )}
    </div>
  );
}

function ResultSummary({ catalogId }: { catalogId: string }) {
  const finished = useApp((s) => s.jobs[catalogId]?.finished);
  if (!finished) return null;
  if (!finished.ok) return <p className="job-error">{finished.error ?? 'The job stopped.'}</p>;
  const result = finished.result;
  if (!result) return null;
  const counts: [string, number][] = [
    ['imported', result.imported],
    ['updated', result.updated],
    ['unchanged', result.unchanged],
    ['removed', result.removed],
    ['rejected', result.rejected],
    ['embedded', result.embedded],
  ];
  return (
    <>
      <Detection result={result} />
      <dl className="job-summary" aria-label="Import result">
        {counts.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{formatCount(value)}</dd>
          </div>
        ))}
        <div>
          <dt>took</dt>
          <dd>{formatDuration(result.tookMs / 1000)}</dd>
        </div>
      </dl>
    </>
  );
}

export function JobPanel({ catalogId }: { catalogId: string }) {
  const job = useApp((s) => s.jobs[catalogId]);
  const catalog = useApp(selectCatalog);
  const { jobProgress, jobStarted, report } = useApp.getState();
  const running = isRunning(job);

  // A window opened while a job runs (or after a restart) picks its progress up again.
  useEffect(() => {
    let live = true;
    api
      .currentJob({ catalogId })
      .then((current) => {
        if (live && current) jobProgress(current);
      })
      .catch(report);
    return () => {
      live = false;
    };
  }, [catalogId, jobProgress, report]);

  const unindexed = catalog ? catalog.products - catalog.embedded : 0;
  const resume = async () => {
    try {
      const { jobId } = await api.startIndex({ catalogId });
      jobStarted({ jobId, catalogId, kind: 'index' });
    } catch (err) {
      report(err);
    }
  };

  if (!job) {
    if (unindexed <= 0) return null;
    return (
      <section className="card job" aria-label="Indexing">
        <h2>Semantic index incomplete</h2>
        <p>
          {formatCount(unindexed)} of {formatCount(catalog?.products ?? 0)} products are not indexed for
          semantic search yet.
        </p>
        <button type="button" className="button button-primary" onClick={() => void resume()}>
          Resume indexing
        </button>
      </section>
    );
  }

  const { progress } = job;
  const pct = progress.phase === 'done' ? 100 : percent(progress.done, progress.total);
  // Once a job is over its live rate is meaningless; show the average over the whole job instead.
  const tookMs = job.finished?.result?.tookMs;
  const rate = !running && tookMs ? progress.total / (tookMs / 1000) : progress.ratePerSec;
  return (
    <section className="card job" aria-label={`${KINDS[progress.kind]} progress`}>
      <header className="job-header">
        <h2>
          {KINDS[progress.kind]}: <span className="job-phase">{PHASES[progress.phase]}</span>
        </h2>
        <span className="job-percent" aria-live="polite">
          {pct} %
        </span>
      </header>
      <div
        className={`progress progress-${progress.phase}`}
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct}
        aria-label="Progress"
      >
        <div className="progress-fill" style={{ width: `${pct}%` }} />
      </div>
      <div className="job-stats">
        <span>
          {formatCount(progress.done)} / {formatCount(progress.total)}
        </span>
        <span>{formatCount(rate)} rows/s</span>
        <span>ETA {running ? formatDuration(progress.etaSec) : '—'}</span>
        {progress.message && <span className="job-message">{progress.message}</span>}
        {running && <CancelJobButton jobId={progress.jobId} />}
        {!running && unindexed > 0 && (
          <button type="button" className="button button-small button-primary" onClick={() => void resume()}>
            Resume indexing ({formatCount(unindexed)} left)
          </button>
        )}
      </div>
      <ResultSummary catalogId={catalogId} />
    </section>
  );
}
