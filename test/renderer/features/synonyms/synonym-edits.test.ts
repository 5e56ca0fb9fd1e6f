import { describe, expect, it } from 'vitest';
import { hasEdits } from '../../../../renderer/features/synonyms/synonym-text.ts';

const row = (key: number, text: string) => ({ key, text, error: null });

describe('unsaved synonym edits', () => {
  const saved = [
    ['laptop', 'notebook'],
    ['tv', 'television'],
  ];

  it('are none when the rows show the saved groups, even after a change typed back', () => {
    expect(hasEdits({ saved, rows: [row(1, 'laptop, notebook'), row(2, 'tv, television')] })).toBe(false);
    expect(hasEdits({ saved: [], rows: [] })).toBe(false);
  });

  it('are seen for a changed, added or removed row', () => {
    expect(hasEdits({ saved, rows: [row(1, 'laptop, notebook, ultrabook'), row(2, 'tv, television')] })).toBe(
      true,
    );
    expect(
      hasEdits({ saved, rows: [row(1, 'laptop, notebook'), row(2, 'tv, television'), row(3, '')] }),
    ).toBe(true);
    expect(hasEdits({ saved, rows: [row(1, 'laptop, notebook')] })).toBe(true);
  });
});
