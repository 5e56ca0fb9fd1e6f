import { useState } from 'react';
import type { VariantLayout } from '../../../shared/health.ts';
import type { InsightsList } from '../../../shared/insights.ts';
import type { Filters, SearchMode } from '../../../shared/types.ts';
import { api } from '../../api.ts';
import { percent } from '../../components/format.ts';
import { useApp } from '../../store/app-store.ts';
import { isRunning } from '../../store/jobs.ts';
import { RESULT_LIMIT } from '../../store/search-store.ts';

type Props = {
  catalogId: string;
  /**
   * What is exported: the search as the screen shows it, a health finding (an empty query and its
   * filter), or an Insights list of queries (`insightsList`, which has no variants to lay out).
   */
  query?: string;
  mode?: SearchMode;
  filters?: Filters;
  insightsList?: InsightsList;
  /** The file name the save dialog proposes. */
  name: string;
  label?: string;
};

/** A file name from any text: "Near-duplicates #3" → "near-duplicates-3". */
function fileStem(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'products'
  );
}

/**
 * Exports the rows as shown to CSV or XLSX: the main process asks where to save (the file type follows
 * the name chosen), the engine writes it as a job, and the button reports its progress and outcome.
 */
export function ExportButton({
  catalogId,
  query = '',
  mode = 'hybrid',
  filters = {},
  insightsList,
  name,
  label = 'Export',
}: Props) {
  const [variants, setVariants] = useState<VariantLayout>('rows');
  const [jobId, setJobId] = useState<string | null>(null);
  const job = useApp((s) => s.jobs[catalogId]);
  const report = useApp((s) => s.report);
  const mine = job && job.progress.kind === 'export' && job.progress.jobId === jobId ? job : null;
  const running = mine !== null && isRunning(mine);

  const start = async () => {
    try {
      const picked = await api.pickSaveFile({ defaultName: `${fileStem(name)}.csv` });
      if (!picked) return;
      const started = await api.startExport({
        catalogId,
        out: picked.path,
        query,
        mode,
        filters,
        variants,
        limit: RESULT_LIMIT,
        report: insightsList,
      });
      setJobId(started.jobId);
      useApp.getState().jobStarted({ jobId: started.jobId, catalogId, kind: 'export' });
    } catch (err) {
      report(err);
    }
  };

  return (
    <span className="export-control">
      <button type="button" className="button button-small" disabled={running} onClick={() => void start()}>
        {label}
      </button>
      {!insightsList && (
        <select
          className="export-variants"
          aria-label="Variants in the export"
          value={variants}
          onChange={(event) => setVariants(event.target.value as VariantLayout)}
        >
          <option value="rows">variants as rows</option>
          <option value="nested">variants nested</option>
        </select>
      )}
      {mine && (
        <span className="export-status muted" role="status">
          {running
            ? `Exporting… ${percent(mine.progress.done, mine.progress.total)} %`
            : mine.progress.phase === 'done'
              ? (mine.progress.message ?? 'Exported')
              : `Export ${mine.progress.phase}${mine.finished?.error ? `: ${mine.finished.error}` : ''}`}
          {running && (
            <button
              type="button"
              className="link-button"
              onClick={() => api.cancelJob({ jobId: mine.progress.jobId }).catch(report)}
            >
              Cancel
            </button>
          )}
        </span>
      )}
    </span>
  );
}
