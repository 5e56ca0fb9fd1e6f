import { describe, expect, it } from 'vitest';
import { formatGroup, parseGroup } from '../../../../renderer/features/synonyms/synonym-text.ts';

describe('parseGroup', () => {
  it('splits on commas, trims, squeezes spaces and drops blanks and case-insensitive repeats', () => {
    expect(parseGroup(' spectacles ,sunglasses,, Sunglasses,  in   ear  ')).toEqual({
      terms: ['spectacles', 'sunglasses', 'in ear'],
    });
  });

  it('refuses a group with fewer than two different terms', () => {
    expect(parseGroup('sunglasses')).toHaveProperty('error');
    expect(parseGroup('Tee, tee')).toHaveProperty('error');
    expect(parseGroup(' , ')).toHaveProperty('error');
  });

  it('says which contract limit a group breaks', () => {
    const long = parseGroup(`shoe, ${'x'.repeat(101)}`);
    expect('error' in long && long.error).toMatch(/100 characters/);
    const many = parseGroup(Array.from({ length: 51 }, (_, i) => `term${i}`).join(','));
    expect('error' in many && many.error).toMatch(/50 terms/);
  });

  it('reads back what formatGroup writes', () => {
    const group = ['laptop', 'notebook computer'];
    expect(parseGroup(formatGroup(group))).toEqual({ terms: group });
  });
});
