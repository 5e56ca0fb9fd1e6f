import { api } from '../api.ts';
import { useApp } from '../store/app-store.ts';

type Props = {
  jobId: string;
  /** Where a failed cancel goes; the app's error banners unless the caller shows it itself. */
  onError?: (err: unknown) => void;
};

/** The small "Cancel" button of a running job's progress. */
export function CancelJobButton({ jobId, onError }: Props) {
  const report = useApp((s) => s.report);
  return (
    <button
      type="button"
      className="button button-small"
      onClick={() => api.cancelJob({ jobId }).catch(onError ?? report)}
    >
      Cancel
    </button>
  );
}
