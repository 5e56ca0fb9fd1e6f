import { describe, expect, it } from 'vitest';
import { mappingEdited } from '../../../../renderer/features/import/platforms.ts';
import { variantChangesText } from '../../../../renderer/features/indexing/variant-changes.ts';

describe('import screens', () => {
  it('tells an edited mapping from the one the preview detected', () => {
    const detected = { id: 'Handle', name: 'Title', price: 'Variant Price' };
    expect(mappingEdited(detected, { ...detected })).toBe(false);
    expect(mappingEdited(detected, { ...detected, price: 'Cost per item' })).toBe(true);
    expect(mappingEdited(detected, { id: 'Handle', name: 'Title' })).toBe(true);
    expect(mappingEdited(detected, { ...detected, season: 'Tags' })).toBe(true);
  });

  it('lists the variant changes that are not zero, and none when no variant was seen', () => {
    expect(variantChangesText({ added: 15, updated: 0, unchanged: 0, removed: 0 })).toBe('15 added');
    expect(variantChangesText({ added: 1, updated: 2, unchanged: 10, removed: 3 })).toBe(
      '1 added, 2 updated, 10 unchanged, 3 removed',
    );
    expect(variantChangesText({ added: 0, updated: 0, unchanged: 0, removed: 0 })).toBeNull();
    expect(variantChangesText(undefined)).toBeNull();
  });
});
