import { useApp } from '../../store/app-store.ts';
import { useImport } from '../../store/import-store.ts';
import { JobPanel } from '../indexing/JobPanel.tsx';
import { RejectedRows } from '../indexing/RejectedRows.tsx';
import { ImportPreview } from './ImportPreview.tsx';
import { pickAndPreview } from './pick-file.ts';
import { SUPPORTED_FORMATS, SUPPORTED_PLATFORMS } from './platforms.ts';

export function DropTarget() {
  return (
    <section className="card drop-target">
      <h2>Import a catalog</h2>
      <p>Drop a shop export or catalog file anywhere on this window, or</p>
      <button type="button" className="button button-primary" onClick={() => void pickAndPreview()}>
        Choose a file…
      </button>
      <p className="hint supported-formats">
        Reads {SUPPORTED_PLATFORMS}, or {SUPPORTED_FORMATS} (gzipped files too).
      </p>
    </section>
  );
}

export function ImportView() {
  const catalogId = useApp((s) => s.catalogId);
  const previewing = useImport((s) => s.path !== null);
  // What needs attention comes first: the file being prepared, then the job and its rejects, then a new import.
  return (
    <div className="import-view">
      {previewing && <ImportPreview />}
      {catalogId && <JobPanel catalogId={catalogId} />}
      {catalogId && <RejectedRows catalogId={catalogId} />}
      {!previewing && <DropTarget />}
    </div>
  );
}
