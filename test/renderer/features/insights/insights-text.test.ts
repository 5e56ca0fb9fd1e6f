import { describe, expect, it } from 'vitest';
import { firstOffer, formatMs, formatShare } from '../../../../renderer/features/insights/insights-text.ts';

const offer = (term: string, score: number, word = 'purse') => ({ term, score, for: word });

describe('insights text', () => {
  it('starts the synonym form with a term close in spelling and meaning, else in meaning, else in spelling', () => {
    const spelling = [offer('purple', 2), offer('pulse', 2)];
    const meaning = [offer('bag', 0.75), offer('pulse', 0.5)];
    expect(firstOffer({ query: 'purse', bySpelling: spelling, byEmbedding: meaning })).toEqual(
      offer('pulse', 2),
    );
    expect(firstOffer({ query: 'purse', bySpelling: [], byEmbedding: meaning })).toEqual(offer('bag', 0.75));
    expect(firstOffer({ query: 'purse', bySpelling: spelling, byEmbedding: [] })).toEqual(offer('purple', 2));
    expect(firstOffer({ query: 'purse', bySpelling: [], byEmbedding: [] })).toBeNull();
  });

  it('formats shares and latencies', () => {
    expect(formatShare(0.1234)).toBe('12.3 %');
    expect(formatMs(null)).toBe('–');
    expect(formatMs(0.42)).toBe('0.4 ms');
    expect(formatMs(123.4)).toBe('123 ms');
  });
});
