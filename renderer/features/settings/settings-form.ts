// The settings form's text boxes and the contract's Settings: the timeout is typed in seconds, blanks mean
// "no model". Which endpoints are allowed is the engine's rule; it refuses the rest with a message.
import type { Settings } from '../../../shared/types.ts';

export type SettingsForm = { endpoint: string; model: string; timeoutSec: string; queryLog: boolean };

const MIN_TIMEOUT_MS = 500;
const MAX_TIMEOUT_MS = 120_000;

export function toForm(settings: Settings): SettingsForm {
  return {
    endpoint: settings.llmEndpoint ?? '',
    model: settings.llmModel ?? '',
    timeoutSec: String(settings.llmTimeoutMs / 1000),
    queryLog: settings.queryLog !== false,
  };
}

export function fromForm(form: SettingsForm): { settings: Settings } | { error: string } {
  const endpoint = form.endpoint.trim();
  const model = form.model.trim();
  const seconds = Number(form.timeoutSec.trim().replace(',', '.'));
  const timeoutMs = Math.round(seconds * 1000);
  if (form.timeoutSec.trim() === '' || !Number.isFinite(seconds) || timeoutMs < MIN_TIMEOUT_MS) {
    return { error: `The timeout must be a number of seconds, at least ${MIN_TIMEOUT_MS / 1000}.` };
  }
  if (timeoutMs > MAX_TIMEOUT_MS)
    return { error: `The timeout can be at most ${MAX_TIMEOUT_MS / 1000} seconds.` };
  // The engine only asks a model when both are set; one without the other would silently do nothing.
  if (endpoint && !model) return { error: 'Enter the name of the model to use at that address.' };
  if (model && !endpoint) return { error: 'Enter the address of the model server too.' };
  return {
    settings: {
      llmEndpoint: endpoint || null,
      llmModel: model || null,
      llmTimeoutMs: timeoutMs,
      queryLog: form.queryLog,
    },
  };
}

/** Who answers questions with these settings, in the words the app shows. */
export function answererLabel(settings: Settings): string {
  return settings.llmEndpoint && settings.llmModel
    ? `phrased by local model ${settings.llmModel}`
    : 'built-in engine only';
}
