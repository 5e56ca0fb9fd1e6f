import { describe, expect, it } from 'vitest';
import { splitCategory } from '../../../renderer/components/category.ts';

describe('splitCategory', () => {
  it('parts a category path into its leaf and the levels above', () => {
    expect(splitCategory('Apparel & Accessories > Clothing > Pants > Jeans')).toEqual({
      parents: 'Apparel & Accessories > Clothing > Pants',
      leaf: 'Jeans',
    });
    expect(splitCategory('Hat')).toEqual({ parents: null, leaf: 'Hat' });
    // Only " > " separates levels: "A>B" is one name.
    expect(splitCategory('A>B')).toEqual({ parents: null, leaf: 'A>B' });
  });
});
