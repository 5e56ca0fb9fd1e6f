// The app's settings as the engine last confirmed them; the ask screen reads which model is configured.
import { create } from 'zustand';
import type { Settings } from '../../shared/types.ts';
import { api } from '../api.ts';
import { readApiError } from '../api-error.ts';
import { useApp } from './app-store.ts';

type SettingsState = {
  settings: Settings | null;
  load(): Promise<void>;
  /** Resolves to the engine's reason when it refuses, so the form can show it next to the fields. */
  save(settings: Settings): Promise<string | null>;
};

export const useSettings = create<SettingsState>()((set) => ({
  settings: null,
  async load() {
    try {
      set({ settings: await api.getSettings({}) });
    } catch (err) {
      useApp.getState().report(err);
    }
  },
  async save(settings) {
    try {
      set({ settings: await api.setSettings(settings) });
      return null;
    } catch (err) {
      return readApiError(err).message;
    }
  },
}));
