// The question being asked and its answer; kept outside the panel so switching screens does not lose them.
import { create } from 'zustand';
import type { Answer } from '../../shared/types.ts';
import { api } from '../api.ts';
import { useApp } from './app-store.ts';
import { useSettings } from './settings-store.ts';

type AskState = {
  question: string;
  answer: Answer | null;
  /** The local model configured when the answer came, to name who phrased it (or who was passed over). */
  model: string | null;
  busy: boolean;
  setQuestion(question: string): void;
  ask(catalogId: string, question: string): Promise<void>;
  reset(): void;
};

export const useAsk = create<AskState>()((set) => ({
  question: '',
  answer: null,
  model: null,
  busy: false,
  setQuestion: (question) => set({ question }),
  async ask(catalogId, question) {
    if (!question.trim()) return;
    // The previous answer goes at once: it must never stand for the new question.
    set({ busy: true, question, answer: null, model: null });
    try {
      const answer = await api.ask({ catalogId, question });
      const settings = useSettings.getState().settings;
      set({ answer, model: settings?.llmEndpoint ? settings.llmModel : null });
    } catch (err) {
      useApp.getState().report(err);
    } finally {
      set({ busy: false });
    }
  },
  reset: () => set({ question: '', answer: null, model: null, busy: false }),
}));
