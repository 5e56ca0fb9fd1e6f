import { describe, expect, it } from 'vitest';
import { splitHighlights } from '../../../renderer/components/highlight.ts';

const marked = (text: string, terms: string[]) =>
  splitHighlights(text, terms)
    .map((s) => (s.match ? `[${s.text}]` : s.text))
    .join('');

describe('splitHighlights', () => {
  it('marks every term at word starts, case-insensitively, keeping the original text', () => {
    expect(marked('Leather Boots, leather boot-laces', ['leather', 'boot'])).toBe(
      '[Leather] [Boot]s, [leather] [boot]-laces',
    );
    expect(marked('Reboot the boot', ['boot'])).toBe('Reboot the [boot]');
  });

  it('prefers the longer of overlapping terms and treats regex characters literally', () => {
    expect(marked('rain jacket', ['rain', 'rain jacket'])).toBe('[rain jacket]');
    expect(marked('Size (M) 1.5', ['(m)', '1.5'])).toBe('Size [(M)] [1.5]');
    expect(marked('a.b', ['.'])).toBe('a.b');
  });

  it('matches non-Latin letters and leaves text without terms whole', () => {
    expect(marked('Überjacke für Kälte', ['kälte', 'überjacke'])).toBe('[Überjacke] für [Kälte]');
    expect(splitHighlights('plain', [])).toEqual([{ text: 'plain', match: false }]);
    expect(splitHighlights('', ['x'])).toEqual([]);
  });
});
