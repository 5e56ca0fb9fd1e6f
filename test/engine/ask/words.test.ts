import { describe, expect, it } from 'vitest';
import { editDistance, sameWord, stems, words } from '../../../electron/engine/ask/words.ts';

describe('words', () => {
  it('drops possessives and folds case and accents', () => {
    expect(words("Men's Shoes, KIDS' café").map((w) => w.text)).toEqual(['men', 'shoes', 'kids', 'cafe']);
  });

  it('gives the singular stems of plurals', () => {
    expect(stems('accessories')).toContain('accessory');
    expect(stems('dresses')).toContain('dress');
    expect(stems('scarves')).toContain('scarf');
    expect(stems('dress')).toEqual(['dress']);
  });

  it('matches plurals and small typos, but not short look-alikes', () => {
    const [shoes, accesories, show, men] = words('shoes accesories show men');
    const [shoe, accessories, women] = words('shoe accessories women');
    expect(sameWord(shoes, shoe)).toBe(true);
    expect(sameWord(accesories, accessories)).toBe(true);
    expect(sameWord(show, shoe)).toBe(false);
    expect(sameWord(men, women)).toBe(false);
  });

  it('stops counting edits beyond the maximum', () => {
    expect(editDistance('kitten', 'sitting', 3)).toBe(3);
    expect(editDistance('kitten', 'sitting', 1)).toBe(2);
  });
});
