import { ExportButton } from '../export/ExportButton.tsx';
import { findingLabel } from './finding-label.ts';
import { openFinding } from './open-finding.ts';

/** A finding's two ways out: its products in the search screen, and the same rows in a file. */
export function FindingActions({ catalogId, findingRef }: { catalogId: string; findingRef: string | null }) {
  if (!findingRef) return null;
  return (
    <span className="finding-actions">
      <button type="button" className="link-button" onClick={() => openFinding(findingRef)}>
        Show products
      </button>
      <ExportButton catalogId={catalogId} filters={{ health: findingRef }} name={findingLabel(findingRef)} />
    </span>
  );
}
