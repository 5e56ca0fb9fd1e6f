import { useState } from 'react';
import type { CatalogInfo, TeamPublishResult } from '../../../shared/types.ts';
import { Modal } from '../../components/Modal.tsx';
import { formatCount } from '../../components/format.ts';
import { useTeam } from '../../store/team-store.ts';
import { isPublishConflict } from './team-text.ts';
import type { TeamServerForm } from './TeamServerFields.tsx';
import { serverRequest, TeamFormError, TeamServerFields } from './TeamServerFields.tsx';

/** "Share with team…": publishes the catalog (only what changed since the last time) to a PostgreSQL server. */
export function ShareDialog({ catalog, onClose }: { catalog: CatalogInfo; onClose(): void }) {
  const [form, setForm] = useState<TeamServerForm>({
    server: catalog.team?.server ?? '',
    name: catalog.team?.name ?? catalog.name,
    password: '',
  });
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<TeamPublishResult | null>(null);
  const [busy, setBusy] = useState(false);
  const conflict = error !== null && isPublishConflict(error);

  const publish = async (force: boolean) => {
    setBusy(true);
    setError(null);
    const outcome = await useTeam
      .getState()
      .publish({ catalogId: catalog.id, ...serverRequest(form), force });
    setBusy(false);
    if (outcome.ok) setDone(outcome.value);
    else setError(outcome.message);
  };

  return (
    <Modal labelledBy="share-title" className="settings-dialog" onCancel={onClose}>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (!done) void publish(false);
          else onClose();
        }}
      >
        <h2 id="share-title">Share “{catalog.name}” with your team</h2>
        <p>
          The catalog, its variants, synonyms and search vectors go to a PostgreSQL database your team shares.
          Colleagues open it from there and search their own copy, offline and without embedding anything
          again. Publishing again sends only what changed.
        </p>
        {done ? (
          <p className="settings-now" role="status">
            Published generation <strong>{done.generation}</strong> of “{done.name}”:{' '}
            {formatCount(done.inserted)} new, {formatCount(done.updated)} changed, {formatCount(done.removed)}{' '}
            removed, {formatCount(done.unchanged)} unchanged.
          </p>
        ) : (
          <TeamServerFields form={form} disabled={busy} onChange={setForm} />
        )}
        <TeamFormError lead="Not published." error={error} />
        <div className="dialog-actions">
          {conflict && (
            <button
              type="button"
              className="button settings-clear"
              disabled={busy}
              onClick={() => void publish(true)}
            >
              Replace the team’s catalog
            </button>
          )}
          {!done && (
            <button type="button" className="button" onClick={onClose}>
              Cancel
            </button>
          )}
          <button
            type="submit"
            className="button button-primary"
            disabled={busy || (!done && (!form.server.trim() || !form.name.trim()))}
          >
            {done ? 'Done' : busy ? 'Publishing…' : 'Publish'}
          </button>
        </div>
      </form>
    </Modal>
  );
}
