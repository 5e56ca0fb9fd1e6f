import { useState } from 'react';
import { Modal } from '../../components/Modal.tsx';
import { useTeam } from '../../store/team-store.ts';
import type { TeamServerForm } from './TeamServerFields.tsx';
import { serverRequest, TeamFormError, TeamServerFields } from './TeamServerFields.tsx';

/** "Open team catalog…": a local copy of a catalog a colleague published, kept up to date live. */
export function OpenTeamDialog({ onClose }: { onClose(): void }) {
  const [form, setForm] = useState<TeamServerForm>({ server: '', name: '', password: '' });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  return (
    <Modal labelledBy="open-team-title" className="settings-dialog" onCancel={onClose}>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          setBusy(true);
          setError(null);
          void useTeam
            .getState()
            .open(serverRequest(form))
            .then((outcome) => {
              setBusy(false);
              if (outcome.ok) onClose();
              else setError(outcome.message);
            });
        }}
      >
        <h2 id="open-team-title">Open a team catalog</h2>
        <p>
          A copy of the catalog comes to this computer with its search vectors: search stays fast and works
          offline, and new versions arrive as they are published.
        </p>
        <TeamServerFields form={form} disabled={busy} onChange={setForm} />
        <TeamFormError lead="Not opened." error={error} />
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button
            type="submit"
            className="button button-primary"
            disabled={busy || !form.server.trim() || !form.name.trim()}
          >
            {busy ? 'Opening…' : 'Open'}
          </button>
        </div>
      </form>
    </Modal>
  );
}
