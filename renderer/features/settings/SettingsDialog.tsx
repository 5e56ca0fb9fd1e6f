import { useState } from 'react';
import type { Settings } from '../../../shared/types.ts';
import { Modal } from '../../components/Modal.tsx';
import { ModelsPanel } from '../models/ModelsPanel.tsx';
import { useSettings } from '../../store/settings-store.ts';
import { answererLabel, fromForm, toForm } from './settings-form.ts';
import type { SettingsForm } from './settings-form.ts';

const sentence = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1).replace(/\.?$/, '.')}`;

type SettingsTab = 'answers' | 'models';

function SettingsTabs({ tab, onChange }: { tab: SettingsTab; onChange(tab: SettingsTab): void }) {
  const labels: Record<SettingsTab, string> = { answers: 'Answers', models: 'Models' };
  return (
    <div className="settings-tabs" role="tablist" aria-label="Settings sections">
      {(Object.keys(labels) as SettingsTab[]).map((key) => (
        <button
          key={key}
          type="button"
          role="tab"
          aria-selected={tab === key}
          className={tab === key ? 'settings-tab settings-tab-active' : 'settings-tab'}
          onClick={() => onChange(key)}
        >
          {labels[key]}
        </button>
      ))}
    </div>
  );
}

/**
 * A modal <dialog> with two sections: the optional local language model (closes once the engine
 * accepts it) and Models (installed embedding models, adding one, the open catalog's model).
 */
export function SettingsDialog({ settings, onClose }: { settings: Settings; onClose(): void }) {
  const [form, setForm] = useState<SettingsForm>(() => toForm(settings));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [tab, setTab] = useState<SettingsTab>('answers');

  const submit = async (next: Settings) => {
    setBusy(true);
    const refused = await useSettings.getState().save(next);
    setBusy(false);
    if (refused) setError(sentence(refused));
    else onClose();
  };
  const field = (key: 'endpoint' | 'model' | 'timeoutSec') => ({
    value: form[key],
    disabled: busy,
    onChange: (event: { target: { value: string } }) => {
      setForm({ ...form, [key]: event.target.value });
      setError(null);
    },
  });
  const configured = settings.llmEndpoint !== null && settings.llmModel !== null;

  if (tab === 'models') {
    return (
      <Modal labelledBy="settings-title" className="settings-dialog settings-models" onCancel={onClose}>
        <h2 id="settings-title">Settings</h2>
        <SettingsTabs tab={tab} onChange={setTab} />
        <ModelsPanel />
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose}>
            Close
          </button>
        </div>
      </Modal>
    );
  }

  return (
    <Modal labelledBy="settings-title" className="settings-dialog" onCancel={onClose}>
      <h2 id="settings-title">Settings</h2>
      <SettingsTabs tab={tab} onChange={setTab} />
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          const parsed = fromForm(form);
          if ('error' in parsed) setError(parsed.error);
          else void submit(parsed.settings);
        }}
      >
        <h3>Local language model (optional)</h3>
        <p>
          Questions are always answered from the catalog by the built-in engine. If a model server runs on
          this computer (Ollama, llama.cpp, LM Studio or any OpenAI-compatible one), it can phrase the
          answers; the built-in answer is kept when the model is slow, unreachable, or cites anything that is
          not in the catalog. Only addresses on this computer are accepted.
        </p>
        <p className="settings-now">
          Now: <strong>{answererLabel(settings)}</strong>
        </p>
        <label className="settings-field">
          <span>Endpoint URL</span>
          <input
            type="url"
            placeholder="http://127.0.0.1:11434/v1"
            spellCheck={false}
            maxLength={500}
            autoFocus
            {...field('endpoint')}
          />
        </label>
        <label className="settings-field">
          <span>Model name</span>
          <input placeholder="e.g. llama3.2" spellCheck={false} maxLength={200} {...field('model')} />
        </label>
        <label className="settings-field">
          <span>Timeout (seconds)</span>
          <input inputMode="decimal" className="settings-timeout" {...field('timeoutSec')} />
        </label>
        <h3>Search insights</h3>
        <label className="settings-check">
          <input
            type="checkbox"
            checked={form.queryLog}
            disabled={busy}
            onChange={(event) => setForm({ ...form, queryLog: event.target.checked })}
          />
          <span>
            Keep a log of searches for the Insights view (top, zero-result and slow queries). It is stored
            with each catalog on this computer and never leaves it.
          </span>
        </label>
        {error && (
          <p className="form-error" role="alert">
            <strong>Not saved.</strong> {error}
          </p>
        )}
        <div className="dialog-actions">
          {configured && (
            <button
              type="button"
              className="button settings-clear"
              disabled={busy}
              onClick={() => void submit({ ...settings, llmEndpoint: null, llmModel: null })}
            >
              Clear model
            </button>
          )}
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? 'Saving…' : 'Save'}
          </button>
        </div>
      </form>
    </Modal>
  );
}
