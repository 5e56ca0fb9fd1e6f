import { useState } from 'react';
import { useSettings } from '../../store/settings-store.ts';
import { answererLabel } from './settings-form.ts';
import { SettingsDialog } from './SettingsDialog.tsx';

/** The sidebar's way into settings; it also says who answers questions, so a configured model is visible. */
export function SettingsButton() {
  const settings = useSettings((s) => s.settings);
  const [open, setOpen] = useState(false);
  if (!settings) return null;
  return (
    <div className="sidebar-footer">
      <button type="button" className="button button-small" onClick={() => setOpen(true)}>
        Settings
      </button>
      <span className="sidebar-note">Answers: {answererLabel(settings)}</span>
      {open && <SettingsDialog settings={settings} onClose={() => setOpen(false)} />}
    </div>
  );
}
