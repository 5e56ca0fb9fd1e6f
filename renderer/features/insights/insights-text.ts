// Words and numbers of the Insights screen, kept out of the components so they can be tested alone.
import type { SynonymSuggestions, TermSuggestion } from '../../../shared/insights.ts';

/** "12.5 %" from a share of 0..1. */
export function formatShare(share: number): string {
  return `${Math.round(share * 1000) / 10} %`;
}

export function formatMs(ms: number | null): string {
  if (ms === null) return '–';
  return ms < 10 ? `${ms.toFixed(1)} ms` : `${Math.round(ms)} ms`;
}

/**
 * The term the synonym form starts with: one both close in spelling and in meaning, else the closest in
 * meaning (what the catalog calls the thing), else the closest in spelling; null when none was found.
 */
export function firstOffer(s: SynonymSuggestions): TermSuggestion | null {
  const both = s.byEmbedding.find((e) => s.bySpelling.some((b) => b.term === e.term));
  const spelt = both && s.bySpelling.find((b) => b.term === both.term);
  return spelt ?? s.byEmbedding[0] ?? s.bySpelling[0] ?? null;
}
