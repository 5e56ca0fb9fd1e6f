import { describe, expect, it } from 'vitest';
import { findingLabel } from '../../../../renderer/features/health/finding-label.ts';

describe('findingLabel', () => {
  it('names coverage, grouped and whole findings in words', () => {
    expect(findingLabel('missing:field:brand')).toBe('brand missing');
    expect(findingLabel('thin:attribute:Colour')).toBe('attribute “Colour” is a placeholder');
    expect(findingLabel('option-gap:Size')).toBe('variants without option “Size”');
    expect(findingLabel('duplicates#3')).toBe('near-duplicates, group 3');
    expect(findingLabel('price-outlier')).toBe('price outliers');
    expect(findingLabel('something-new')).toBe('something-new');
  });
});
