import { useApp } from '../../store/app-store.ts';
import { useImport } from '../../store/import-store.ts';
import { JobPanel } from '../indexing/JobPanel.tsx';
import { RejectedRows } from '../indexing/RejectedRows.tsx';
import { ImportPreview } from './ImportPreview.tsx';
import { pickAndPreview } from './pick-file.ts';

export function DropTarget() {
  return (
    <section className="card drop-target">
      <h2>Import a catalog</h2>
      <p>Drop a CSV, TSV, JSON, JSONL or XLSX file anywhere on this window (gzipped files too), or</p>
      <button type="button" className="button button-primary" onClick={() => void pickAndPreview()}>
        Choose a file…
      </button>
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
