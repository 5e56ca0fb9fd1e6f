import { describe, expect, it } from 'vitest';
import { typingLastWord, withTypo } from '../../../bench/lib/query-variants.ts';

describe('queries as a hurried user types them', () => {
  it('swaps two neighbouring letters in the middle of the longest word', () => {
    expect(withTypo('wireless headphones')).toBe('wireless headhpones');
    expect(withTypo('usb stick')).toBe('usb sitck');
    expect(withTypo('rtx 2060')).toBe('rtx 2060');
    // "ll" would swap into itself: the next distinct pair is swapped instead.
    expect(withTypo('balloon')).toBe('balolon');
  });

  it('cuts the last word to 60 % of its letters, never below 3', () => {
    expect(typingLastWord('wireless headphones')).toBe('wireless headph');
    expect(typingLastWord('apple watch')).toBe('apple wat');
    expect(typingLastWord('rtx 2060')).toBe('rtx 2060');
    expect(typingLastWord('ssd')).toBe('ssd');
  });
});
