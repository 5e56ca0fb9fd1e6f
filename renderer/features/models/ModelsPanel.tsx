import { useEffect, useState } from 'react';
import type { JobProgress } from '../../../shared/types.ts';
import { api } from '../../api.ts';
import { readApiError } from '../../api-error.ts';
import { CancelJobButton } from '../../components/CancelJobButton.tsx';
import { formatBytes, formatCount, formatDuration, percent } from '../../components/format.ts';
import { selectCatalog, useApp } from '../../store/app-store.ts';
import { isRunning } from '../../store/jobs.ts';
import { useModels } from '../../store/models-store.ts';
import { modelJobLine, modelSpeed, modelUsers, remoteSource } from './model-text.ts';

function ProgressBar({ job, label }: { job: JobProgress; label: string }) {
  const pct = job.phase === 'done' ? 100 : percent(job.done, job.total);
  return (
    <div
      className={`progress progress-${job.phase}`}
      role="progressbar"
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={pct}
      aria-label={label}
    >
      <div className="progress-fill" style={{ width: `${pct}%` }} />
    </div>
  );
}

function FormError({ error }: { error: string | null }) {
  return error ? (
    <p className="form-error" role="alert">
      {error}
    </p>
  ) : null;
}

function InstalledModels() {
  const models = useModels((s) => s.models);
  const [error, setError] = useState<string | null>(null);
  if (!models) return <p className="loading">Measuring the models on this computer…</p>;
  return (
    <>
      <table className="models-table" aria-label="Installed models">
        <thead>
          <tr>
            <th scope="col">Model</th>
            <th scope="col">Dimensions</th>
            <th scope="col">Size</th>
            <th scope="col">Speed here</th>
            <th scope="col">Used by</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {models.map((m) => (
            <tr key={m.name}>
              <th scope="row">
                {m.name}
                {m.isDefault && <span className="model-tag">default</span>}
                {m.builtIn && <span className="model-tag">built in</span>}
              </th>
              <td>{m.dimensions}</td>
              <td>{formatBytes(m.bytes)}</td>
              <td>{modelSpeed(m)}</td>
              <td>{modelUsers(m)}</td>
              <td>
                {!m.builtIn && (
                  <button
                    type="button"
                    className="button button-small"
                    aria-label={`Remove ${m.name}`}
                    onClick={() => void useModels.getState().remove(m.name).then(setError)}
                  >
                    Remove
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <FormError error={error} />
    </>
  );
}

function AddModel() {
  const job = useModels((s) => s.job);
  const finished = useModels((s) => s.finished);
  const [remote, setRemote] = useState('');
  const [sha256, setSha256] = useState('');
  const [refused, setRefused] = useState<string | null>(null);
  const running = job !== null && finished === null;
  const start = (started: Promise<string | null>) => {
    setRefused(null);
    void started.then(setRefused);
  };
  const error = refused ?? (finished && !finished.ok ? (finished.error ?? 'The model was refused.') : null);
  return (
    <section aria-labelledby="add-model-title">
      <h3 id="add-model-title">Add a model</h3>
      <p>
        A sentence-transformers ONNX export (model.onnx or onnx/model.onnx, tokenizer.json, config.json,
        modules.json, 1_Pooling/config.json, sentence_bert_config.json), as a folder or a .zip. It is checked
        and its speed measured before it is listed.
      </p>
      <div className="models-actions">
        <button
          type="button"
          className="button"
          disabled={running}
          onClick={() => start(useModels.getState().addPicked('folder'))}
        >
          Add from folder…
        </button>
        <button
          type="button"
          className="button"
          disabled={running}
          onClick={() => start(useModels.getState().addPicked('zip'))}
        >
          Add from .zip…
        </button>
      </div>
      <form
        className="models-download"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          const source = remoteSource(remote);
          if (!source)
            setRefused(
              'Type a link (https://…) or a model-hub id such as sentence-transformers/all-MiniLM-L6-v2.',
            );
          else start(useModels.getState().add(source, sha256.trim() || undefined));
        }}
      >
        <label className="settings-field">
          <span>Download: URL or model-hub id</span>
          <input
            value={remote}
            spellCheck={false}
            placeholder="sentence-transformers/all-MiniLM-L6-v2"
            maxLength={4096}
            onChange={(e) => setRemote(e.target.value)}
          />
        </label>
        <label className="settings-field">
          <span>sha256 of a .zip (optional)</span>
          <input
            value={sha256}
            spellCheck={false}
            maxLength={64}
            onChange={(e) => setSha256(e.target.value)}
          />
        </label>
        <button type="submit" className="button" disabled={running || remote.trim() === ''}>
          Download
        </button>
      </form>
      {job && (
        <div className="model-job" aria-label="Model job">
          <ProgressBar job={job} label="Model progress" />
          <div className="job-stats">
            <span aria-live="polite">{modelJobLine(job)}</span>
            {running && (
              <button
                type="button"
                className="button button-small"
                onClick={() => useModels.getState().cancel()}
              >
                Cancel
              </button>
            )}
          </div>
          {finished?.ok && finished.model && (
            <p className="model-added" role="status">
              Added {finished.model.name}: {finished.model.dimensions} dimensions,{' '}
              {modelSpeed(finished.model)}.
            </p>
          )}
        </div>
      )}
      <FormError error={error} />
    </section>
  );
}

function CatalogModel() {
  const catalog = useApp(selectCatalog);
  const models = useModels((s) => s.models);
  const job = useApp((s) => (catalog ? s.jobs[catalog.id] : undefined));
  const [choice, setChoice] = useState('');
  const [error, setError] = useState<string | null>(null);
  const reembed = job?.progress.kind === 'reembed' ? job : undefined;
  const running = isRunning(job);
  const finishedOk = reembed?.finished?.ok;
  useEffect(() => {
    if (finishedOk) void useModels.getState().load();
  }, [finishedOk]);
  if (!catalog || !models) return null;
  const others = models.filter((m) => m.name !== catalog.model);
  const chosen = choice || others[0]?.name || '';
  const start = async () => {
    setError(null);
    try {
      const { jobId } = await api.startReembed({ catalogId: catalog.id, model: chosen });
      useApp.getState().jobStarted({ jobId, catalogId: catalog.id, kind: 'reembed' });
    } catch (err) {
      setError(readApiError(err).message);
    }
  };
  const progress = reembed?.progress;
  return (
    <section aria-labelledby="catalog-model-title">
      <h3 id="catalog-model-title">Model for “{catalog.name}”</h3>
      <p className="settings-now">
        Now: <strong>{catalog.model}</strong>
      </p>
      <p>
        Re-embedding builds the new vectors beside the current ones; search keeps working on the current ones
        and switches in one step when they are ready.
      </p>
      <div className="models-actions">
        <label className="settings-field">
          <span>Re-embed with</span>
          <select
            value={chosen}
            disabled={running || others.length === 0}
            onChange={(e) => setChoice(e.target.value)}
          >
            {others.map((m) => (
              <option key={m.name} value={m.name}>
                {m.name} ({m.dimensions}-d)
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="button button-primary"
          disabled={running || !chosen}
          onClick={() => void start()}
        >
          Re-embed
        </button>
      </div>
      {progress && (
        <div className="model-job" aria-label="Re-embed progress">
          <ProgressBar job={progress} label="Re-embed progress" />
          <div className="job-stats">
            <span>
              {formatCount(progress.done)} / {formatCount(progress.total)} products
            </span>
            <span>{formatCount(reembed?.finished?.reembed?.textsPerSec ?? progress.ratePerSec)} texts/s</span>
            <span>ETA {running ? formatDuration(progress.etaSec) : '—'}</span>
            {running && (
              <CancelJobButton
                jobId={progress.jobId}
                onError={(e: unknown) => setError(readApiError(e).message)}
              />
            )}
          </div>
          {reembed?.finished?.ok && reembed.finished.reembed?.swapped && (
            <p className="model-added" role="status">
              Re-embedded {formatCount(reembed.finished.reembed.embedded + reembed.finished.reembed.resumed)}{' '}
              products with {reembed.finished.reembed.model}; search now uses it.
            </p>
          )}
          {reembed?.finished?.ok && reembed.finished.reembed?.swapped === false && (
            <p role="status">
              Cancelled after{' '}
              {formatCount(reembed.finished.reembed.embedded + reembed.finished.reembed.resumed)} products;
              the catalog still uses {catalog.model}. Re-embedding again resumes from there.
            </p>
          )}
          {reembed?.finished && !reembed.finished.ok && (
            <p className="form-error">{reembed.finished.error}</p>
          )}
        </div>
      )}
      <FormError error={error} />
    </section>
  );
}

/** Settings → Models: what is installed, adding one, and which model the open catalog uses. */
export function ModelsPanel() {
  useEffect(() => {
    void useModels.getState().load();
  }, []);
  return (
    <div className="models-panel">
      <InstalledModels />
      <CatalogModel />
      <AddModel />
    </div>
  );
}
