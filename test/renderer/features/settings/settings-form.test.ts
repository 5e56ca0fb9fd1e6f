import { describe, expect, it } from 'vitest';
import { Settings } from '../../../../shared/types.ts';
import { answererLabel, fromForm, toForm } from '../../../../renderer/features/settings/settings-form.ts';

const form = (endpoint: string, model: string, timeoutSec: string, queryLog = true) => ({
  endpoint,
  model,
  timeoutSec,
  queryLog,
});

describe('settings form', () => {
  it('round-trips settings, the timeout shown in seconds', () => {
    const settings = {
      llmEndpoint: 'http://127.0.0.1:11434/v1',
      llmModel: 'llama3.2',
      llmTimeoutMs: 2500,
      queryLog: false,
    };
    expect(toForm(settings)).toEqual(form('http://127.0.0.1:11434/v1', 'llama3.2', '2.5', false));
    expect(fromForm(toForm(settings))).toEqual({ settings });
  });

  it('shows the query log on when settings saved before it existed do not mention it', () => {
    expect(toForm({ llmEndpoint: null, llmModel: null, llmTimeoutMs: 1000 }).queryLog).toBe(true);
  });

  it('turns blank fields into "no model" and trims what was typed', () => {
    const parsed = fromForm(form('  ', '', '15'));
    expect(parsed).toEqual({
      settings: { llmEndpoint: null, llmModel: null, llmTimeoutMs: 15_000, queryLog: true },
    });
    expect(fromForm(form(' http://localhost:8080 ', ' qwen ', '1,5'))).toEqual({
      settings: {
        llmEndpoint: 'http://localhost:8080',
        llmModel: 'qwen',
        llmTimeoutMs: 1500,
        queryLog: true,
      },
    });
  });

  it('produces only what the contract accepts', () => {
    for (const timeout of ['0.5', '120', '7']) {
      const parsed = fromForm(form('', '', timeout));
      expect('settings' in parsed && Settings.safeParse(parsed.settings).success).toBe(true);
    }
  });

  it('refuses a timeout out of range and an endpoint without a model, or the other way round', () => {
    for (const timeout of ['', 'soon', '0.2', '121', '-3']) {
      expect(fromForm(form('', '', timeout))).toHaveProperty('error');
    }
    expect(fromForm(form('http://127.0.0.1:1234', '', '15'))).toEqual({
      error: 'Enter the name of the model to use at that address.',
    });
    expect(fromForm(form('', 'llama3.2', '15'))).toHaveProperty('error');
  });

  it('names who answers', () => {
    expect(answererLabel({ llmEndpoint: null, llmModel: null, llmTimeoutMs: 1000 })).toBe(
      'built-in engine only',
    );
    expect(answererLabel({ llmEndpoint: 'http://[::1]:1/v1', llmModel: 'm', llmTimeoutMs: 1000 })).toBe(
      'phrased by local model m',
    );
  });
});
